// The blocks a subject's candidates are looked for in (pure): the same date of birth (or day and
// month exchanged), the same family and given name keys, or the same family name key and postcode
// sector; a subject with fewer details falls back to the one key it has. Each block is an index
// scan (Person's indexes), so the blocks stay small on real name distributions; the candidates
// query caps them (candidates.ts), and a block over the cap sends its subject to review.
import { blockingKeys, swapDayMonth } from "./normalise.ts";

export interface BlockQuery {
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  postcode?: string | null | undefined;
}

/** One value per arm of the candidates query; null switches an arm off. */
export interface BlockArms {
  dob: string | null;
  swappedDob: string | null;
  familyGiven: [string, string] | null;
  familyPostcode: [string, string] | null;
  familyOnly: string | null;
  postcodeOnly: string | null;
  givenOnly: string | null;
}

/** Most candidates a subject is scored against; more means its block is too coarse to trust. */
export const BLOCK_CAP = 500;

export function blockArms(q: BlockQuery): BlockArms {
  const k = blockingKeys(q);
  const dob = q.dateOfBirth ?? null;
  return {
    dob,
    swappedDob: dob ? swapDayMonth(dob) : null,
    familyGiven: k.familyNameKey && k.givenNameKey ? [k.familyNameKey, k.givenNameKey] : null,
    familyPostcode:
      k.familyNameKey && k.postcodeSector ? [k.familyNameKey, k.postcodeSector] : null,
    familyOnly:
      k.familyNameKey && !dob && !k.givenNameKey && !k.postcodeSector ? k.familyNameKey : null,
    postcodeOnly: !k.familyNameKey && k.postcodeSector && !dob ? k.postcodeSector : null,
    givenOnly: !k.familyNameKey && k.givenNameKey && !dob ? k.givenNameKey : null,
  };
}

export const hasArm = (a: BlockArms): boolean =>
  !!(a.dob || a.familyGiven || a.familyPostcode || a.familyOnly || a.postcodeOnly || a.givenOnly);

/**
 * The names of the blocks a subject reads: the advisory locks a transaction takes before it may
 * create a child, so that two transactions that could each make a child of one person (their
 * subjects share a block) run one after the other and the second finds the first's child.
 */
export function blockLockKeys(a: BlockArms): string[] {
  return [
    ...(a.dob ? [`d:${a.dob}`] : []),
    ...(a.swappedDob ? [`d:${a.swappedDob}`] : []),
    ...(a.familyGiven ? [`fg:${a.familyGiven.join("|")}`] : []),
    ...(a.familyPostcode ? [`fp:${a.familyPostcode.join("|")}`] : []),
    ...(a.familyOnly ? [`f:${a.familyOnly}`] : []),
    ...(a.postcodeOnly ? [`p:${a.postcodeOnly}`] : []),
    ...(a.givenOnly ? [`g:${a.givenOnly}`] : []),
  ];
}

/** The blocks a known child is found through, by the arms above (for children made in a batch). */
export function memberKeys(p: BlockQuery): string[] {
  const k = blockingKeys(p);
  return [
    ...(p.dateOfBirth ? [`d:${p.dateOfBirth}`] : []),
    ...(k.familyNameKey && k.givenNameKey ? [`fg:${k.familyNameKey}|${k.givenNameKey}`] : []),
    ...(k.familyNameKey && k.postcodeSector ? [`fp:${k.familyNameKey}|${k.postcodeSector}`] : []),
    ...(k.familyNameKey ? [`f:${k.familyNameKey}`] : []),
    ...(k.postcodeSector ? [`p:${k.postcodeSector}`] : []),
    ...(k.givenNameKey ? [`g:${k.givenNameKey}`] : []),
  ];
}
