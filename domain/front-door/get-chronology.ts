// Child.chronology (front-door.md "The chronology"): every agency record and MASH step about the
// child, oldest first: when, which agency or MASH, what kind, a one-line summary and the rating
// where there is one. Each summary carries the category of the record it comes from
// (`recordCategory`, applied by the access policy: a police summary is POLICE_DETAIL, a referral's
// REFERRAL_DETAIL, a decision's DECISION), so the chronology discloses nothing the record itself
// would not.
import type { Db } from "#db/client.ts";
import type { Prisma } from "#db/generated/client.ts";
import { badInput } from "#errors/domain-error.ts";
import { isRag, type Rag } from "#rag/index.ts";
import { outcomeMeaning } from "./outcomes.ts";
import { OUTCOMES, type ChronologyEntryView, type Outcome } from "./types.ts";

const CONTACT_INCLUDE = {
  referral: true,
  stepUpRequest: true,
  decision: true,
  escalations: true,
  dailyDiscussions: true,
} as const;

const ONE_LINE = 200;
const line = (text: string | null | undefined): string | null => {
  if (!text) return null;
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > ONE_LINE ? `${flat.slice(0, ONE_LINE - 1)}…` : flat;
};
const rag = (v: string | null | undefined): Rag | null => (isRag(v) ? v : null);
const isOutcome = (v: string): v is Outcome => (OUTCOMES as readonly string[]).includes(v);

export async function getChronology(
  db: Db,
  childId: string,
  first: number,
): Promise<ChronologyEntryView[]> {
  if (!Number.isInteger(first) || first < 1 || first > 1000) {
    throw badInput("first must be between 1 and 1000", { field: "first" });
  }
  const where = { personId: childId };
  const [police, ed, school, plans, episodes, contacts] = await Promise.all([
    db.policeNotification.findMany({ where }),
    db.edAttendance.findMany({ where }),
    db.schoolAttendance.findMany({ where }),
    db.cpisPlan.findMany({ where }),
    db.earlyHelpEpisode.findMany({ where }),
    db.mashNotification.findMany({
      where,
      include: CONTACT_INCLUDE,
    }),
  ]);
  const entries: ChronologyEntryView[] = [];
  const add = (e: Omit<ChronologyEntryView, "childId">) => entries.push({ childId, ...e });

  for (const p of police) {
    add({
      at: p.occurredAt,
      source: "POLICE",
      kind: "POLICE_NOTIFICATION",
      summary: line(p.summary) ?? `${p.category} (${p.riskLevel})`,
      rag: null,
      ref: p.id,
      recordCategory: "POLICE_DETAIL",
    });
  }
  for (const a of ed) {
    add({
      at: a.arrivedAt,
      source: "HEALTH",
      kind: "ED_ATTENDANCE",
      summary: line(a.chiefComplaint) ?? "Emergency department attendance",
      rag: null,
      ref: a.id,
      recordCategory: "HEALTH_DETAIL",
    });
  }
  for (const s of school) {
    const rate = s.possibleSessions > 0 ? s.attendedSessions / s.possibleSessions : 0;
    add({
      at: s.periodEnd,
      source: "EDUCATION",
      kind: "SCHOOL_ATTENDANCE",
      summary: line(
        `Attendance ${Math.round(rate * 100)}%${s.schoolName ? ` at ${s.schoolName}` : ""}, ` +
          `${s.periodStart.toISOString().slice(0, 10)} to ${s.periodEnd.toISOString().slice(0, 10)}`,
      ),
      rag: null,
      ref: s.id,
      recordCategory: "EDUCATION_DETAIL",
    });
  }
  for (const c of plans) {
    add({
      at: c.startDate,
      source: "CPIS",
      kind: "CPIS_PLAN",
      summary: line(`${c.planType} ${c.status}, ${c.organisationName}`),
      rag: null,
      ref: c.id,
      recordCategory: "FLAGS",
    });
  }
  for (const e of episodes) {
    add({
      at: e.openedAt,
      source: "EARLY_HELP",
      kind: "EARLY_HELP_EPISODE",
      summary: `Early help episode ${e.status}`,
      rag: null,
      ref: e.id,
      recordCategory: "FLAGS",
    });
  }
  for (const n of contacts) addContact(n, add);

  entries.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() || a.kind.localeCompare(b.kind) || a.ref.localeCompare(b.ref),
  );
  return entries.slice(0, first);
}

