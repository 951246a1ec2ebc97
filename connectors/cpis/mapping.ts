// CP-IS FHIR Bundle → our plan records (the same shape a pushed cpis.plan.v1 event stores).
import {
  NHS_NUMBER_SYSTEM,
  ODS_CODE_SYSTEM,
  PLAN_TYPE_SYSTEM,
  fhirFlag,
  fhirOrganization,
  fhirPatient,
  type FhirBundle,
  type FhirOrganization,
} from "./fhir-schema.ts";

export interface PulledCpisPlan {
  planType: "CPP" | "LAC" | "UCPP";
  status: "ACTIVE" | "ENDED";
  /** YYYY-MM-DD */
  startDate: string;
  endDate: string | null;
  organisationOdsCode: string;
  organisationName: string;
  contactPhone: string | null;
}

const PLAN_TYPES = new Set(["CPP", "LAC", "UCPP"]);

/**
 * The plans the Bundle holds for the patient with this NHS number. Flags entered in error, flags
 * for another patient and unknown plan types are left out.
 */
export function mapCpisBundle(bundle: FhirBundle, nhsNumber: string): PulledCpisPlan[] {
  const resources = bundle.entry.map((e) => e.resource);
  const patients = resources.flatMap((r) => {
    const p = fhirPatient.safeParse(r);
    return p.success ? [p.data] : [];
  });
  const patient = patients.find((p) =>
    p.identifier.some((i) => i.system === NHS_NUMBER_SYSTEM && i.value === nhsNumber),
  );
  if (!patient) return [];
  const organisations = new Map<string, FhirOrganization>(
    resources.flatMap((r) => {
      const o = fhirOrganization.safeParse(r);
      return o.success ? [[`Organization/${o.data.id}`, o.data] as [string, FhirOrganization]] : [];
    }),
  );
  const plans: PulledCpisPlan[] = [];
  for (const r of resources) {
    const parsed = fhirFlag.safeParse(r);
    if (!parsed.success) continue;
    const flag = parsed.data;
    if (flag.status === "entered-in-error") continue;
    if (flag.subject.reference !== `Patient/${patient.id}`) continue;
    const code = flag.code.coding.find((c) => c.system === PLAN_TYPE_SYSTEM)?.code;
    if (!code || !PLAN_TYPES.has(code)) continue;
    const org = flag.author ? organisations.get(flag.author.reference) : undefined;
    const odsCode = org?.identifier.find((i) => i.system === ODS_CODE_SYSTEM)?.value;
    const endDate = flag.period.end?.slice(0, 10) ?? null;
    plans.push({
      planType: code as PulledCpisPlan["planType"],
      status: flag.status === "active" ? "ACTIVE" : "ENDED",
      startDate: flag.period.start.slice(0, 10),
      endDate,
      organisationOdsCode: odsCode ?? "UNKNOWN",
      organisationName: org?.name ?? "Unknown local authority",
      contactPhone: org?.telecom.find((t) => t.system === "phone")?.value ?? null,
    });
  }
  return plans;
}
