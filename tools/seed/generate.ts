// The deterministic synthetic dataset: families and households, children with valid NHS numbers
// and UPNs, what each agency holds about them (CP-IS plans, police notifications, emergency
// attendances, school attendance, early help episodes), and the agency event stream with the
// truth about whose each record is. Pure: same options, same output.
import { createRandom, hashLabel, type Random } from "./random.ts";
import { makeNhsNumber, makeUpn } from "./identifiers.ts";
import { ADULT_NAMES, BOY_NAMES, GIRL_NAMES, makePostcode } from "./names.ts";
import { pickFamilyName } from "./family-names.ts";
import { ageOn } from "./dates.ts";
import { familyDates, parentDateOfBirth } from "./family-dates.ts";
import { FAMILY_SIZES, SHARES } from "./shares.ts";
import { makeProfessionals } from "./professionals.ts";
import { makeAgencyRows, type ChildFacts } from "./agency-rows.ts";
import { makeEvents } from "./events.ts";
import type { Dataset, DatasetRows, PersonRow } from "./types.ts";

export interface GenerateOptions {
  children: number;
  seed?: number;
  /** The day the data is drawn around, YYYY-MM-DD (default 2026-11-23). */
  asOf?: string;
  /** Children whose agency records also become events (default: all, at most 10,000). */
  eventChildren?: number;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_AS_OF = "2026-11-23";
const LA_CODES = [211, 201, 204, 206, 316, 320] as const;

export function generateDataset(options: GenerateOptions): Dataset {
  const { children } = options;
  if (!Number.isInteger(children) || children < 0)
    throw new Error("children must be a whole number");
  const seed = options.seed ?? DEFAULT_SEED;
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const rnd = createRandom(seed);
  const people = rnd.fork("people");
  const { leadProfessionals, earlyHelpManagers } = makeProfessionals(
    rnd.fork("professionals"),
    children,
  );

  const rows: DatasetRows = {
    persons: [],
    identifiers: [],
    households: [],
    householdMembers: [],
    cpisPlans: [],
    policeNotifications: [],
    edAttendances: [],
    schoolAttendances: [],
    earlyHelpEpisodes: [],
  };
  const facts: ChildFacts[] = [];
  const nhsStart = hashLabel(`nhs:${seed}`) % 5_000_000;
  let upnCounter = 0;
  let familyNo = 0;

  while (facts.length < children) {
    familyNo++;
    const size = Math.min(people.weighted(FAMILY_SIZES), children - facts.length);
    const familyName = pickFamilyName(people);
    const postcode = makePostcode((n) => people.int(0, n - 1));
    const household = { id: people.uuid(), sourceRef: `FAM-${seed}-${familyNo}` };
    rows.households.push(household);
    const earlyHelp = people.weighted([
      ["OPEN", SHARES.openEarlyHelp],
      ["CLOSED", SHARES.closedEarlyHelp],
      ["NONE", 1 - SHARES.openEarlyHelp - SHARES.closedEarlyHelp],
    ] as const);

    // the children's dates first, so that the parents can be 16 to 50 years older than each
    const expecting = people.chance(SHARES.unborn);
    const bornCount = expecting ? size - 1 : size;
    const dates = familyDates(people, asOf, bornCount, expecting);
    const eldest = dates.born[0] ?? (dates.expectedDueDate as string);
    const youngest = dates.expectedDueDate ?? (dates.born[dates.born.length - 1] as string);

    // parents: one or two adults at the address
    const adults = people.chance(0.6) ? 2 : 1;
    const adultRows: PersonRow[] = [];
    for (let a = 0; a < adults; a++) {
      const adult: PersonRow = {
        id: people.uuid(),
        isChild: false,
        givenName: people.pick(ADULT_NAMES),
        familyName: a === 0 || people.chance(0.7) ? familyName : pickFamilyName(people),
        dateOfBirth: parentDateOfBirth(people, eldest, youngest),
        expectedDueDate: null,
        postcode,
      };
      rows.persons.push(adult);
      adultRows.push(adult);
      rows.householdMembers.push({
        id: people.uuid(),
        householdId: household.id,
        personId: adult.id,
        relationship: "PARENT",
        source: "EARLY_HELP",
      });
    }

    for (let c = 0; c < size; c++) {
      const girl = people.chance(0.49);
      const unborn = c >= bornCount;
      const dateOfBirth = unborn ? null : (dates.born[c] as string);
      const child: PersonRow = {
        id: people.uuid(),
        isChild: true,
        givenName: people.pick(girl ? GIRL_NAMES : BOY_NAMES),
        familyName,
        dateOfBirth,
        expectedDueDate: unborn ? (dates.expectedDueDate as string) : null,
        postcode,
      };
      rows.persons.push(child);
      rows.householdMembers.push({
        id: people.uuid(),
        householdId: household.id,
        personId: child.id,
        relationship: "CHILD",
        source: "EARLY_HELP",
      });
      const index = facts.length;
      const nhsNumber = unborn ? undefined : makeNhsNumber((nhsStart + index) % 10_000_000);
      if (nhsNumber) addIdentifier(rows, people, child.id, "NHS_NUMBER", nhsNumber);
      const age = dateOfBirth ? ageOn(dateOfBirth, asOf) : -1;
      let upn: string | undefined;
      if (age >= 4) {
        const k = upnCounter++;
        upn = makeUpn({
          laCode: LA_CODES[hashLabel(`${seed}:${familyNo}`) % LA_CODES.length] as number,
          school: 1000 + (Math.floor(k / 1000) % 9000),
          year: (Number(asOf.slice(0, 4)) - (age - 4)) % 100,
          serial: k % 1000,
        });
        addIdentifier(rows, people, child.id, "UPN", upn);
      }
      facts.push({
        index,
        person: child,
        age,
        nhsNumber,
        upn,
        familyId: household.sourceRef,
        earlyHelp,
        adults: adultRows,
        girl,
      });
    }
  }

  const agency = rnd.fork("agencies");
  const records = facts.map((f) =>
    makeAgencyRows(agency, f, { asOf, leadProfessionals, earlyHelpManagers }),
  );
  records.forEach((r, i) => {
    const personId = (facts[i] as ChildFacts).person.id;
    rows.cpisPlans.push(...r.cpisPlans);
    rows.policeNotifications.push(...r.policeNotifications);
    rows.edAttendances.push(...r.edAttendances);
    rows.schoolAttendances.push(...r.schoolAttendances);
    rows.earlyHelpEpisodes.push(...r.earlyHelpEpisodes);
    for (const [source, value] of r.sourcePersonIds)
      addIdentifier(rows, agency, personId, "SOURCE_PERSON_ID", value, source);
  });

  const eventChildren = Math.min(options.eventChildren ?? Math.min(children, 10_000), children);
  const { events, truth } = makeEvents(rnd.fork("events"), facts.slice(0, eventChildren), records);

  return {
    seed,
    asOf,
    children,
    childIds: facts.map((f) => f.person.id),
    rows,
    events,
    truth,
    leadProfessionals,
    earlyHelpManagers,
  };
}

function addIdentifier(
  rows: DatasetRows,
  rnd: Random,
  personId: string,
  kind: "NHS_NUMBER" | "UPN" | "SOURCE_PERSON_ID",
  value: string,
  agency: DatasetRows["identifiers"][number]["agency"] = null,
) {
  rows.identifiers.push({ id: rnd.uuid(), personId, kind, agency, value });
}