type ContactRow = Prisma.MashNotificationGetPayload<{ include: typeof CONTACT_INCLUDE }>;

function addContact(n: ContactRow, add: (e: Omit<ChronologyEntryView, "childId">) => void) {
  const proposed = rag(n.proposedRag);
  if (n.referral) {
    add({
      at: n.createdAt,
      source: "MASH",
      kind: "REFERRAL",
      summary: line(`Referral from ${n.referral.referrerRole}: ${n.referral.concerns}`),
      rag: proposed,
      ref: n.referral.id,
      recordCategory: "REFERRAL_DETAIL",
      madeBy: n.referral.submittedBy,
    });
  } else if (n.stepUpRequest) {
    const s = n.stepUpRequest;
    add({
      at: n.createdAt,
      source: "MASH",
      kind: "STEP_UP_REQUEST",
      summary: line(
        `Step-up request (${s.reason}${s.urgent ? ", urgent" : ""}): ${s.informationForSocialCare}`,
      ),
      rag: proposed,
      ref: s.id,
      recordCategory: "REFERRAL_DETAIL",
      madeBy: s.requestedBy,
    });
  } else {
    add({
      at: n.createdAt,
      source: "MASH",
      kind: "NOTIFICATION",
      summary: line(`Notification proposed ${n.proposedRag}`),
      rag: proposed,
      ref: n.id,
      recordCategory: "WORKFLOW",
    });
  }
  if (n.screenedAt) {
    add({
      at: n.screenedAt,
      source: "MASH",
      kind: "SCREENING",
      summary: line(`Screened ${n.rag ?? ""}: ${n.rationale ?? ""}`),
      rag: rag(n.rag),
      ref: n.id,
      recordCategory: "WORKFLOW",
    });
  }
  if (n.steppedUpAt && !n.decision) {
    add({
      at: n.steppedUpAt,
      source: "MASH",
      kind: "STEP_UP",
      summary: line(`Stepped up (${n.stepUpReason ?? ""}): ${n.stepUpRationale ?? ""}`),
      rag: rag(n.rag),
      ref: n.id,
      recordCategory: "WORKFLOW",
    });
  }
  if (n.decision) {
    const d = n.decision;
    const level = isOutcome(d.outcome) ? ` (level ${outcomeMeaning(d.outcome).level})` : "";
    const timing = d.withinTimescale ? "in time" : "late";
    add({
      at: d.decidedAt,
      source: "MASH",
      kind: "DECISION",
      summary: line(`Decided ${d.outcome}${level}, ${timing}: ${d.rationale}`),
      rag: rag(n.rag) ?? proposed,
      ref: d.id,
      recordCategory: "DECISION",
    });
  }
  for (const e of n.escalations) {
    add({
      at: e.raisedAt,
      source: "MASH",
      kind: "ESCALATION",
      summary: line(`Escalation raised by ${e.raisedBy}: ${e.rationale}`),
      rag: null,
      ref: e.id,
      recordCategory: "DECISION",
    });
    if (e.resolvedAt) {
      add({
        at: e.resolvedAt,
        source: "MASH",
        kind: "ESCALATION_RESOLVED",
        summary: line(
          `Escalation resolved (${e.decisionChanged ? "decision changed" : "decision stands"}): ${e.resolution ?? ""}`,
        ),
        rag: null,
        ref: e.id,
        recordCategory: "DECISION",
      });
    }
  }
  for (const m of n.dailyDiscussions) {
    add({
      at: m.recordedAt,
      source: "MASH",
      kind: "DAILY_DISCUSSION",
      summary: line(m.decision),
      rag: null,
      ref: m.id,
      recordCategory: "DECISION",
    });
  }
}
