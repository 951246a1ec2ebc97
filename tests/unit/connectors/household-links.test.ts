// What the adapters say about a child's household (pure data; domain/household applies it).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { police } from "#connectors/police/index.ts";
import { earlyHelp } from "#connectors/earlyhelp/index.ts";
import { isFamilyHousehold } from "#household/household-ref.ts";

const examples = path.resolve(import.meta.dirname, "../../fixtures/contract-examples");
const payloadOf = (file: string) =>
  (JSON.parse(readFileSync(path.join(examples, file), "utf8")) as { payload: unknown }).payload;

describe("household links declared by the adapters", () => {
  it("names only the PARENT persons of a police notification as the child's parents", () => {
    const payload = police.payload.parse({
      ...(payloadOf("valid-police-merlin.json") as object),
      otherPersons: [
        { role: "SUSPECT", givenName: "Sam", familyName: "Cole" },
        { role: "PARENT", givenName: "Dana", familyName: "Jones", dateOfBirth: "1990-04-01" },
        { role: "PARENT", givenName: "Lee", familyName: "Jones" },
      ],
    });
    expect(police.household.parents(payload)).toEqual({
      reference: payload.merlinRef,
      adults: [
        { givenName: "Dana", familyName: "Jones", dateOfBirth: "1990-04-01" },
        { givenName: "Lee", familyName: "Jones", dateOfBirth: null },
      ],
    });
  });

  it("names the family of an early help episode", () => {
    const payload = earlyHelp.payload.parse(payloadOf("valid-earlyhelp-episode.json"));
    expect(earlyHelp.household.family(payload)).toBe(payload.familyId);
  });

  it("counts as family households those of agencies that name a family", () => {
    expect(isFamilyHousehold("EARLY_HELP:F-1")).toBe(true);
    expect(isFamilyHousehold("POLICE:MER-1")).toBe(false);
  });
});
