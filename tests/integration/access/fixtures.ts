// Children for the access tests, written straight into the test's database with Prisma:
// each with one police notification, one emergency attendance and one school attendance
// period, a consent history in a given state, and an open early help episode naming either
// the test's early help manager and lead professional or somebody else.
import { randomUUID } from "node:crypto";
import type { Db } from "#db/client.ts";

export const CONSENT_STATES = [
  "none",
  "given",
  "refused",
  "expired",
  "withdrawn",
  "override",
] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const EH_MANAGER = "ehm-1";
export const LEAD_PRO = "lp-1";
const DETAIL_SCOPE = ["POLICE", "HEALTH", "EDUCATION"] as const;
const HOUR = 3_600_000;

export async function createChild(
  db: Db,
  opts: { consent: ConsentState; related: boolean; tag: string },
): Promise<string> {
  const person = await db.person.create({
    data: { isChild: true, givenName: `Ada${opts.tag}`, familyName: "Test", postcode: "N1 1AA" },
  });
  const id = person.id;
  const now = Date.now();
  await db.earlyHelpEpisode.create({
    data: {
      personId: id,
      episodeId: `EH-${opts.tag}`,
      status: "OPEN",
      openedAt: new Date(now - 30 * 24 * HOUR),
      familyId: `FAM-${opts.tag}`,
      managerId: opts.related ? EH_MANAGER : "ehm-other",
      leadProfessionalId: opts.related ? LEAD_PRO : "lp-other",
    },
  });
  await db.policeNotification.create({
    data: {
      personId: id,
      merlinRef: `MER-${opts.tag}`,
      occurredAt: new Date(now - 2 * 24 * HOUR),
      category: "DOMESTIC_ABUSE",
      riskLevel: "MEDIUM",
      childPresent: true,
      summary: "Police attended a verbal argument at the home address.",
      officerCollar: "PC123",
    },
  });
  await db.edAttendance.create({
    data: {
      personId: id,
      attendanceId: `ED-${opts.tag}`,
      siteOdsCode: "RAL01",
      arrivedAt: new Date(now - 5 * 24 * HOUR),
      chiefComplaint: "Fall from height",
      injury: true,
      safeguardingConcern: false,
      dischargeDestination: "HOME",
    },
  });
  await db.schoolAttendance.create({
    data: {
      personId: id,
      schoolUrn: "100001",
      schoolName: "Hill Primary",
      periodStart: new Date("2026-09-01"),
      periodEnd: new Date("2026-10-31"),
      possibleSessions: 100,
      attendedSessions: 85,
      unauthorisedAbsenceSessions: 10,
      suspensions: 0,
      permanentlyExcluded: false,
      missingEducation: false,
    },
  });
  await setConsent(db, id, opts.consent);
  return id;
}

export async function setConsent(db: Db, personId: string, state: ConsentState): Promise<void> {
  const base = {
    personId,
    scope: [...DETAIL_SCOPE],
    recordedBy: "test",
    recordedRole: "MASH_SCREENER",
  };
  const t = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  switch (state) {
    case "none":
      return;
    case "given":
      await db.consentRecord.create({
        data: { ...base, status: "GIVEN", legalBasis: "CONSENT", recordedAt: t(10) },
      });
      return;
    case "refused":
      await db.consentRecord.create({
        data: { ...base, status: "REFUSED", legalBasis: "CONSENT", recordedAt: t(10) },
      });
      return;
    case "expired":
      await db.consentRecord.create({
        data: {
          ...base,
          status: "GIVEN",
          legalBasis: "CONSENT",
          recordedAt: t(60 * 24 * 40),
          expiresAt: t(60),
        },
      });
      return;
    case "withdrawn":
      await db.consentRecord.create({
        data: { ...base, status: "GIVEN", legalBasis: "CONSENT", recordedAt: t(20) },
      });
      await db.consentRecord.create({
        data: { ...base, status: "WITHDRAWN", legalBasis: "CONSENT", recordedAt: t(10) },
      });
      return;
    case "override":
      await db.consentRecord.create({
        data: { ...base, status: "REFUSED", legalBasis: "CONSENT", recordedAt: t(20) },
      });
      await db.consentRecord.create({
        data: {
          ...base,
          status: "OVERRIDDEN",
          legalBasis: "S47_SIGNIFICANT_HARM",
          justification: "Strategy discussion agreed risk of significant harm.",
          recordedRole: "MASH_MANAGER",
          recordedBy: "manager-1",
          recordedAt: t(10),
        },
      });
      return;
    default: {
      const never: never = state;
      return never;
    }
  }
}

/** access.md: may this role see a DETAIL field of a child in this consent state? */
export function entitledToDetail(role: string, consent: ConsentState, related: boolean): boolean {
  const mash = role === "MASH_SCREENER" || role === "MASH_MANAGER";
  const earlyHelp = role === "EARLY_HELP_MANAGER" || role === "LEAD_PROFESSIONAL";
  if (mash) return consent === "given" || consent === "override";
  if (earlyHelp) return related && consent === "given";
  return false;
}

/** A MASH notification about the child, so that workflow fields have something to show. */
export async function createNotification(db: Db, personId: string): Promise<string> {
  const { id } = await db.mashNotification.create({
    data: {
      personId,
      triggeringEventId: randomUUID(),
      dueBy: new Date(Date.now() + 4 * HOUR),
      proposedRag: "AMBER",
      reasons: [],
      ruleVersion: 1,
    },
  });
  return id;
}
