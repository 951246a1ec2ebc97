// A realistic agency event stream for tests and benchmarks: the five event types, children seen
// by several agencies under realistic names and with each agency's variations (stream-children.ts),
// redelivered duplicates, conflicts and bad messages of every kind — and the truth of which child
// each event is about, so that a run can count the children the hub made two of.
import { AGENCY_TOPICS } from "#consumers/topic-names.ts";
import { nhsCheckDigit, upnCheckLetter } from "#identity/identifiers.ts";
import type { AgencyName } from "#auth/viewer.ts";
import {
  agencyRecord,
  hasSecondRecord,
  makeChildren,
  standaloneChild,
  type AgencyRecord,
  type StreamChild,
} from "./stream-children.ts";

export type { AgencyRecord, StreamChild } from "./stream-children.ts";

export interface StreamMessage {
  /** The topic without prefix. */
  topic: string;
  key: string;
  value: Buffer;
  kind: "VALID" | "DUPLICATE" | "CONFLICT" | "BAD";
  /** The truth: which planned child the event is about (not on bad messages). */
  child?: number;
}

/** A tiny deterministic PRNG so that a failing run can be reproduced by its seed. */
export function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
}

export function nhsNumber(n: number): string {
  for (let k = n; ; k++) {
    const nine = String(400_000_000 + (k % 500_000_000)).padStart(9, "0");
    const check = nhsCheckDigit(nine);
    if (check !== undefined) return nine + String(check);
  }
}

export function upn(n: number): string {
  const twelve = `801${String(n % 1_000_000_000).padStart(9, "0")}`;
  return `${upnCheckLetter(twelve)}${twelve}`;
}

/** The agencies this stream makes events for (an agency added later is not in the mix). */
export type StreamSource = Extract<
  AgencyName,
  "POLICE" | "HEALTH" | "EDUCATION" | "EARLY_HELP" | "CPIS"
>;
const SOURCES: StreamSource[] = ["POLICE", "HEALTH", "EDUCATION", "EARLY_HELP", "CPIS"];
/** Roughly the referral mix: police most, then schools and health. */
const WEIGHTS = [0.35, 0.25, 0.2, 0.1, 0.1];

const STREAM_START = Date.UTC(2026, 9, 1);
/** Events a minute apart, closer in a long stream so that none is in the future (after 20 Nov). */
const stepMs = (total: number) => Math.min(60_000, Math.floor((50 * 86_400_000) / total));

/**
 * Event `i` about `person`: as `record` has them (a planned child's agency record), or else as
 * `source` records a child of its own numbered `person`.
 */
export function validEvent(
  source: StreamSource,
  i: number,
  person: number,
  tag = "",
  record?: { agency: AgencyRecord; child: StreamChild },
  step = 60_000,
) {
  const truth = record?.child ?? standaloneChild(person);
  const subject = (record?.agency ?? agencyRecord(0, truth, source)).subject;
  const occurredAt = new Date(STREAM_START + i * step).toISOString();
  const base = { eventId: `${source}-${tag}${i}`, source, occurredAt, subject };
  switch (source) {
    case "POLICE":
      return {
        ...base,
        type: "police.merlin.v1",
        payload: {
          merlinRef: `MER-${i}`,
          category: ["DOMESTIC_ABUSE", "MISSING_FROM_HOME", "NEGLECT", "OTHER"][i % 4],
          riskLevel: ["STANDARD", "MEDIUM", "HIGH"][i % 3],
          childPresent: i % 2 === 0,
          summary: "Police attended an address; child present.",
          officer: { collarNumber: `${1000 + (i % 900)}CE`, unit: "CAIT" },
          otherPersons:
            i % 5 === 0
              ? [
                  {
                    role: "PARENT",
                    givenName: truth.parent.givenName,
                    familyName: truth.parent.familyName,
                    dateOfBirth: truth.parent.dateOfBirth,
                  },
                ]
              : [],
        },
      };
    case "HEALTH":
      return {
        ...base,
        type: "health.ed-attendance.v1",
        payload: {
          attendanceId: `ED-${i}`,
          siteOdsCode: "R1H12",
          arrivedAt: occurredAt,
          chiefComplaintSnomed: "125605004",
          chiefComplaint: "Fracture of bone",
          injury: i % 3 === 0,
          safeguardingConcern: i % 7 === 0,
          dischargeDestination: "HOME",
        },
      };
    case "EDUCATION":
      return {
        ...base,
        type: "education.attendance.v1",
        payload: {
          schoolUrn: String(100000 + (person % 50)),
          schoolName: "Stepney Green Primary",
          periodStart: "2026-09-01",
          periodEnd: `2026-11-${String(1 + (i % 28)).padStart(2, "0")}`,
          possibleSessions: 120,
          attendedSessions: 90 + (i % 30),
          unauthorisedAbsenceSessions: 120 - (90 + (i % 30)),
          suspensions: 0,
          permanentlyExcluded: false,
          missingEducation: false,
        },
      };
    case "EARLY_HELP":
      return {
        ...base,
        type: "earlyhelp.episode.v1",
        payload: {
          episodeId: `EH-${i}`,
          status: "OPEN",
          openedAt: occurredAt,
          closedAt: null,
          familyId: `FAM-${truth.family}`,
          leadProfessional: { id: "lp-1", name: "Ayesha Khan", email: "lp1@example.org" },
          earlyHelpManager: { id: "ehm-1", name: "Tom Reed", email: "ehm1@example.org" },
        },
      };
    case "CPIS":
      return {
        ...base,
        type: "cpis.plan.v1",
        payload: {
          planType: ["CPP", "LAC"][i % 2],
          status: "ACTIVE",
          startDate: `2026-0${1 + (i % 9)}-0${1 + (i % 9)}`,
          endDate: null,
          responsibleOrganisation: { odsCode: "E09000030", name: "Tower Hamlets" },
          contact: { phone: "020 7364 5601", email: "mash@example.org" },
        },
      };
  }
}

