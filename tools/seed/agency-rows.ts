// What each agency holds about one child: CP-IS plans, police notifications, emergency
// attendances, school attendance this term and early help episodes, with the agency's own
// person id for the child.
import type { AgencyName } from "#auth/viewer.ts";
import { createRandom, hashLabel, type Random } from "./random.ts";
import { addDays, atMinute } from "./dates.ts";
import { SHARES } from "./shares.ts";
import { ADULT_NAMES, FAMILY_NAMES } from "./names.ts";
import type {
  CpisPlanRow,
  EarlyHelpEpisodeRow,
  EdAttendanceRow,
  PersonRow,
  PoliceNotificationRow,
  Professional,
  SchoolAttendanceRow,
} from "./types.ts";

export interface ChildFacts {
  index: number;
  person: PersonRow;
  /** Whole years on the as-of day; -1 for an unborn child. */
  age: number;
  nhsNumber: string | undefined;
  upn: string | undefined;
  familyId: string;
  earlyHelp: "OPEN" | "CLOSED" | "NONE";
  adults: PersonRow[];
  girl: boolean;
}

export interface AgencyRows {
  cpisPlans: CpisPlanRow[];
  policeNotifications: PoliceNotificationRow[];
  edAttendances: EdAttendanceRow[];
  schoolAttendances: SchoolAttendanceRow[];
  earlyHelpEpisodes: EarlyHelpEpisodeRow[];
  /** The agency's own id for the child, for each agency that holds a record. */
  sourcePersonIds: Array<[AgencyName, string]>;
}

interface Setting {
  asOf: string;
  leadProfessionals: Professional[];
  earlyHelpManagers: Professional[];
}

const AUTHORITIES = [
  {
    odsCode: "E09000030",
    name: "Tower Hamlets",
    phone: "020 7364 5601",
    email: "mash@towerhamlets.example",
  },
  { odsCode: "E09000012", name: "Hackney", phone: "020 8356 5500", email: "mash@hackney.example" },
  { odsCode: "E09000025", name: "Newham", phone: "020 3373 4600", email: "mash@newham.example" },
] as const;

/** A child's own notices; domestic abuse mostly comes per household (domesticAbuseIncidents). */
const POLICE_CATEGORIES: ReadonlyArray<readonly [string, number]> = [
  ["DOMESTIC_ABUSE", 8],
  ["MISSING_FROM_HOME", 15],
  ["NEGLECT", 10],
  ["PHYSICAL_ABUSE", 7],
  ["CHILD_CRIMINAL_EXPLOITATION", 5],
  ["CHILD_SEXUAL_EXPLOITATION", 3],
  ["SEXUAL_ABUSE", 2],
  ["ONLINE_HARM", 5],
  ["ANTI_SOCIAL_BEHAVIOUR", 10],
  ["OTHER", 13],
];

const SUMMARIES: Readonly<Record<string, string>> = {
  DOMESTIC_ABUSE:
    "Police called to a verbal argument between adults at the address; child present.",
  MISSING_FROM_HOME: "Reported missing by a parent; found safe and returned home the next morning.",
  NEGLECT: "Officers attending found the home without food or heating; child not injured.",
  PHYSICAL_ABUSE: "Child disclosed to a teacher being hit at home; referred to police.",
  CHILD_CRIMINAL_EXPLOITATION: "Stopped with older youths; cash and a second phone found.",
  CHILD_SEXUAL_EXPLOITATION: "Seen getting into a car with unknown adults late at night.",
  SEXUAL_ABUSE: "Disclosure made to a relative; joint investigation opened.",
  ONLINE_HARM: "Parent reported messages from an unknown adult on a games platform.",
  ANTI_SOCIAL_BEHAVIOUR: "Part of a group causing damage at a bus shelter; words of advice given.",
  OTHER: "Child came to notice at an incident at the address; no offence recorded.",
};

