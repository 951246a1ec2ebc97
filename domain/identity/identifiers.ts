// The two national identifiers an agency event may carry, checked by their check characters.
// Pure functions: no I/O, no exceptions.

/** The NHS number modulus-11 check digit for the first nine digits, or undefined when 10 (invalid). */
export function nhsCheckDigit(firstNine: string): number | undefined {
  if (!/^\d{9}$/.test(firstNine)) return undefined;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/** 10 digits whose last digit is the modulus-11 check digit of the first nine. */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const check = nhsCheckDigit(value.slice(0, 9));
  return check !== undefined && check === Number(value[9]);
}

/** The 23 check letters of a UPN: A–Z without I, O and S. */
export const UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/** The UPN check letter for its 12 digits (weighted 2..13, sum mod 23). */
export function upnCheckLetter(twelveDigits: string): string | undefined {
  if (!/^\d{12}$/.test(twelveDigits)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelveDigits[i]) * (i + 2);
  return UPN_CHECK_LETTERS[sum % 23];
}

/**
 * A Unique Pupil Number: the check letter first, then 12 digits (DfE). (Temporary UPNs, which
 * end in a letter, are not accepted from agency feeds.)
 */
export function isValidUpn(value: string): boolean {
  if (!/^[A-Z]\d{12}$/.test(value)) return false;
  return upnCheckLetter(value.slice(1)) === value[0];
}
