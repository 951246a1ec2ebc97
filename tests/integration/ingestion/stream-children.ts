// The children behind the agency event stream, and each agency's record of them. Children come
// in families (siblings share a family name, a postcode and sometimes a date of birth) with the
// seed's realistic names, dates of birth over 0–17 years, valid NHS numbers and UPNs. An agency
// records a child with that agency's usual variations (tools/seed/variations.ts: nicknames,
// typos, day and month swapped, a missing NHS number, an old postcode), and a few agencies hold a
// second record of the same child — so the hub must link exactly, probabilistically, or ask a
// screener, as it would with real feeds. Pure and deterministic: everything is derived from
// (seed, child, agency), never from the order in which events are drawn.
import { createRandom, hashLabel, type Random } from "#seed/random.ts";
import { ADULT_NAMES, BOY_NAMES, GIRL_NAMES, makePostcode } from "#seed/names.ts";
import { pickFamilyName } from "#seed/family-names.ts";
import { familyDates, parentDateOfBirth } from "#seed/family-dates.ts";
import { FAMILY_SIZES } from "#seed/shares.ts";
import { makeNhsNumber, makeUpn } from "#seed/identifiers.ts";
import { recordAs } from "#seed/variations.ts";
import type { SeededAgency, Variation } from "#seed/types.ts";

/** Every child is born by this day; the stream's events happen after it. */
export const STREAM_AS_OF = "2026-09-30";

export interface StreamChild {
  /** The child's number in the stream's truth (0 …). */
  child: number;
  family: number;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string;
  nhsNumber: string;
  upn: string;
  /** The parent the police name beside the child. */
  parent: { givenName: string; familyName: string; dateOfBirth: string };
}

export interface AgencyRecord {
  child: number;
  source: SeededAgency;
  sourcePersonId: string;
  subject: {
    sourcePersonId: string;
    nhsNumber?: string;
    upn?: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    postcode: string;
  };
  variations: Variation[];
}

/** Share of children an agency holds a second, separately keyed record of (a new nominal). */
export const SECOND_RECORD: Record<SeededAgency, number> = {
  POLICE: 0.06,
  HEALTH: 0.04,
  EDUCATION: 0,
  EARLY_HELP: 0.02,
  CPIS: 0,
};

// NHS numbers in a range of their own, apart from the seed's (tools/seed/generate.ts)
const nhsOffset = (seed: number) => 5_000_000 + (hashLabel(`stream-nhs:${seed}`) % 2_000_000);

/** `count` children in families, numbered `first` … `first` + count-1. */
export function makeChildren(count: number, seed: number, first = 0): StreamChild[] {
  const rnd = createRandom(hashLabel(`stream-children:${seed}`));
  const children: StreamChild[] = [];
  let family = 0;
  while (children.length < count) {
    const size = Math.min(rnd.weighted(FAMILY_SIZES), count - children.length);
    children.push(...makeFamily(rnd, seed, family++, first + children.length, size));
  }
  return children;
}

/** One child on its own (for events drawn outside a planned stream), numbered `child`. */
export function standaloneChild(child: number, seed = 0): StreamChild {
  const rnd = createRandom(hashLabel(`stream-child:${seed}:${child}`));
  return makeFamily(rnd, seed, child, child, 1)[0] as StreamChild;
}

function makeFamily(
  rnd: Random,
  seed: number,
  family: number,
  first: number,
  size: number,
): StreamChild[] {
  const familyName = pickFamilyName(rnd);
  const postcode = makePostcode((n) => rnd.int(0, n - 1));
  const born = familyDates(rnd, STREAM_AS_OF, size, false).born;
  const parent = {
    givenName: rnd.pick(ADULT_NAMES),
    familyName,
    dateOfBirth: parentDateOfBirth(rnd, born[0] as string, born[born.length - 1] as string),
  };
  const taken = new Set<string>();
  return born.map((dateOfBirth, k) => {
    const child = first + k;
    let givenName = rnd.pick(rnd.chance(0.49) ? GIRL_NAMES : BOY_NAMES);
    // siblings are not given the same name
    while (taken.has(givenName)) givenName = rnd.pick([...GIRL_NAMES, ...BOY_NAMES]);
    taken.add(givenName);
    return {
      child,
      family,
      givenName,
      familyName,
      dateOfBirth,
      postcode,
      nhsNumber: makeNhsNumber((nhsOffset(seed) + child) % 10_000_000),
      // early years settings allocate UPNs too, so every child has one
      upn: makeUpn({
        laCode: 211,
        school: 1000 + (Math.floor(child / 1000) % 9000),
        year: Number(dateOfBirth.slice(2, 4)),
        serial: child % 1000,
      }),
      parent,
    };
  });
}

/** Whether `source` holds a second record of the child (decided by the seed alone). */
export function hasSecondRecord(seed: number, child: number, source: SeededAgency): boolean {
  const share = SECOND_RECORD[source];
  return share > 0 && hashLabel(`second:${seed}:${child}:${source}`) / 4_294_967_296 < share;
}

/** `source`'s record of the child: its own person id and its variations of the truth. */
export function agencyRecord(
  seed: number,
  child: StreamChild,
  source: SeededAgency,
  copy = 0,
): AgencyRecord {
  const rnd = createRandom(hashLabel(`record:${seed}:${child.child}:${source}:${copy}`));
  const { subject, variations } = recordAs(rnd, source, {
    givenName: child.givenName,
    familyName: child.familyName,
    dateOfBirth: child.dateOfBirth,
    nhsNumber: child.nhsNumber,
    postcode: child.postcode,
  });
  // a day and month swapped into the future is refused at the door: the agency got it right
  if (subject.dateOfBirth && subject.dateOfBirth > STREAM_AS_OF) {
    subject.dateOfBirth = child.dateOfBirth;
    variations.splice(variations.indexOf("SWAPPED_DAY_MONTH"), 1);
  }
  const sourcePersonId = `${source}-P-${child.child}${copy > 0 ? `-${copy}` : ""}`;
  return {
    child: child.child,
    source,
    sourcePersonId,
    subject: {
      sourcePersonId,
      ...(subject.nhsNumber ? { nhsNumber: subject.nhsNumber } : {}),
      ...(source === "EDUCATION" ? { upn: child.upn } : {}),
      givenName: subject.givenName,
      familyName: subject.familyName,
      dateOfBirth: subject.dateOfBirth ?? child.dateOfBirth,
      postcode: subject.postcode,
    },
    variations,
  };
}
