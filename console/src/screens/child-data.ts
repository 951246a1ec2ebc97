// The unified view's data and the chronology drawn from it when the hub does not serve
// Child.chronology yet (the same lanes, from the records this view already holds).
import type { ChronologyEntry, Notification, Rag, RagReason } from "../graphql/types.ts";

export interface ChildData {
  id: string;
  nhsNumber: string | null;
  upn: string | null;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  expectedDueDate: string | null;
  postcode: string | null;
  household:
    | {
        personId: string;
        givenName: string | null;
        familyName: string | null;
        dateOfBirth: string | null;
        relationship: string;
      }[]
    | null;
  agencyIdentifiers: { agency: string; kind: string; value: string }[] | null;
  cpis: {
    planType: string;
    status: string;
    startDate: string;
    endDate: string | null;
    responsibleOrganisation: string;
    contactPhone: string | null;
  } | null;
  policeNotifications:
    | {
        id: string;
        merlinRef: string;
        occurredAt: string;
        category: string;
        riskLevel: string;
        childPresent: boolean;
        summary: string | null;
        officer: string | null;
      }[]
    | null;
  hospitalAttendances:
    | {
        id: string;
        arrivedAt: string;
        site: string | null;
        chiefComplaint: string | null;
        injury: boolean;
        safeguardingConcern: boolean;
        dischargeDestination: string | null;
      }[]
    | null;
  attendancePattern: {
    attendancesLast12Months: number;
    injuryAttendancesLast12Months: number;
    lastSixAttendancesConcern: boolean;
    reasons: string[];
  } | null;
  schoolAttendance: {
    schoolName: string | null;
    periodStart: string;
    periodEnd: string;
    attendanceRate: number;
    persistentAbsence: boolean;
    severeAbsence: boolean;
    missingEducation: boolean;
    permanentlyExcluded: boolean;
  } | null;
  earlyHelp: {
    episodeId: string;
    status: string;
    openedAt: string;
    leadProfessional: string | null;
    earlyHelpManager: string | null;
  } | null;
  rag: { rag: Rag; screened: boolean; assessedAt: string; reasons: RagReason[] } | null;
  sources: { agency: string; ok: boolean; asOf: string | null; error: string | null }[] | null;
  notifications: Notification[] | null;
  chronology?: ChronologyEntry[] | null;
}

const ORDER: Record<Rag, number> = { RED: 0, AMBER: 1, GREEN: 2 };

/** The most serious rating any rule gave with this record as its evidence. */
function ratingsByEvidence(c: ChildData): Map<string, Rag> {
  const out = new Map<string, Rag>();
  const reasons = [...(c.rag?.reasons ?? []), ...(c.notifications ?? []).flatMap((n) => n.reasons)];
  for (const r of reasons) {
    for (const id of r.evidence) {
      const had = out.get(id);
      if (!had || ORDER[r.rag] < ORDER[had]) out.set(id, r.rag);
    }
  }
  return out;
}

export function derivedChronology(c: ChildData): ChronologyEntry[] {
  const out: ChronologyEntry[] = [];
  const rated = ratingsByEvidence(c);
  if (c.cpis) {
    out.push({
      at: `${c.cpis.startDate}T00:00:00Z`,
      source: "CPIS",
      kind: `${c.cpis.planType}_STARTED`,
      summary: `${c.cpis.planType} (${c.cpis.status.toLowerCase()})`,
      rag: null,
      ref: "cpis",
    });
  }
  for (const p of c.policeNotifications ?? []) {
    out.push({
      at: p.occurredAt,
      source: "POLICE",
      kind: "POLICE_NOTIFICATION",
      summary: `${p.category.replace(/_/g, " ").toLowerCase()}, ${p.riskLevel.toLowerCase()} risk`,
      rag: rated.get(p.id) ?? null,
      ref: p.id,
    });
  }
  for (const h of c.hospitalAttendances ?? []) {
    out.push({
      at: h.arrivedAt,
      source: "HEALTH",
      kind: "ED_ATTENDANCE",
      summary: [
        h.injury ? "injury" : "no injury",
        h.safeguardingConcern ? "safeguarding concern recorded" : "",
      ]
        .filter(Boolean)
        .join(", "),
      rag: rated.get(h.id) ?? null,
      ref: h.id,
    });
  }
  if (c.schoolAttendance) {
    const s = c.schoolAttendance;
    out.push({
      at: `${s.periodEnd}T00:00:00Z`,
      source: "EDUCATION",
      kind: "SCHOOL_ATTENDANCE",
      summary: `attendance ${Math.round(s.attendanceRate * 100)}%`,
      rag: null,
      ref: "school",
    });
  }
  if (c.earlyHelp) {
    out.push({
      at: c.earlyHelp.openedAt,
      source: "EARLY_HELP",
      kind: "EARLY_HELP_EPISODE",
      summary: `episode ${c.earlyHelp.status.toLowerCase()}`,
      rag: null,
      ref: "early-help",
    });
  }
  for (const n of c.notifications ?? []) {
    out.push({
      at: n.createdAt,
      source: "MASH",
      kind: n.kind ?? "NOTIFICATION",
      summary: n.reasons[0]?.description ?? null,
      rag: n.rag ?? n.proposedRag,
      ref: n.id,
    });
    if (n.decision)
      out.push({
        at: n.decision.decidedAt,
        source: "MASH",
        kind: "DECISION",
        summary: n.decision.outcome,
        rag: n.rag,
        ref: n.id,
      });
    for (const e of n.escalations ?? [])
      out.push({
        at: e.raisedAt,
        source: "MASH",
        kind: "ESCALATION",
        summary: e.status,
        rag: null,
        ref: n.id,
      });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
