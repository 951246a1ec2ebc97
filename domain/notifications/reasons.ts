// The stored form of a rating's reasons (RagAssessment.reasons, MashNotification.reasons): the
// fired rules with their evidence. Parsed on the way out so a bad row fails loudly.
import { z } from "zod";
import type { FiredRule, Rag } from "#rag/index.ts";

export interface RagReason {
  ruleId: string;
  rag: Rag;
  description: string;
  evidence: string[];
}

const ZReason = z.object({
  ruleId: z.string(),
  rag: z.enum(["RED", "AMBER", "GREEN"]),
  description: z.string(),
  evidence: z.array(z.string()),
});
const ZReasons = z.array(ZReason);

export const reasonsToJson = (fired: FiredRule[]): object[] =>
  fired.map((f) => ({
    ruleId: f.ruleId,
    rag: f.rag,
    description: f.description,
    evidence: f.evidence,
  }));

export const reasonsFromJson = (json: unknown): RagReason[] => ZReasons.parse(json);
