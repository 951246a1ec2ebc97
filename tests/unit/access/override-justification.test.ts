import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { justificationProblem, visibleText } from "#access/override-justification.ts";

describe("an override's justification must say something", () => {
  it("refuses twenty letter a's, twenty zero-width spaces and padding made of joiners", () => {
    for (const said of [
      "a".repeat(20),
      "\u200B".repeat(20),
      "\u200C\u200D\u2060\uFEFF\u00AD".repeat(8),
      `risk${"\u200B".repeat(40)}`,
      "aaaa aaaa aaaa aaaa aaaa",
      "r\u200Bi\u200Bs\u200Bk \u3164\u3164\u3164 to child",
      "\u202Eharm\u202C of the child",
    ]) {
      expect(justificationProblem(said)).toEqual(expect.any(String));
    }
  });

  it("accepts a sentence with three different words and twenty visible characters", () => {
    expect(justificationProblem("Strategy discussion: risk of significant harm.")).toBeUndefined();
    expect(justificationProblem("Réunion stratégique: risque élevé")).toBeUndefined();
  });

  it("counts what a reader sees: invisible characters never add to the count", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 0, maxLength: 30 }),
        fc.array(fc.constantFrom("\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u180E"), {
          maxLength: 40,
        }),
        (text, invisible) => {
          const padded = text + invisible.join("");
          expect(visibleText(padded)).toBe(visibleText(text));
          expect(justificationProblem(padded)).toBe(justificationProblem(text));
        },
      ),
    );
  });
});