/** Eight kinds of bad message, in turn. */
function badMessage(
  i: number,
  person: number,
  step: number,
  tag: string,
): { source: StreamSource; value: Buffer } {
  const source = SOURCES[i % SOURCES.length] as StreamSource;
  const e = validEvent(source, i, person, `bad-${tag}`, undefined, step) as Record<string, unknown>;
  const subject = e["subject"] as Record<string, unknown>;
  const payload = e["payload"] as Record<string, unknown>;
  switch (i % 8) {
    case 0:
      return { source, value: Buffer.from(`{"eventId": "bad-${tag}${i}", "source": `) };
    case 1:
      subject["nhsNumber"] = "9434765918";
      subject["upn"] = undefined;
      break;
    case 2:
      e["type"] = "police.burglary.v9";
      break;
    case 3:
      e["source"] = source === "POLICE" ? "HEALTH" : "POLICE";
      break;
    case 4:
      return {
        source: "EDUCATION",
        value: Buffer.from(
          JSON.stringify({
            ...validEvent("EDUCATION", i, person, `bad-${tag}`, undefined, step),
            payload: {
              ...validEvent("EDUCATION", i, person, "", undefined, step).payload,
              attendedSessions: 500,
            },
          }),
        ),
      };
    case 5:
      // years ahead of any clock this runs on, and the same in every run (same seed, same stream)
      e["occurredAt"] = "2031-01-01T09:00:00.000Z";
      break;
    case 6:
      payload["padding"] = "x".repeat(300_000);
      break;
    default:
      delete subject["sourcePersonId"];
      break;
  }
  return { source, value: Buffer.from(JSON.stringify(e)) };
}

export interface StreamPlan {
  messages: StreamMessage[];
  distinctValid: number;
  duplicates: number;
  conflicts: number;
  bad: number;
  /** The truth: the children the valid events are about (by `StreamMessage.child`). */
  children: StreamChild[];
  /** Every agency record the valid events carry, each about one of `children`. */
  records: AgencyRecord[];
}

/** Of events about a child an agency holds two records of, the share under the second. */
const SECOND_RECORD_EVENTS = 0.4;

/**
 * A second stream that must not meet the first (a bench's warm-up): its event ids carry `tag`
 * and its children are numbered from `firstChild`, so that no event id, agency person id, NHS
 * number or UPN is shared with a stream numbered from 0.
 */
export interface StreamApart {
  tag: string;
  firstChild: number;
}

