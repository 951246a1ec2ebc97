// The CP-IS answer as FHIR R4 JSON: a searchset Bundle holding the Patient (NHS number as an
// identifier), one Flag per plan (plan type coded, period, author = the responsible local
// authority) and the Organization resources the Flags name (ODS code, name, telephone).
import { z } from "zod";

export const NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
export const ODS_CODE_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
export const PLAN_TYPE_SYSTEM = "https://fhir.nhs.uk/CodeSystem/CPIS-PlanType";

const fhirDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, "must be a FHIR date");
const identifier = z.object({ system: z.string(), value: z.string() });
const coding = z.object({
  system: z.string().optional(),
  code: z.string(),
  display: z.string().optional(),
});

export const fhirPatient = z.object({
  resourceType: z.literal("Patient"),
  id: z.string(),
  identifier: z.array(identifier).default([]),
});

export const fhirFlag = z.object({
  resourceType: z.literal("Flag"),
  id: z.string(),
  status: z.enum(["active", "inactive", "entered-in-error"]),
  code: z.object({ coding: z.array(coding).min(1) }),
  subject: z.object({ reference: z.string() }),
  period: z.object({ start: fhirDate, end: fhirDate.optional() }),
  author: z.object({ reference: z.string() }).optional(),
});

export const fhirOrganization = z.object({
  resourceType: z.literal("Organization"),
  id: z.string(),
  identifier: z.array(identifier).default([]),
  name: z.string(),
  telecom: z
    .array(z.object({ system: z.string(), value: z.string(), use: z.string().optional() }))
    .default([]),
});

const otherResource = z.looseObject({ resourceType: z.string() });

export const fhirBundle = z.object({
  resourceType: z.literal("Bundle"),
  type: z.literal("searchset"),
  total: z.number().int().nonnegative().optional(),
  entry: z
    .array(
      z.object({
        fullUrl: z.string().optional(),
        resource: z.union([fhirPatient, fhirFlag, fhirOrganization, otherResource]),
      }),
    )
    .default([]),
});

export type FhirBundle = z.infer<typeof fhirBundle>;
export type FhirFlag = z.infer<typeof fhirFlag>;
export type FhirOrganization = z.infer<typeof fhirOrganization>;
export type FhirPatient = z.infer<typeof fhirPatient>;