const ED_SITES = ["R1H12", "R1HKH", "RQXM1", "RF4DG"] as const;
interface Complaint {
  snomed: string | null;
  text: string;
  injury: boolean;
}
const COMPLAINTS: readonly Complaint[] = [
  { snomed: "386661006", text: "Fever", injury: false },
  { snomed: "195967001", text: "Asthma", injury: false },
  { snomed: "422587007", text: "Nausea", injury: false },
  { snomed: null, text: "Abdominal pain", injury: false },
  { snomed: "82271004", text: "Injury of head", injury: true },
  { snomed: "125605004", text: "Fracture of bone", injury: true },
  { snomed: "125666000", text: "Burn", injury: true },
  { snomed: "312608009", text: "Laceration", injury: true },
];

/**
 * Presentations ED_HIGH_RISK_PRESENTATION reads (domain/rag/snomed-codes.ts), with how many in a
 * thousand attendances they are at each age: none in young children, most among teenagers.
 */
const HIGH_RISK: ReadonlyArray<{
  complaint: Complaint;
  perThousand: (age: number, girl: boolean) => number;
}> = [
  {
    complaint: { snomed: "248062006", text: "Self-harm", injury: true },
    perThousand: (age, girl) => (age >= 12 ? (girl ? 60 : 25) : 0),
  },
  {
    complaint: { snomed: "55680006", text: "Drug overdose", injury: false },
    perThousand: (age) => (age >= 13 ? 20 : age <= 4 ? 6 : 0),
  },
  {
    complaint: { snomed: "75478009", text: "Poisoning", injury: false },
    perThousand: (age) => (age <= 4 ? 12 : 0),
  },
  {
    complaint: { snomed: "425322008", text: "Stab wound", injury: true },
    perThousand: (age, girl) => (age >= 13 && !girl ? 8 : 0),
  },
  {
    complaint: { snomed: "248110007", text: "Sexual assault", injury: false },
    perThousand: (age, girl) => (age >= 10 ? (girl ? 4 : 1) : 0),
  },
  {
    complaint: { snomed: "77386006", text: "Pregnancy", injury: false },
    perThousand: (age, girl) => (girl ? (age >= 16 ? 25 : age >= 14 ? 8 : age >= 12 ? 1 : 0) : 0),
  },
  {
    complaint: { snomed: "25702006", text: "Alcohol intoxication", injury: false },
    perThousand: (age) => (age >= 14 ? 20 : 0),
  },
];

function pickComplaint(rnd: Random, age: number, girl: boolean): Complaint {
  let r = rnd.int(0, 999);
  for (const h of HIGH_RISK) {
    r -= h.perThousand(age, girl);
    if (r < 0) return h.complaint;
  }
  return rnd.pick(COMPLAINTS);
}

const PLACES = [
  "Stepney Green",
  "Bow",
  "Poplar",
  "Limehouse",
  "Wapping",
  "Bethnal Green",
  "Mile End",
  "Whitechapel",
  "Shadwell",
  "Hackney Wick",
  "Stratford",
  "Canning Town",
  "Leyton",
  "Hoxton",
  "Spitalfields",
  "Bromley-by-Bow",
  "Cubitt Town",
  "Millwall",
  "Globe Town",
  "Old Ford",
] as const;

