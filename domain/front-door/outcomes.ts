// What each outcome of a decision means (front-door.md "Decisions and who is told"): the next
// actions it sets, the level of need it stands for (thresholds guidance, seeds 002 and 003), the
// status the contact is left in, and the advice the referrer is given when the manager gives none.
import type { Outcome } from "./types.ts";

export interface OutcomeMeaning {
  nextActions: string[];
  /** 1 universal, 2 targeted early help, 3 child in need (s17), 4 child protection (s47). */
  level: 1 | 2 | 3 | 4;
  /** The contact's status once decided. */
  status: "CLOSED" | "STEPPED_UP";
  /** For a step up: CIN or CP (as stepUp sets it). */
  stepUpReason: "CIN" | "CP" | null;
  /** In words, for the referrer's e-mail. */
  words: string;
  defaultAdvice: string;
}

export function outcomeMeaning(outcome: Outcome): OutcomeMeaning {
  switch (outcome) {
    case "NO_FURTHER_ACTION":
      return {
        nextActions: [],
        level: 1,
        status: "CLOSED",
        stepUpReason: null,
        words: "no further action by the MASH",
        defaultAdvice:
          "Universal services continue to meet the child's needs. Refer again if anything changes.",
      };
    case "ADVICE_AND_SIGNPOSTING":
      return {
        nextActions: ["INFORM_REFERRER"],
        level: 1,
        status: "CLOSED",
        stepUpReason: null,
        words: "advice and signposting",
        defaultAdvice:
          "The concerns can be met by universal services; please use the thresholds guidance and your agency's own support.",
      };
    case "EARLY_HELP":
      return {
        nextActions: ["EARLY_HELP_ASSESSMENT"],
        level: 2,
        status: "CLOSED",
        stepUpReason: null,
        words: "early help (an early help assessment or team around the family)",
        defaultAdvice:
          "An early help assessment or team around the family will be offered; please take part.",
      };
    case "SINGLE_AGENCY":
      return {
        nextActions: ["REFER_TO_PARTNER"],
        level: 2,
        status: "CLOSED",
        stepUpReason: null,
        words: "a single agency response by a partner agency",
        defaultAdvice: "A partner agency will act on the concerns; you may be contacted by them.",
      };
    case "CHILD_IN_NEED_ASSESSMENT":
      return {
        nextActions: ["CHILD_AND_FAMILY_ASSESSMENT"],
        level: 3,
        status: "STEPPED_UP",
        stepUpReason: "CIN",
        words: "a child in need assessment (section 17)",
        defaultAdvice:
          "Children's social care will carry out a child and family assessment; a social worker may contact you.",
      };
    case "STRATEGY_DISCUSSION":
      return {
        nextActions: ["STRATEGY_DISCUSSION", "CHILD_AND_FAMILY_ASSESSMENT"],
        level: 4,
        status: "STEPPED_UP",
        stepUpReason: "CP",
        words: "a strategy discussion (section 47)",
        defaultAdvice:
          "Children's social care will hold a strategy discussion; you may be asked to take part.",
      };
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

export const LEVEL_WORDS: Record<1 | 2 | 3 | 4, string> = {
  1: "level 1, universal services",
  2: "level 2, targeted early help",
  3: "level 3, child in need",
  4: "level 4, child protection",
};
