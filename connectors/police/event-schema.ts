// Police (Merlin) notifications pushed on agency.police.v1 (contract: events.md).
import { z } from "zod";
import { isoDate, text } from "../shared/fields.ts";

export const POLICE_EVENT_TYPE = "police.merlin.v1";

export const POLICE_CATEGORIES = [
  "DOMESTIC_ABUSE",
  "MISSING_FROM_HOME",
  "CHILD_SEXUAL_EXPLOITATION",
  "CHILD_CRIMINAL_EXPLOITATION",
  "PHYSICAL_ABUSE",
  "SEXUAL_ABUSE",
  "NEGLECT",
  "ONLINE_HARM",
  "ANTI_SOCIAL_BEHAVIOUR",
  "OTHER",
] as const;

export const otherPerson = z.object({
  role: z.enum(["SUSPECT", "VICTIM", "WITNESS", "PARENT"]),
  givenName: text(100),
  familyName: text(100),
  dateOfBirth: isoDate.nullish(),
});
export type OtherPerson = z.infer<typeof otherPerson>;

export const policeMerlinPayload = z.object({
  merlinRef: text(100),
  category: z.enum(POLICE_CATEGORIES),
  riskLevel: z.enum(["STANDARD", "MEDIUM", "HIGH"]),
  childPresent: z.boolean(),
  summary: z.string().max(4000, "must be at most 4,000 characters").nullish(),
  officer: z.object({ collarNumber: text(40), unit: text(100) }).nullish(),
  otherPersons: z.array(otherPerson).max(50).default([]),
});

export type PoliceMerlinPayload = z.infer<typeof policeMerlinPayload>;
