// One check per rule of version 1: given the rule's parameters, the picture and the window, the
// ids of the records that make it fire (an empty list when it does not fire). Version 2's checks
// are in checks-v2.ts.
import type { ChildPicture, Rag, RuleDefinition, RuleIdV1, SchoolAttendanceFact } from "./types.ts";
import {
  daysBefore,
  inWindow,
  monthsBefore,
  youngerThanYears,
  type Window,
} from "./time-window.ts";

/** The evidence, or the evidence with the rating it gives when that differs from the rule's. */
export type CheckResult = string[] | { evidence: string[]; rag: Rag };

export type Check = (rule: RuleDefinition, picture: ChildPicture, window: Window) => CheckResult;

export const num = (rule: RuleDefinition, key: string): number => {
  const v = rule.parameters[key];
  if (typeof v !== "number") throw new Error(`rule ${rule.id} lacks numeric parameter ${key}`);
  return v;
};
export const str = (rule: RuleDefinition, key: string): string => {
  const v = rule.parameters[key];
  if (typeof v !== "string") throw new Error(`rule ${rule.id} lacks parameter ${key}`);
  return v;
};
export const list = (rule: RuleDefinition, key: string): string[] => {
  const v = rule.parameters[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string"))
    throw new Error(`rule ${rule.id} lacks list parameter ${key}`);
  return v as string[];
};

/** The most recent school attendance return (latest period end, then latest start). */
export function latestSchoolAttendance(p: ChildPicture): SchoolAttendanceFact | undefined {
  let best: SchoolAttendanceFact | undefined;
  for (const s of p.schoolAttendances) {
    if (
      !best ||
      s.periodEnd.getTime() > best.periodEnd.getTime() ||
      (s.periodEnd.getTime() === best.periodEnd.getTime() &&
        s.periodStart.getTime() > best.periodStart.getTime())
    )
      best = s;
  }
  return best;
}

/** attended/possible < percent/100, in whole numbers (no floating-point edge at 90%). */
const below = (s: SchoolAttendanceFact, percent: number) =>
  s.possibleSessions > 0 && s.attendedSessions * 100 < percent * s.possibleSessions;

const hasOpenEarlyHelp = (p: ChildPicture) => p.earlyHelpEpisodes.some((e) => e.status === "OPEN");

export const CHECKS_V1: Record<
  Exclude<RuleIdV1, "CUMULATIVE_CONCERN" | "POLICE_NOTIFICATION">,
  Check
> = {
  POLICE_HIGH_RISK: (r, p) => {
    const riskLevel = str(r, "riskLevel");
    return p.police.filter((n) => n.riskLevel === riskLevel).map((n) => n.id);
  },

  POLICE_ABUSE_OR_EXPLOITATION: (r, p) => {
    const categories = list(r, "categories");
    return p.police.filter((n) => categories.includes(n.category)).map((n) => n.id);
  },

  CPIS_PLAN_AND_DOMESTIC_ABUSE: (r, p, w) => {
    const types = list(r, "planTypes");
    const plans = p.cpisPlans.filter((c) => c.status === "ACTIVE" && types.includes(c.planType));
    const from = daysBefore(w.asOf, num(r, "days"));
    const category = str(r, "category");
    const da = p.police.filter((n) => n.category === category && inWindow(n.occurredAt, from, w));
    return plans.length > 0 && da.length > 0 ? [...plans, ...da].map((x) => x.id) : [];
  },

  REPEAT_MISSING: (r, p, w) => {
    const from = daysBefore(w.asOf, num(r, "days"));
    const category = str(r, "category");
    const missing = p.police.filter(
      (n) => n.category === category && inWindow(n.occurredAt, from, w),
    );
    return missing.length >= num(r, "count") ? missing.map((n) => n.id) : [];
  },

  INFANT_INJURY_ATTENDANCE: (r, p) => {
    const dob = p.dateOfBirth;
    if (!dob) return [];
    const years = num(r, "ageUnderYears");
    return p.edAttendances
      .filter((a) => a.injury && youngerThanYears(dob, a.arrivedAt, years))
      .map((a) => a.id);
  },

  ED_SAFEGUARDING_CONCERN: (_r, p) =>
    p.edAttendances.filter((a) => a.safeguardingConcern).map((a) => a.id),

  ED_ATTENDANCE_PATTERN: (r, p, w) => {
    const from = monthsBefore(w.asOf, num(r, "months"));
    const recent = p.edAttendances.filter((a) => inWindow(a.arrivedAt, from, w));
    if (recent.length >= num(r, "count")) return recent.map((a) => a.id);
    const injuries = recent.filter((a) => a.injury);
    return injuries.length >= num(r, "injuryCount") ? injuries.map((a) => a.id) : [];
  },

  POLICE_DOMESTIC_ABUSE: (r, p) => {
    const category = str(r, "category");
    return p.police
      .filter(
        (n) =>
          n.category === category &&
          (n.riskLevel === "MEDIUM" || (n.riskLevel === "STANDARD" && n.childPresent)),
      )
      .map((n) => n.id);
  },

  SEVERE_ABSENCE_OR_MISSING_EDUCATION: (r, p) => {
    const s = latestSchoolAttendance(p);
    if (!s) return [];
    return below(s, num(r, "belowPercent")) || s.missingEducation || s.permanentlyExcluded
      ? [s.id]
      : [];
  },

  CPIS_PLAN_WHILE_EARLY_HELP: (_r, p) => {
    const open = p.earlyHelpEpisodes.filter((e) => e.status === "OPEN");
    const plans = p.cpisPlans.filter((c) => c.status === "ACTIVE");
    return hasOpenEarlyHelp(p) && plans.length > 0 ? [...plans, ...open].map((x) => x.id) : [];
  },

  PERSISTENT_ABSENCE: (r, p) => {
    const s = latestSchoolAttendance(p);
    if (!s) return [];
    return below(s, num(r, "belowPercent")) && !below(s, num(r, "notBelowPercent")) ? [s.id] : [];
  },
};
