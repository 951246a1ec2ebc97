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
// EARLY_HELP too: consent covering it opens a referral's detail to early help roles (access.md v2)
const DETAIL_SCOPE = ["POLICE", "HEALTH", "EDUCATION", "EARLY_HELP"] as const;
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

/**
 * A referral about the child (made by `referralBy`), screened and decided, with a next action and
 * an escalation: so that REFERRAL_DETAIL and DECISION fields, and the chronology's MASH steps,
 * have something to show.
 */
export async function createDecidedReferral(
  db: Db,
  personId: string,
  referralBy: string,
): Promise<string> {
  const { randomUUID } = await import("node:crypto");
  const now = Date.now();
  const referralId = randomUUID();
  const n = await db.mashNotification.create({
    data: {
      personId,
      kind: "REFERRAL",
      triggeringEventId: referralId,
      createdAt: new Date(now - 3 * HOUR),
      dueBy: new Date(now + 20 * HOUR),
      proposedRag: "AMBER",
      rag: "AMBER",
      status: "CLOSED",
      rationale: "Screened against the thresholds.",
      screenedBy: "screener-1",
      screenedAt: new Date(now - 2 * HOUR),
      reasons: [],
      ruleVersion: 1,
      nextActions: ["EARLY_HELP_ASSESSMENT"],
    },
  });
  await db.referral.create({
    data: {
      id: referralId,
      notificationId: n.id,
      submittedBy: referralBy,
      submittedRole: "EARLY_HELP_MANAGER",
      receivedAt: new Date(now - 3 * HOUR),
      referrerName: "A referrer",
      referrerRole: "SCHOOL",
      concerns: "The child has been coming to school hungry and without a coat for weeks.",
      immediateRisk: false,
      familyMembers: [
        {
          givenName: "Jo",
          familyName: "Test",
          dateOfBirth: null,
          relationship: "MOTHER",
          livesWithChild: true,
        },
      ],
      previousSupport: "Pastoral support at school.",
      parentsInformed: true,
      consent: "GIVEN",
      identityOutcome: "GIVEN",
    },
  });
  await db.decision.create({
    data: {
      notificationId: n.id,
      outcome: "EARLY_HELP",
      rationale: "Needs can be met by an early help assessment.",
      decidedBy: "manager-1",
      decidedAt: new Date(now - HOUR),
      dueBy: new Date(now + 20 * HOUR),
      withinTimescale: true,
    },
  });
  await db.nextAction.create({
    data: { notificationId: n.id, action: "EARLY_HELP_ASSESSMENT", createdBy: "manager-1" },
  });
  await db.escalation.create({
    data: {
      notificationId: n.id,
      raisedBy: "The school's DSL",
      recordedBy: "screener-1",
      rationale: "The school thinks the risk is higher.",
    },
  });
  return n.id;
}
