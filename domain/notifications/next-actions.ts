// What follows a screening decision or a step up (rag-rules.md "Screening and what follows").
import type { Rag } from "#rag/index.ts";

export type StepUpReason = "CIN" | "CP";

export function nextActionsForScreening(rag: Rag): string[] {
  switch (rag) {
    case "GREEN":
      return ["PASS_TO_EARLY_HELP"];
    case "AMBER":
      return ["DAILY_DISCUSSION_MEETING"];
    case "RED":
      return ["CONSIDER_STEP_UP"];
    default: {
      const never: never = rag;
      return never;
    }
  }
}

export function nextActionsForStepUp(reason: StepUpReason): string[] {
  switch (reason) {
    case "CP":
      return ["STRATEGY_DISCUSSION", "CHILD_AND_FAMILY_ASSESSMENT"];
    case "CIN":
      return ["CHILD_AND_FAMILY_ASSESSMENT"];
    default: {
      const never: never = reason;
      return never;
    }
  }
}
