// The checks of the rules version 2 added (rules-v2.ts), in the same form as version 1's.
import type { Json, Rag, RuleIdV2 } from "./types.ts";
import { list, num, str, type Check } from "./checks.ts";
import { inWindow, monthsBefore, youngerThanYears } from "./time-window.ts";

const byTimeThenId = <T extends { id: string }>(time: (x: T) => Date) => (a: T, b: T) =>
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

  MISSING_EPISODE: (r, p) =>
    p.police.filter((n) => n.category === str(r, "category")).map((n) => n.id),

  REPEAT_DOMESTIC_ABUSE: (r, p, w) => {
    const from = monthsBefore(w.asOf, num(r, "months"));
    const da = p.police.filter(
      (n) => n.category === str(r, "category") && inWindow(n.occurredAt, from, w),
    );
    return da.length >= num(r, "count") ? da.map((n) => n.id) : [];
  },

  UNBORN_ON_PLAN: (r, p) =>
    p.cpisPlans
      .filter((c) => c.status === "ACTIVE" && c.planType === str(r, "planType"))
      .map((c) => c.id),

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
    const evidence: string[] = [];
    for (const plan of p.cpisPlans) {
      const ended = plan.endDate;
      if (plan.planType !== str(r, "planType") || plan.status === "ACTIVE" || !ended) continue;
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
    const dob = p.dateOfBirth;
    const evidence: string[] = [];
    let rag: Rag = r.rag;
    for (const a of p.edAttendances) {
      const group = a.chiefComplaintSnomed ? groups.get(a.chiefComplaintSnomed) : undefined;
      if (!group || (w.closed && a.arrivedAt.getTime() > w.asOf.getTime())) continue;
      if (group === "PREGNANCY") {
        // Without a date of birth the age cannot rule the attendance out: it counts (AMBER).
        if (dob && !youngerThanYears(dob, a.arrivedAt, num(r, "pregnancyUnderYears"))) continue;
        if (dob && youngerThanYears(dob, a.arrivedAt, num(r, "pregnancyRedUnderYears")))
          rag = "RED";
      } else if (red.includes(group)) {
        rag = "RED";
      }
      evidence.push(a.id);
    }
    return rag === r.rag ? evidence : { evidence, rag };
  },

  LAST_SIX_ATTENDANCES_PATTERN: (r, p, w) => {
    const known = w.closed
      ? p.edAttendances.filter((a) => a.arrivedAt.getTime() <= w.asOf.getTime())
      : [...p.edAttendances];
    const lastSix = known
      .sort(byTimeThenId((a) => a.arrivedAt))
      .slice(0, num(r, "lastAttendances"));
    const flagged = lastSix.filter((a) => a.injury || a.safeguardingConcern);
    return flagged.length >= num(r, "count") ? flagged.map((a) => a.id) : [];
  },
};
