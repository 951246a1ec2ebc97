// Valid synthetic identifiers: NHS numbers (modulus 11) and UPNs (check letter), made from a
// counter so that every child's identifier is distinct. The check characters come from the
// hub's own validators (identity/identifiers.ts), so the seed cannot drift from what it accepts.
import { nhsCheckDigit, upnCheckLetter } from "#identity/identifiers.ts";

const NHS_SPREAD = 7_654_321; // coprime with 10^7: n → (n × spread) mod 10^7 is a bijection
const NHS_RANGE = 10_000_000;

/**
 * The n-th synthetic NHS number (n in [0, 10^7)): distinct for distinct n, always valid, starting
 * with 9. The eighth-digit prefix is spread over its range; the ninth digit is 0, or 1 where 0
 * would give a check result of 10 (2 × d mod 11 differs for every d, so 1 is then valid).
 */
export function makeNhsNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= NHS_RANGE)
    throw new Error("makeNhsNumber: n out of range");
  const prefix = String(90_000_000 + ((n * NHS_SPREAD) % NHS_RANGE));
  for (const ninth of ["0", "1"]) {
    const check = nhsCheckDigit(prefix + ninth);
    if (check !== undefined) return `${prefix}${ninth}${check}`;
  }
  throw new Error("unreachable: one of two ninth digits always gives a valid check");
}

export interface UpnParts {
  /** DfE local authority number, 3 digits. */
  laCode: number;
  /** DfE establishment number, 4 digits. */
  school: number;
  /** Two-digit year of allocation. */
  year: number;
  /** Serial within the school and year, 3 digits. */
  serial: number;
}

export function makeUpn(parts: UpnParts): string {
  const { laCode, school, year, serial } = parts;
  const ok =
    inRange(laCode, 0, 999) &&
    inRange(school, 0, 9999) &&
    inRange(year, 0, 99) &&
    inRange(serial, 0, 999);
  if (!ok) throw new Error("makeUpn: a part is out of range");
  const twelve =
    String(laCode).padStart(3, "0") +
    String(school).padStart(4, "0") +
    String(year).padStart(2, "0") +
    String(serial).padStart(3, "0");
  const letter = upnCheckLetter(twelve);
  if (!letter) throw new Error("unreachable: twelve digits always have a check letter");
  return letter + twelve;
}

function inRange(v: number, min: number, max: number): boolean {
  return Number.isInteger(v) && v >= min && v <= max;
}
