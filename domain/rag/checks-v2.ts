// The checks of the rules version 2 added (rules-v2.ts), in the same form as version 1's.
import type { EdAttendanceFact, Json, Rag, RuleIdV2 } from "./types.ts";
import { list, num, str, type Check } from "./checks.ts";
import { inWindow, monthsBefore, youngerThanYears } from "./time-window.ts";

const byTimeThenId =
  <T extends { id: string }>(time: (x: T) => Date) =>
  (a: T, b: T) =>
    time(b).getTime() - time(a).getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The code set groups of ED_HIGH_RISK_PRESENTATION: code → group. */
function codeGroups(sets: Json | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!sets || typeof sets !== "object" || Array.isArray(sets)) return out;
  for (const [group, codes] of Object.entries(sets)) {
    if (!Array.isArray(codes)) continue;
    for (const c of codes) {
      if (c && typeof c === "object" && !Array.isArray(c) && typeof c["code"] === "string")
        out.set(c["code"], group);
    }
  }
  return out;
}

// Parsed once per rule definition (the parameters are frozen data).
const groupCache = new WeakMap<object, Map<string, string>>();

export const CHECKS_V2: Record<RuleIdV2, Check> = {
  REFERRAL_IMMEDIATE_RISK: (r, p) => {
    const kinds = list(r, "kinds");
    return (p.referrals ?? [])
      .filter((x) => x.immediateRisk && kinds.includes(x.kind))
      .map((x) => x.id);
  },

  POLICE_NEGLECT_OR_ONLINE_HARM: (r, p) => {
    const categories = list(r, "categories");
    return p.police.filter((n) => categories.includes(n.category)).map((n) => n.id);
  },

  MISSING_EPISODE: (r, p) => {
    const category = str(r, "category");
    return p.police.filter((n) => n.category === category).map((n) => n.id);
  },

  REPEAT_DOMESTIC_ABUSE: (r, p, w) => {
    const from = monthsBefore(w.asOf, num(r, "months"));
    const category = str(r, "category");
    const da = p.police.filter((n) => n.category === category && inWindow(n.occurredAt, from, w));
    return da.length >= num(r, "count") ? da.map((n) => n.id) : [];
  },

  UNBORN_ON_PLAN: (r, p) => {
    const planType = str(r, "planType");
    return p.cpisPlans
      .filter((c) => c.status === "ACTIVE" && c.planType === planType)
      .map((c) => c.id);
  },

  HOUSEHOLD_MEMBER_ON_PLAN: (r, p, w) => {
    const types = list(r, "planTypes");
    const plans = (p.householdPlans ?? []).filter(
      (c) => c.status === "ACTIVE" && types.includes(c.planType),
    );
    if (plans.length === 0) return [];
    const from = monthsBefore(w.asOf, num(r, "months"));
    const own = [
      ...p.police.filter((n) => inWindow(n.occurredAt, from, w)),
      ...p.edAttendances.filter((a) => inWindow(a.arrivedAt, from, w)),
    ];
    return own.length > 0 ? [...plans, ...own].map((x) => x.id) : [];
  },

  RECENTLY_ENDED_PLAN: (r, p, w) => {
    const from = monthsBefore(w.asOf, num(r, "months"));
    const planType = str(r, "planType");
    const evidence: string[] = [];
    for (const plan of p.cpisPlans) {
      const ended = plan.endDate;
      if (plan.planType !== planType || plan.status === "ACTIVE" || !ended) continue;
      if (!inWindow(ended, from, w)) continue;
      const since = [
        ...p.police.filter((n) => inWindow(n.occurredAt, ended, w)),
        ...p.edAttendances.filter((a) => inWindow(a.arrivedAt, ended, w)),
      ];
      if (since.length > 0) evidence.push(plan.id, ...since.map((x) => x.id));
    }
    return [...new Set(evidence)];
  },

  ED_HIGH_RISK_PRESENTATION: (r, p, w) => {
    let groups = groupCache.get(r.parameters);
    if (!groups) {
      groups = codeGroups(r.parameters["codeSets"]);
      groupCache.set(r.parameters, groups);
    }
    const red = list(r, "redGroups");
    const pregnancyUnder = num(r, "pregnancyUnderYears");
    const pregnancyRedUnder = num(r, "pregnancyRedUnderYears");
    const dob = p.dateOfBirth;
    const evidence: string[] = [];
    let rag: Rag = r.rag;
    for (const a of p.edAttendances) {
      const group = a.chiefComplaintSnomed ? groups.get(a.chiefComplaintSnomed) : undefined;
      if (!group || (w.closed && a.arrivedAt.getTime() > w.asOf.getTime())) continue;
      if (group === "PREGNANCY") {
        // Without a date of birth the age cannot rule the attendance out: it counts (AMBER).
        if (dob && !youngerThanYears(dob, a.arrivedAt, pregnancyUnder)) continue;
        if (dob && youngerThanYears(dob, a.arrivedAt, pregnancyRedUnder)) rag = "RED";
      } else if (red.includes(group)) {
        rag = "RED";
      }
      evidence.push(a.id);
    }
    return rag === r.rag ? evidence : { evidence, rag };
  },

  LAST_SIX_ATTENDANCES_PATTERN: (r, p, w) => {
    // the last six by arrival (then id), kept in one pass: the picture may hold hundreds
    const keep = num(r, "lastAttendances");
    const newer = byTimeThenId<EdAttendanceFact>((a) => a.arrivedAt);
    const lastSix: EdAttendanceFact[] = [];
    for (const a of p.edAttendances) {
      if (w.closed && a.arrivedAt.getTime() > w.asOf.getTime()) continue;
      if (lastSix.length === keep && newer(a, lastSix[keep - 1] as EdAttendanceFact) >= 0) continue;
      let i = lastSix.length < keep ? lastSix.length : keep - 1;
      lastSix[i] = a;
      while (
        i > 0 &&
        newer(lastSix[i] as EdAttendanceFact, lastSix[i - 1] as EdAttendanceFact) < 0
      ) {
        [lastSix[i], lastSix[i - 1]] = [
          lastSix[i - 1] as EdAttendanceFact,
          lastSix[i] as EdAttendanceFact,
        ];
        i--;
      }
    }
    const flagged = lastSix.filter((a) => a.injury || a.safeguardingConcern);
    return flagged.length >= num(r, "count") ? flagged.map((a) => a.id) : [];
  },
};
