// Valid NHS numbers for the federation tests (modulus 11), and linking one to a child the way
// identity resolution does (a PersonIdentifier of kind NHS_NUMBER with no agency).
import type { Db } from "#db/client.ts";
import { nhsCheckDigit } from "#identity/identifiers.ts";

/** The n-th valid NHS number after a start (deterministic, all distinct). */
export function nhsNumber(n: number): string {
  let base = 400_000_000 + n * 100;
  for (;;) {
    const nine = String(base);
    const check = nhsCheckDigit(nine);
    if (check !== undefined) return `${nine}${check}`;
    base += 1;
  }
}

/** "9434765919" → "943 476 5919", as people write it. */
export const spaced = (n: string) => `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;

export async function linkNhsNumber(db: Db, personId: string, value: string): Promise<void> {
  await db.personIdentifier.create({ data: { personId, kind: "NHS_NUMBER", value } });
}
