// The SNOMED CT code sets ED_HIGH_RISK_PRESENTATION reads (a rule parameter, listed with the
// rule). Every code is a concept id of the SNOMED CT International Edition with its meaning as
// published and where that pairing was read. A code that could not be checked against a published
// source is left out rather than guessed: see `unverified` (docs/decisions.md). A partnership
// extends a set by adding codes here (a new rule version) with their source.
import type { Json } from "./types.ts";

export interface SnomedCode {
  code: string;
  meaning: string;
  source: string;
}

export type PresentationGroup =
  | "SELF_HARM"
  | "OVERDOSE_OR_POISONING"
  | "STAB_OR_GUNSHOT_WOUND"
  | "SEXUAL_ASSAULT"
  | "FEMALE_GENITAL_MUTILATION"
  | "PREGNANCY"
  | "ALCOHOL_OR_DRUG_INTOXICATION";

const INT = "SNOMED CT International Edition";

export const PRESENTATION_CODES: Record<PresentationGroup, readonly SnomedCode[]> = {
  SELF_HARM: [
    {
      code: "248062006",
      meaning: "Self-injurious behaviour (finding)",
      source: `${INT}; used as the emergency care (ECDS) chief complaint for self-harm in NHS ECDS analyses ("EC_Chief_Complaint_SNOMED_CT ... '248062006' --- self harm")`,
    },
  ],
  OVERDOSE_OR_POISONING: [
    {
      code: "55680006",
      meaning: "Drug overdose (disorder)",
      source: `${INT}; SNOMED International's quality-improvement authoring scripts ("<< 55680006 |Drug overdose (disorder)|")`,
    },
    {
      code: "708079007",
      meaning: "Overdose of illicit drug (disorder)",
      source: `${INT}; SNOMED CT Editorial Guide (SNOMED-Documents/snomed-editorial-guide), "Overdose"`,
    },
    {
      code: "75478009",
      meaning: "Poisoning (disorder)",
      source: `${INT}; gematik FHIR profile Schuleingangsuntersuchung (gematik/schuleingangsuntersuchung, Elternfragebogen/Unfall.fsh: $sct#75478009 "Poisoning (disorder)")`,
    },
  ],
  STAB_OR_GUNSHOT_WOUND: [
    {
      code: "425322008",
      meaning: "Stab wound (disorder)",
      source: `${INT}; IHE PCC paramedicine care summary value set Physical_Finding_of_Abdomen_VS ($sct#425322008 "Stab wound (disorder)")`,
    },
    {
      code: "283545005",
      meaning: "Gunshot wound (disorder)",
      source: `${INT}; IHE PCC paramedicine care summary value set Physical_Finding_of_Abdomen_VS ($sct#283545005 "Gunshot wound (disorder)")`,
    },
  ],
  SEXUAL_ASSAULT: [
    {
      code: "248110007",
      meaning: "Sexual assault (event)",
      source: `${INT}; FHIR value set of injury causes ("248110007" "Sexual assault (event)", beside "52684005" "Assault (event)")`,
    },
  ],
  // No concept id for female genital mutilation could be checked against a published source
  // here; the set is empty until a partnership adds its ECDS codes (see `unverified`).
  FEMALE_GENITAL_MUTILATION: [],
  PREGNANCY: [
    {
      code: "77386006",
      meaning: "Pregnancy (finding)",
      source: `${INT}; SNOMED CT November 2024 International Edition release notes, 2.8.1 ("replaced by 77386006 |Pregnancy (finding)|")`,
    },
  ],
  ALCOHOL_OR_DRUG_INTOXICATION: [
    {
      code: "25702006",
      meaning: "Alcohol intoxication (disorder)",
      source: `${INT}; UMLS concept C0001969 "Alcoholic Intoxication" = SNOMEDCT_US 25702006 "Alcohol intoxication (disorder)"`,
    },
  ],
};

/** What was looked for and not included, so that the gap is listed with the rule. */
export const UNVERIFIED_PRESENTATIONS: readonly string[] = [
  "FEMALE_GENITAL_MUTILATION: no SNOMED CT concept id could be verified against a published source",
  "ALCOHOL_OR_DRUG_INTOXICATION: no concept id for drug (non-alcohol) intoxication could be verified; only alcohol intoxication is listed",
];

/** The code sets as rule parameters (plain JSON). */
export function presentationCodeSets(): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [group, codes] of Object.entries(PRESENTATION_CODES)) {
    out[group] = codes.map((c) => ({ code: c.code, meaning: c.meaning, source: c.source }));
  }
  return out;
}
