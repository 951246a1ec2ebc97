import { describe, expect, it } from "@jest/globals";
import { isValidNhsNumber, isValidUpn } from "#identity/identifiers.ts";
import { soundex } from "#identity/normalise.ts";
import { validateEvent } from "#ingestion/validate-event.ts";
import { generateDataset } from "#seed/generate.ts";
import { SHARES } from "#seed/shares.ts";
import { addMonths, ageOn } from "#seed/dates.ts";
import { datasetPictures } from "#seed/pictures.ts";
import { evaluate, RULE_SET_V2, type RuleId } from "#rag/index.ts";

const big = generateDataset({ children: 20_000, seed: 7, eventChildren: 3_000 });
const children = big.rows.persons.filter((p) => p.isChild);
const share = (n: number, of: number) => n / of;
const distinctPersons = (rows: Array<{ personId: string }>) =>
  new Set(rows.map((r) => r.personId)).size;

describe("the synthetic dataset", () => {
  it("has exactly the number of children asked for, each listed once", () => {
    expect(children).toHaveLength(20_000);
    expect(new Set(big.childIds).size).toBe(20_000);
    expect(generateDataset({ children: 0 }).rows.persons).toHaveLength(0);
    expect(generateDataset({ children: 1 }).childIds).toHaveLength(1);
  });

  it("is the same for the same seed, down to every id", () => {
    const a = generateDataset({ children: 300, seed: 42 });
    const b = generateDataset({ children: 300, seed: 42 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("differs for a different seed", () => {
    const a = generateDataset({ children: 300, seed: 42 });
    const b = generateDataset({ children: 300, seed: 43 });
    expect(a.childIds).not.toEqual(b.childIds);
    expect(a.rows.persons.map((p) => p.givenName)).not.toEqual(
      b.rows.persons.map((p) => p.givenName),
    );
    const nhs = (d: typeof a) =>
      new Set(d.rows.identifiers.filter((i) => i.kind === "NHS_NUMBER").map((i) => i.value));
    const overlap = [...nhs(a)].filter((v) => nhs(b).has(v));
    expect(overlap.length).toBeLessThan(10);
  });

  it("gives every born child one valid NHS number, and no two children the same", () => {
    const nhs = big.rows.identifiers.filter((i) => i.kind === "NHS_NUMBER");
    const born = children.filter((c) => c.dateOfBirth !== null);
    expect(nhs).toHaveLength(born.length);
    expect(nhs.every((i) => isValidNhsNumber(i.value))).toBe(true);
    expect(new Set(nhs.map((i) => i.value)).size).toBe(nhs.length);
  });

  it("gives every child of 4 or over a valid, unique UPN and younger children none", () => {
    const upns = big.rows.identifiers.filter((i) => i.kind === "UPN");
    const schoolAge = children.filter((c) => c.dateOfBirth && ageOn(c.dateOfBirth, big.asOf) >= 4);
    expect(upns).toHaveLength(schoolAge.length);
    expect(upns.every((i) => isValidUpn(i.value))).toBe(true);
    expect(new Set(upns.map((i) => i.value)).size).toBe(upns.length);
  });

  it("keeps agency person ids unique per agency", () => {
    const own = big.rows.identifiers.filter((i) => i.kind === "SOURCE_PERSON_ID");
    expect(new Set(own.map((i) => `${i.agency}:${i.value}`)).size).toBe(own.length);
  });

  it("names children as a real borough does: no family-name block (Soundex) holds 5% of them", () => {
    const blocks = new Map<string, number>();
    for (const c of children)
      blocks.set(soundex(c.familyName ?? ""), (blocks.get(soundex(c.familyName ?? "")) ?? 0) + 1);
    expect(Math.max(...blocks.values()) / children.length).toBeLessThan(0.05);
    expect(blocks.size).toBeGreaterThan(300);
  });

  it("puts every child in a household with at least one parent", () => {
    const members = big.rows.householdMembers;
    const byHousehold = new Map<string, string[]>();
    for (const m of members)
      byHousehold.set(m.householdId, [...(byHousehold.get(m.householdId) ?? []), m.relationship]);
    for (const roles of byHousehold.values()) {
      expect(roles).toContain("PARENT");
      expect(roles).toContain("CHILD");
    }
    expect(members.filter((m) => m.relationship === "CHILD")).toHaveLength(20_000);
  });

  it("has about 3% of children on a CP-IS plan, and unborn children only on UCPP plans", () => {
    expect(share(distinctPersons(big.rows.cpisPlans), 20_000)).toBeCloseTo(SHARES.cpisPlan, 2);
    const unborn = new Set(children.filter((c) => c.dateOfBirth === null).map((c) => c.id));
    for (const p of big.rows.cpisPlans) expect(p.planType === "UCPP").toBe(unborn.has(p.personId));
    for (const p of big.rows.cpisPlans) expect(p.endDate === null).toBe(p.status === "ACTIVE");
  });

  it("has about 10% of children known to police and 15% with an emergency attendance", () => {
    expect(
      Math.abs(
        share(distinctPersons(big.rows.policeNotifications), 20_000) - SHARES.policeNotification,
      ),
    ).toBeLessThan(0.01);
    expect(
      Math.abs(share(distinctPersons(big.rows.edAttendances), 20_000) - SHARES.edAttendance),
    ).toBeLessThan(0.012);
  });

  it("has about 20% of pupils persistently absent (below 90%) and 2% severely (below 50%)", () => {
    const rows = big.rows.schoolAttendances;
    const rate = (r: (typeof rows)[number]) => r.attendedSessions / r.possibleSessions;
    expect(
      Math.abs(
        share(rows.filter((r) => rate(r) < 0.9).length, rows.length) - SHARES.persistentAbsence,
      ),
    ).toBeLessThan(0.015);
    expect(
      Math.abs(share(rows.filter((r) => rate(r) < 0.5).length, rows.length) - SHARES.severeAbsence),
    ).toBeLessThan(0.005);
    for (const r of rows) {
      expect(r.attendedSessions).toBeLessThanOrEqual(r.possibleSessions);
      expect(r.unauthorisedAbsenceSessions).toBeLessThanOrEqual(
        r.possibleSessions - r.attendedSessions,
      );
    }
  });

  it("has about 8% of children in a family with an open early help episode, each with a named lead professional and manager", () => {
    const open = big.rows.earlyHelpEpisodes.filter((e) => e.status === "OPEN");
    expect(Math.abs(share(distinctPersons(open), 20_000) - SHARES.openEarlyHelp)).toBeLessThan(
      0.012,
    );
    for (const e of big.rows.earlyHelpEpisodes) {
      expect(e.leadProfessional.id).toMatch(/^lp-/);
      expect(e.manager.id).toMatch(/^ehm-/);
      expect(e.leadProfessional.name).toMatch(/\S+ \S+/);
      expect(e.manager.email).toContain("@");
    }
    // siblings share their family's episode and workers
    const byEpisode = new Map<string, Set<string>>();
    for (const e of big.rows.earlyHelpEpisodes)
      byEpisode.set(
        e.episodeId,
        (byEpisode.get(e.episodeId) ?? new Set()).add(e.leadProfessional.id),
      );
    for (const leads of byEpisode.values()) expect(leads.size).toBe(1);
  });

  it("produces agency events every one of which the hub's ingestion validator accepts", () => {
    expect(big.events.length).toBeGreaterThan(2_000);
    const now = new Date(`${big.asOf}T12:00:00Z`);
    for (const e of big.events) {
      const v = validateEvent(JSON.stringify(e), { maxBytes: 256_000, now });
      if (!v.ok) throw new Error(`${e.type} rejected: ${JSON.stringify(v.issues)}`);
    }
    expect(new Set(big.events.map((e) => e.eventId)).size).toBe(big.events.length);
  });

  it("keeps the truth: every event belongs to exactly one agency record of one real child", () => {
    const childIds = new Set(big.childIds);
    const owner = new Map<string, string>();
    for (const t of big.truth) {
      expect(childIds.has(t.personId)).toBe(true);
      for (const id of t.eventIds) {
        expect(owner.has(id)).toBe(false);
        owner.set(id, t.personId);
      }
    }
    expect(owner.size).toBe(big.events.length);
    for (const e of big.events) {
      const record = big.truth.find((t) => t.eventIds.includes(e.eventId));
      expect(record?.sourcePersonId).toBe(e.subject.sourcePersonId);
      expect(record?.source).toBe(e.source);
    }
  });

  it("records the same child differently across agencies, with each kind of variation present", () => {
    const kinds = new Map<string, number>();
    for (const t of big.truth) for (const v of t.variations) kinds.set(v, (kinds.get(v) ?? 0) + 1);
    for (const kind of [
      "NICKNAME",
      "GIVEN_NAME_TYPO",
      "FAMILY_NAME_TYPO",
      "SWAPPED_DAY_MONTH",
      "MISSING_NHS_NUMBER",
      "MOVED_POSTCODE",
    ])
      expect(kinds.get(kind) ?? 0).toBeGreaterThan(5);
    const multiAgency = new Map<string, number>();
    for (const t of big.truth) multiAgency.set(t.personId, (multiAgency.get(t.personId) ?? 0) + 1);
    expect([...multiAgency.values()].filter((n) => n >= 2).length).toBeGreaterThan(300);
    // a variation is visible in the event: a nickname is not the true given name
    const persons = new Map(big.rows.persons.map((p) => [p.id, p]));
    const byId = new Map(big.events.map((e) => [e.eventId, e]));
    for (const t of big.truth.filter((r) => r.variations.includes("NICKNAME")).slice(0, 50)) {
      const e = byId.get(t.eventIds[0] as string);
      expect(e?.subject.givenName).not.toBe(persons.get(t.personId)?.givenName);
    }
  });

  it("leaves the NHS number out of school records and keeps the UPN there", () => {
    const education = big.events.filter((e) => e.source === "EDUCATION");
    expect(education.length).toBeGreaterThan(0);
    for (const e of education) {
      expect(e.subject.nhsNumber).toBeUndefined();
      expect(e.subject.upn && isValidUpn(e.subject.upn)).toBe(true);
    }
  });

  it("includes twins: children of one family with the same date of birth", () => {
    const seen = new Map<string, number>();
    for (const c of children) {
      const key = `${c.familyName}|${c.postcode}|${c.dateOfBirth}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen.values()].filter((n) => n >= 2).length).toBeGreaterThan(20);
  });

  it("makes parents 16 to 50 years older than each of their children (the due date counts as a birth)", () => {
    const persons = new Map(big.rows.persons.map((p) => [p.id, p]));
    const members = new Map<string, Array<{ personId: string; relationship: string }>>();
    for (const m of big.rows.householdMembers)
      members.set(m.householdId, [...(members.get(m.householdId) ?? []), m]);
    let pairs = 0;
    for (const household of members.values()) {
      const parents = household
        .filter((m) => m.relationship === "PARENT")
        .map((m) => persons.get(m.personId)!);
      const kids = household
        .filter((m) => m.relationship === "CHILD")
        .map((m) => persons.get(m.personId)!);
      for (const parent of parents) {
        for (const kid of kids) {
          const born = kid.dateOfBirth ?? (kid.expectedDueDate as string);
          const years = ageOn(parent.dateOfBirth as string, born);
          if (years < 16 || years > 50) throw new Error(`parent ${years} years older`);
          pairs++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(20_000);
  });

  it("has siblings born at least 9 months apart unless they are twins", () => {
    const byHousehold = new Map<string, string[]>();
    const persons = new Map(big.rows.persons.map((p) => [p.id, p]));
    for (const m of big.rows.householdMembers.filter((x) => x.relationship === "CHILD")) {
      const p = persons.get(m.personId)!;
      const born = p.dateOfBirth ?? (p.expectedDueDate as string);
      byHousehold.set(m.householdId, [...(byHousehold.get(m.householdId) ?? []), born]);
    }
    let pairs = 0;
    let twins = 0;
    for (const dates of byHousehold.values()) {
      const sorted = [...dates].sort();
      for (let i = 1; i < sorted.length; i++) {
        const [older, younger] = [sorted[i - 1] as string, sorted[i] as string];
        pairs++;
        if (older === younger) twins++;
        else if (addMonths(older, 9) > younger)
          throw new Error(`siblings born ${older} and ${younger}`);
      }
    }
    expect(pairs).toBeGreaterThan(5_000);
    expect(twins).toBeGreaterThan(20);
  });

  it("makes every version 2 rule a referral does not need fire for some children, none for most", () => {
    const asOf = new Date(`${big.asOf}T12:00:00Z`);
    const fired = new Map<RuleId, number>();
    for (const p of datasetPictures(big).values()) {
      for (const f of evaluate(p, asOf, RULE_SET_V2).fired)
        fired.set(f.ruleId, (fired.get(f.ruleId) ?? 0) + 1);
    }
    // referrals come from the front door, not the agencies: none are generated
    for (const r of RULE_SET_V2.rules.filter((x) => x.id !== "REFERRAL_IMMEDIATE_RISK")) {
      const share = (fired.get(r.id) ?? 0) / 20_000;
      expect([r.id, share > 0]).toEqual([r.id, true]);
      expect([r.id, share < 0.15]).toEqual([r.id, true]);
    }
  });
});
