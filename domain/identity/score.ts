// Fellegi-Sunter comparison of two person records: each field agrees exactly, partially or not at
// all, and each outcome adds its log-likelihood weight (in bits). The total decides the outcome
// against two thresholds; `matchedOn` names every component with its weight (pure).
import { jaroWinkler } from "./jaro-winkler.ts";
import { areNicknames } from "./nicknames.ts";
import {
  normaliseName,
  normalisePostcode,
  oneDigitOff,
  postcodeSector,
  swapDayMonth,
} from "./normalise.ts";

export interface Comparable {
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  /** YYYY-MM-DD */
  dateOfBirth?: string | null | undefined;
  postcode?: string | null | undefined;
  nhsNumbers?: readonly string[];
  upns?: readonly string[];
}

/** log2(m/u) per outcome, tuned on the synthetic truth (bench/scenarios/matching.ts). */
export const WEIGHTS = {
  nhsNumber: { exact: 20, conflict: -30 },
  upn: { exact: 20, conflict: -30 },
  givenName: { exact: 4, nickname: 3, typo: 2, similar: 0, different: -5 },
  familyName: { exact: 5, typo: 2.5, different: -4 },
  dateOfBirth: { exact: 7, swapped: 3.5, oneDigit: 2, different: -8 },
  postcode: { exact: 3, sector: 1.5, different: -0.5 },
} as const;

/** At or above: the same child. Below LOWER: a different child. Between: a screener decides. */
export const THRESHOLDS = { upper: 14, lower: 9 } as const;

export interface MatchScore {
  score: number;
  matchedOn: string[];
  /** An NHS number or UPN on both records that differs: never the same child automatically. */
  identifierConflict: boolean;
}

type Part = [field: string, how: string, weight: number];

export function compareRecords(subject: Comparable, candidate: Comparable): MatchScore {
  const parts: Part[] = [];
  let conflict = false;
  for (const [field, a, b] of [
    ["nhsNumber", subject.nhsNumbers, candidate.nhsNumbers],
    ["upn", subject.upns, candidate.upns],
  ] as const) {
    if (!a?.length || !b?.length) continue;
    if (a.some((v) => b.includes(v))) parts.push([field, "exact", WEIGHTS[field].exact]);
    else {
      conflict = true;
      parts.push([field, "conflict", WEIGHTS[field].conflict]);
    }
  }
  const given = compareGivenName(subject.givenName, candidate.givenName);
  if (given) parts.push(["givenName", given, WEIGHTS.givenName[given]]);
  const family = compareFamilyName(subject.familyName, candidate.familyName);
  if (family) parts.push(["familyName", family, WEIGHTS.familyName[family]]);
  const dob = compareDateOfBirth(subject.dateOfBirth, candidate.dateOfBirth);
  if (dob) parts.push(["dateOfBirth", dob, WEIGHTS.dateOfBirth[dob]]);
  const postcode = comparePostcode(subject.postcode, candidate.postcode);
  if (postcode) parts.push(["postcode", postcode, WEIGHTS.postcode[postcode]]);
  const score = Math.round(parts.reduce((sum, [, , w]) => sum + w, 0) * 100) / 100;
  return {
    score,
    identifierConflict: conflict,
    matchedOn: parts.map(([f, how, w]) => `${f}:${how}:${w >= 0 ? "+" : ""}${w.toFixed(1)}`),
  };
}

export function compareGivenName(
  a: string | null | undefined,
  b: string | null | undefined,
): keyof typeof WEIGHTS.givenName | undefined {
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (x === "" || y === "") return undefined;
  if (x === y) return "exact";
  if (areNicknames(x, y)) return "nickname";
  const jw = jaroWinkler(x, y);
  if (jw >= 0.9) return "typo";
  if (jw >= 0.8) return "similar";
  return "different";
}

export function compareFamilyName(
  a: string | null | undefined,
  b: string | null | undefined,
): keyof typeof WEIGHTS.familyName | undefined {
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (x === "" || y === "") return undefined;
  if (x === y) return "exact";
  return jaroWinkler(x, y) >= 0.9 ? "typo" : "different";
}

export function compareDateOfBirth(
  a: string | null | undefined,
  b: string | null | undefined,
): keyof typeof WEIGHTS.dateOfBirth | undefined {
  if (!a || !b) return undefined;
  if (a === b) return "exact";
  if (swapDayMonth(a) === b) return "swapped";
  if (oneDigitOff(a, b)) return "oneDigit";
  return "different";
}

export function comparePostcode(
  a: string | null | undefined,
  b: string | null | undefined,
): keyof typeof WEIGHTS.postcode | undefined {
  const x = normalisePostcode(a);
  const y = normalisePostcode(b);
  if (x === "" || y === "") return undefined;
  if (x === y) return "exact";
  const sx = postcodeSector(x);
  return sx !== null && sx === postcodeSector(y) ? "sector" : "different";
}

export type Decision = "LINK" | "REVIEW" | "NEW";

/**
 * The decision for the best candidate. A conflicting identifier never links; a runner-up also
 * above the upper threshold makes the best one uncertain (review, not link).
 */
export function decide(best: MatchScore | undefined, runnerUp: MatchScore | undefined): Decision {
  if (!best || best.identifierConflict) return "NEW";
  if (best.score >= THRESHOLDS.upper) {
    return runnerUp && runnerUp.score >= THRESHOLDS.upper ? "REVIEW" : "LINK";
  }
  return best.score >= THRESHOLDS.lower ? "REVIEW" : "NEW";
}

/** What the probabilistic stage does with the ranked candidates (best first). */
export type Choice<C> =
  { kind: "LINK"; to: C } | { kind: "REVIEW"; against: C } | { kind: "NEW"; best: C | undefined };

/**
 * Link to the best, hold for review against an established child (never another provisional
 * record), or a new child — for one subject (resolve-subject.ts) and a batch's (resolve-batch.ts).
 */
export function chooseCandidate<C extends { provisional: boolean; match: MatchScore }>(
  ranked: readonly C[],
): Choice<C> {
  const [best, runnerUp] = ranked;
  const decision = decide(best?.match, runnerUp?.match);
  if (best && decision === "LINK") return { kind: "LINK", to: best };
  const against =
    decision === "REVIEW"
      ? best?.provisional
        ? ranked.find((c) => !c.provisional)
        : best
      : undefined;
  if (against && decide(against.match, undefined) !== "NEW") return { kind: "REVIEW", against };
  return { kind: "NEW", best };
}