export function makeAgencyRows(rnd: Random, child: ChildFacts, setting: Setting): AgencyRows {
  const out: AgencyRows = {
    cpisPlans: [],
    policeNotifications: [],
    edAttendances: [],
    schoolAttendances: [],
    earlyHelpEpisodes: [],
    sourcePersonIds: [],
  };
  const { asOf } = setting;
  const { person, index, age } = child;
  const born = person.dateOfBirth;

  // CP-IS: child protection plans come per family (most of the family's children are on one,
  // and they end together); looked-after children and unborn children's plans one by one.
  const unborn = born === null;
  const family = createRandom(hashLabel(`${child.familyId}:cpis`));
  const familyPlan = family.chance(SHARES.childProtectionFamily);
  const familyEnded = family.chance(SHARES.endedPlanFamily);
  const familyStart = -family.int(familyEnded ? 200 : 30, 3 * 365);
  const familyEnd = -family.int(1, 330);
  const la = family.pick(AUTHORITIES);
  let planned: Pick<CpisPlanRow, "planType" | "status" | "startDate" | "endDate"> | undefined;
  if (unborn) {
    if (rnd.chance(0.5)) {
      planned = {
        planType: "UCPP",
        status: "ACTIVE",
        startDate: addDays(asOf, -rnd.int(1, 120)),
        endDate: null,
      };
    }
  } else if (familyPlan && rnd.chance(SHARES.siblingOnPlan)) {
    const earliest = -daysSince(born, asOf);
    const end = familyEnded ? Math.max(familyEnd, earliest + 1) : undefined;
    const start = Math.min(Math.max(familyStart, earliest), (end ?? 0) - 1);
    planned = {
      planType: "CPP",
      status: familyEnded ? "ENDED" : "ACTIVE",
      startDate: addDays(asOf, start),
      endDate: end === undefined ? null : addDays(asOf, end),
    };
  } else if (rnd.chance(SHARES.lookedAfter)) {
    planned = {
      planType: "LAC",
      status: "ACTIVE",
      startDate: addDays(asOf, -rnd.int(0, Math.min(3 * 365, daysSince(born, asOf)))),
      endDate: null,
    };
  }
  if (planned) {
    out.cpisPlans.push({
      id: rnd.uuid(),
      personId: person.id,
      ...planned,
      organisationOdsCode: la.odsCode,
      organisationName: la.name,
      contactPhone: la.phone,
      contactEmail: la.email,
    });
    out.sourcePersonIds.push(["CPIS", `CPIS-${child.nhsNumber ?? `U${index}`}`]);
  }
  if (unborn) return out;

  // Police (Merlin): domestic abuse at the household (a notice for every child there), and the
  // child's own notices. The two together reach SHARES.policeNotification of children.
  for (const incident of domesticAbuseIncidents(child.familyId, asOf)) {
    out.policeNotifications.push({
      id: rnd.uuid(),
      personId: person.id,
      merlinRef: `MER-${incident.occurredAt.slice(0, 4)}-H${String(index * 8 + incident.n).padStart(7, "0")}`,
      occurredAt: incident.occurredAt,
      category: "DOMESTIC_ABUSE",
      riskLevel: incident.riskLevel,
      childPresent: rnd.chance(0.5),
      summary: SUMMARIES["DOMESTIC_ABUSE"] ?? "",
      officerCollar: `${rnd.int(100, 9999)}${rnd.pick(["CE", "HT", "NE", "EA"])}`,
      officerUnit: rnd.pick(["CAIT", "Response", "Safer Neighbourhoods", "MASH"]),
      otherPersons: otherPersons(rnd, child, "DOMESTIC_ABUSE"),
    });
  }
  const ownNotices = 1 - (1 - SHARES.policeNotification) / (1 - SHARES.domesticAbuseHousehold);
  if (rnd.chance(ownNotices)) {
    const n = rnd.weighted([
      [1, 70],
      [2, 20],
      [3, 10],
    ] as const);
    for (let k = 0; k < n; k++) {
      const category = rnd.weighted(POLICE_CATEGORIES);
      const occurredAt = atMinute(addDays(asOf, -rnd.int(0, 365)), rnd.int(0, 1439));
      out.policeNotifications.push({
        id: rnd.uuid(),
        personId: person.id,
        merlinRef: `MER-${occurredAt.slice(0, 4)}-${String(index * 4 + k).padStart(7, "0")}`,
        occurredAt,
        category,
        riskLevel: rnd.weighted([
          ["STANDARD", 60],
          ["MEDIUM", 30],
          ["HIGH", 10],
        ] as const),
        childPresent: rnd.chance(0.6),
        summary: SUMMARIES[category] ?? SUMMARIES["OTHER"] ?? "",
        officerCollar: `${rnd.int(100, 9999)}${rnd.pick(["CE", "HT", "NE", "EA"])}`,
        officerUnit: rnd.pick(["CAIT", "Response", "Safer Neighbourhoods", "MASH"]),
        otherPersons: otherPersons(rnd, child, category),
      });
    }
  }
  // a few teenagers go missing again and again (REPEAT_MISSING: 3 or more in 90 days)
  if (age >= 11 && rnd.chance(0.004)) {
    const episodes = rnd.int(3, 5);
    for (let k = 0; k < episodes; k++) {
      const occurredAt = atMinute(addDays(asOf, -rnd.int(0, 80)), rnd.int(0, 1439));
      out.policeNotifications.push({
        id: rnd.uuid(),
        personId: person.id,
        merlinRef: `MER-${occurredAt.slice(0, 4)}-M${String(index * 8 + k).padStart(7, "0")}`,
        occurredAt,
        category: "MISSING_FROM_HOME",
        riskLevel: rnd.chance(0.3) ? "MEDIUM" : "STANDARD",
        childPresent: false,
        summary: SUMMARIES["MISSING_FROM_HOME"] ?? "",
        officerCollar: `${rnd.int(100, 9999)}${rnd.pick(["CE", "HT", "NE", "EA"])}`,
        officerUnit: "Missing Persons",
        otherPersons: otherPersons(rnd, child, "MISSING_FROM_HOME"),
      });
    }
  }
  if (out.policeNotifications.length > 0) {
    out.sourcePersonIds.push(["POLICE", `MERLIN-P-${100000 + index}`]);
  }

  // Emergency department attendances
  if (rnd.chance(SHARES.edAttendance)) {
    const n = rnd.weighted([
      [1, 60],
      [2, 25],
      [3, 10],
      [4, 5],
    ] as const);
    const span = Math.min(365, daysSince(born, asOf));
    const girl = child.girl;
    for (let k = 0; k < n; k++) {
      const complaint = pickComplaint(rnd, age, girl);
      const infantInjury = complaint.injury && age < 1;
      out.edAttendances.push({
        id: rnd.uuid(),
        personId: person.id,
        attendanceId: `ED-${String(index).padStart(7, "0")}-${k + 1}`,
        siteOdsCode: rnd.pick(ED_SITES),
        arrivedAt: atMinute(addDays(asOf, -rnd.int(0, span)), rnd.int(0, 1439)),
        chiefComplaintSnomed: complaint.snomed,
        chiefComplaint: complaint.text,
        injury: complaint.injury,
        safeguardingConcern: infantInjury || rnd.chance(complaint.injury ? 0.1 : 0.03),
        dischargeDestination: rnd.weighted([
          ["HOME", 75],
          ["ADMITTED", 15],
          ["LEFT_BEFORE_TREATMENT", 6],
          ["TRANSFERRED", 2],
          ["OTHER", 2],
        ] as const),
      });
    }
    out.sourcePersonIds.push(["HEALTH", `RXX-PAS-${String(500000 + index)}`]);
  }

  // School attendance this term (compulsory school age)
  if (age >= 5 && age <= 15) {
    const school = schoolFor(child.familyId, age);
    const possible = 110;
    const band = rnd.next();
    const severe = band < SHARES.severeAbsence;
    const rate = severe
      ? 0.2 + rnd.next() * 0.29
      : band < SHARES.persistentAbsence
        ? 0.5 + rnd.next() * 0.399
        : 0.9 + rnd.next() * 0.1;
    const attended = Math.floor(possible * rate);
    const absent = possible - attended;
    out.schoolAttendances.push({
      id: rnd.uuid(),
      personId: person.id,
      schoolUrn: school.urn,
      schoolName: school.name,
      periodStart: `${asOf.slice(0, 4)}-09-01`,
      periodEnd: addDays(asOf, -3),
      possibleSessions: possible,
      attendedSessions: attended,
      unauthorisedAbsenceSessions: Math.round(absent * (0.3 + rnd.next() * 0.5)),
      suspensions: rnd.chance(0.03) ? rnd.int(1, 2) : 0,
      permanentlyExcluded: rnd.chance(0.001),
      missingEducation: severe && rnd.chance(0.15),
    });
    out.sourcePersonIds.push(["EDUCATION", `SIMS-${String(200000 + index)}`]);
  }

  // Early help (per family: every child in the family shares the episode and its workers)
  if (child.earlyHelp !== "NONE") {
    const fam = createRandom(hashLabel(child.familyId));
    const openedAt = atMinute(addDays(asOf, -fam.int(7, 400)), 9 * 60 + fam.int(0, 480));
    const closed = child.earlyHelp === "CLOSED";
    // a closed episode ran 30–200 days and ended before the as-of day
    const closedDay = addDays(openedAt.slice(0, 10), fam.int(30, 200));
    const closedAt = atMinute(closedDay < asOf ? closedDay : addDays(asOf, -1), 16 * 60);
    out.earlyHelpEpisodes.push({
      id: rnd.uuid(),
      personId: person.id,
      episodeId: `EH-${child.familyId}`,
      status: closed ? "CLOSED" : "OPEN",
      openedAt,
      closedAt: closed ? closedAt : null,
      familyId: child.familyId,
      leadProfessional: fam.pick(setting.leadProfessionals),
      manager: fam.pick(setting.earlyHelpManagers),
    });
    out.sourcePersonIds.push(["EARLY_HELP", `EHM-${String(300000 + index)}`]);
  }
  return out;
}

