// Valid synthetic identifiers: NHS numbers (modulus 11) and UPNs (check letter), made from a
// counter so that every child's identifier is distinct.

/** The modulus-11 check digit for the first nine digits, or undefined when the result is 10 (no valid number). */
export function nhsCheckDigit(firstNine: string): number | undefined {
  if (!/^\d{9}$/.test(firstNine)) throw new Error("nhsCheckDigit takes nine digits");
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/** The published check, for the generator's own tests. */
export function nhsNumberIsValid(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  return nhsCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

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

export const UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/** The check letter for the 12 characters after it (LA code, school, year, serial: all digits). */
export function upnCheckLetter(twelve: string): string {
  if (!/^\d{12}$/.test(twelve)) throw new Error("upnCheckLetter takes twelve digits");
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i + 2);
  return UPN_CHECK_LETTERS[sum % 23] as string;
}

export function upnIsValid(value: string): boolean {
  if (!/^[A-Z]\d{12}$/.test(value)) return false;
  return upnCheckLetter(value.slice(1)) === value[0];
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
  return upnCheckLetter(twelve) + twelve;
}

function inRange(v: number, min: number, max: number): boolean {
  return Number.isInteger(v) && v >= min && v <= max;
}