/** `total` messages: 10% duplicates, 3% bad, 0.5% conflicts, the rest distinct valid events. */
export function planStream(
  total: number,
  seed = 1,
  shares = { duplicates: 0.1, bad: 0.03, conflicts: 0.005 },
  apart: StreamApart = { tag: "", firstChild: 0 },
): StreamPlan {
  const random = rng(seed);
  const bad = Math.round(total * shares.bad);
  const duplicates = Math.round(total * shares.duplicates);
  const conflicts = Math.round(total * shares.conflicts);
  const distinctValid = total - bad - duplicates - conflicts;
  const people = Math.max(1, Math.round(distinctValid / 3));
  const children = makeChildren(people, seed, apart.firstChild);
  const records = new Map<string, AgencyRecord>();
  const recordFor = (child: StreamChild, source: StreamSource) => {
    const copy =
      hasSecondRecord(seed, child.child, source) && random() < SECOND_RECORD_EVENTS ? 1 : 0;
    const key = `${child.child}|${source}|${copy}`;
    let record = records.get(key);
    if (!record) {
      record = agencyRecord(seed, child, source, copy);
      records.set(key, record);
    }
    return record;
  };
  const step = stepMs(total);
  const messages: StreamMessage[] = [];
  const valid: StreamMessage[] = [];
  const validSources: StreamSource[] = [];
  const pickSource = () => {
    const r = random();
    let acc = 0;
    for (let k = 0; k < SOURCES.length; k++) {
      acc += WEIGHTS[k] as number;
      if (r < acc) return SOURCES[k] as StreamSource;
    }
    return "POLICE";
  };
  const slots: Array<StreamMessage["kind"]> = [
    ...Array<StreamMessage["kind"]>(distinctValid).fill("VALID"),
    ...Array<StreamMessage["kind"]>(duplicates).fill("DUPLICATE"),
    ...Array<StreamMessage["kind"]>(conflicts).fill("CONFLICT"),
    ...Array<StreamMessage["kind"]>(bad).fill("BAD"),
  ];
  // shuffle, then make sure the stream starts with a valid event so repeats have something to copy
  for (let k = slots.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [slots[k], slots[j]] = [slots[j] as StreamMessage["kind"], slots[k] as StreamMessage["kind"]];
  }
  slots.sort((a, b) => (a === "VALID" ? 0 : 1) - (b === "VALID" ? 0 : 1) || 0);
  const firstValid = slots.splice(0, Math.min(10, distinctValid));
  shuffleInPlace(slots, random);
  const order = [...firstValid, ...slots];
  let i = 0;
  const usedForConflict = new Set<number>();
  for (const kind of order) {
    i++;
    if (kind === "VALID") {
      const source = pickSource();
      const person = Math.floor(random() * people);
      const child = children[person] as StreamChild;
      const agency = recordFor(child, source);
      const e = validEvent(source, i, person, apart.tag, { agency, child }, step);
      const m: StreamMessage = {
        topic: AGENCY_TOPICS[source],
        key: e.subject.sourcePersonId,
        value: Buffer.from(JSON.stringify(e)),
        kind,
        child: child.child,
      };
      valid.push(m);
      validSources.push(source);
      messages.push(m);
    } else if (kind === "DUPLICATE") {
      const original = valid[Math.floor(random() * valid.length)] as StreamMessage;
      messages.push({ ...original, kind });
    } else if (kind === "CONFLICT") {
      let k = Math.floor(random() * valid.length);
      while (usedForConflict.has(k)) k = (k + 1) % valid.length;
      usedForConflict.add(k);
      const original = valid[k] as StreamMessage;
      const changed = JSON.parse(original.value.toString()) as { occurredAt: string };
      changed.occurredAt = new Date(Date.parse(changed.occurredAt) - 3_600_000).toISOString();
      messages.push({ ...original, value: Buffer.from(JSON.stringify(changed)), kind });
    } else {
      const b = badMessage(i, apart.firstChild + Math.floor(random() * people), step, apart.tag);
      messages.push({
        topic: AGENCY_TOPICS[b.source],
        key: `bad-${apart.tag}${i}`,
        value: b.value,
        kind,
      });
    }
  }
  return {
    messages,
    distinctValid,
    duplicates,
    conflicts,
    bad,
    children,
    records: [...records.values()],
  };
}

function shuffleInPlace<T>(list: T[], random: () => number) {
  for (let k = list.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [list[k], list[j]] = [list[j] as T, list[k] as T];
  }
}