function daysSince(date: string | null, asOf: string): number {
  if (!date) return 0;
  return Math.max(0, Math.round((Date.parse(asOf) - Date.parse(date)) / 86_400_000));
}

function schoolFor(familyId: string, age: number): { urn: string; name: string } {
  const h = hashLabel(familyId);
  const place = PLACES[h % PLACES.length] as string;
  return age <= 10
    ? { urn: String(100000 + (h % PLACES.length)), name: `${place} Primary School` }
    : { urn: String(150000 + (h % 8)), name: `${PLACES[(h % 8) * 2] ?? place} Academy` };
}

function otherPersons(rnd: Random, child: ChildFacts, category: string) {
  const parents = child.adults.map((a) => ({
    role: "PARENT" as const,
    givenName: a.givenName,
    familyName: a.familyName,
    ...(a.dateOfBirth ? { dateOfBirth: a.dateOfBirth } : {}),
  }));
  if (category !== "DOMESTIC_ABUSE" && category !== "PHYSICAL_ABUSE") return parents.slice(0, 1);
  return [
    {
      role: "SUSPECT" as const,
      givenName: rnd.pick(ADULT_NAMES),
      familyName: rnd.pick(FAMILY_NAMES),
      dateOfBirth: addDays("2000-01-01", -rnd.int(0, 20 * 365)),
    },
    ...parents,
  ];
}

/** Domestic abuse the police attended at a family's home in the last year (the same for every child). */
function domesticAbuseIncidents(
  familyId: string,
  asOf: string,
): Array<{ n: number; occurredAt: string; riskLevel: "STANDARD" | "MEDIUM" | "HIGH" }> {
  const fam = createRandom(hashLabel(`${familyId}:domestic-abuse`));
  if (!fam.chance(SHARES.domesticAbuseHousehold)) return [];
  const count = fam.weighted([
    [1, 55],
    [2, 25],
    [3, 12],
    [4, 8],
  ] as const);
  return Array.from({ length: count }, (_, n) => ({
    n,
    occurredAt: atMinute(addDays(asOf, -fam.int(0, 364)), fam.int(0, 1439)),
    riskLevel: fam.weighted([
      ["STANDARD", 65],
      ["MEDIUM", 28],
      ["HIGH", 7],
    ] as const),
  }));
}
