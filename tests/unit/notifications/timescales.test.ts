import { describe, expect, it } from "@jest/globals";
import { ConfigError, loadConfig } from "#config/index.ts";
import { KNOWN_RULE_VERSIONS } from "#config/mash.ts";
import { RULE_VERSIONS } from "#rag/index.ts";
import { DEFAULT_TIMESCALES, dueBy, timescalesFrom } from "#notifications/due-by.ts";
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from "#notifications/bank-holidays.ts";
import { fromLondon, toLondon } from "#notifications/london-time.ts";

const timescales = (env: Record<string, string>) => timescalesFrom(loadConfig(env).mash);
const iso = (d: Date) => d.toISOString();
/** A London wall-clock time as an instant. */
const london = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return fromLondon(date, (h * 60 + m) * 60_000);
};
const TOWER_HAMLETS = { MASH_TIMESCALES: "RED=4h,AMBER=7h,GREEN=24h" };

function problemsFor(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("London wall-clock time", () => {
  it("is GMT in winter and BST in summer, by the platform's time zone data", () => {
    expect(iso(london("2026-01-15", "09:00"))).toBe("2026-01-15T09:00:00.000Z");
    expect(iso(london("2026-07-15", "09:00"))).toBe("2026-07-15T08:00:00.000Z");
    expect(toLondon(new Date("2026-07-15T08:00:00Z"))).toMatchObject({
      date: "2026-07-15",
      msOfDay: 9 * 3_600_000,
      weekday: 3,
    });
    // the day the clocks go forward (29 March 2026) and back (25 October 2026)
    expect(iso(london("2026-03-29", "09:00"))).toBe("2026-03-29T08:00:00.000Z");
    expect(iso(london("2026-10-25", "09:00"))).toBe("2026-10-25T09:00:00.000Z");
    // the London date of a late evening in summer is the UTC date's next day
    expect(toLondon(new Date("2026-06-30T23:30:00Z")).date).toBe("2026-07-01");
  });
});

describe("the default timescales (version 1's, in London working days)", () => {
  it("give RED four clock hours, even across the night the clocks go forward", () => {
    expect(iso(dueBy("RED", new Date("2026-03-28T23:00:00Z")))).toBe("2026-03-29T03:00:00.000Z");
  });

  it("give an AMBER made at 16:00 on a Friday until 16:00 on Monday", () => {
    expect(iso(dueBy("AMBER", london("2026-11-20", "16:00")))).toBe(
      iso(london("2026-11-23", "16:00")),
    );
  });

  it("skip Christmas Day and the substitute Boxing Day: Christmas Eve 10:00 is due Tuesday 29 December", () => {
    expect(iso(dueBy("AMBER", london("2026-12-24", "10:00")))).toBe("2026-12-29T10:00:00.000Z");
    expect(iso(dueBy("GREEN", london("2026-12-24", "10:00")))).toBe("2026-12-29T10:00:00.000Z");
  });

  it("keep the London time across the clocks going forward in March (71 clock hours)", () => {
    const made = london("2026-03-27", "16:00"); // Friday, GMT
    const due = dueBy("AMBER", made);
    expect(iso(due)).toBe("2026-03-30T15:00:00.000Z"); // Monday 16:00 BST
    expect((due.getTime() - made.getTime()) / 3_600_000).toBe(71);
  });

  it("keep the London time across the clocks going back in October (73 clock hours)", () => {
    const made = london("2026-10-23", "16:00"); // Friday, BST
    const due = dueBy("AMBER", made);
    expect(iso(due)).toBe("2026-10-26T16:00:00.000Z"); // Monday 16:00 GMT
    expect((due.getTime() - made.getTime()) / 3_600_000).toBe(73);
  });

  it("judge the day in London, not UTC", () => {
    // 00:30 BST on Saturday 27 June is 23:30 UTC on Friday: a Saturday contact, due Monday 00:30
    expect(iso(dueBy("AMBER", new Date("2026-06-26T23:30:00Z")))).toBe(
      iso(london("2026-06-29", "00:30")),
    );
    // 00:30 BST on Monday 29 June is 23:30 UTC on Sunday: a Monday contact, due Tuesday 00:30
    expect(iso(dueBy("AMBER", new Date("2026-06-28T23:30:00Z")))).toBe(
      iso(london("2026-06-30", "00:30")),
    );
  });

  it("is what is used when MASH_TIMESCALES is not set", () => {
    expect(timescales({}).byRag).toEqual(DEFAULT_TIMESCALES.byRag);
  });
});

describe("a partnership's timescales in working hours (MASH_TIMESCALES)", () => {
  it("count an AMBER of 7 hours made at 16:00 on a Friday as one hour on Friday and six on Monday", () => {
    expect(iso(dueBy("AMBER", london("2026-11-20", "16:00"), timescales(TOWER_HAMLETS)))).toBe(
      iso(london("2026-11-23", "15:00")),
    );
  });

  it("count GREEN's 24 hours as three working days of eight hours", () => {
    expect(iso(dueBy("GREEN", london("2026-11-16", "10:00"), timescales(TOWER_HAMLETS)))).toBe(
      iso(london("2026-11-19", "10:00")),
    );
  });

  it("start counting at 09:00 for a contact made at night or at a weekend", () => {
    const t = timescales(TOWER_HAMLETS);
    expect(iso(dueBy("RED", london("2026-11-21", "11:00"), t))).toBe(
      iso(london("2026-11-23", "13:00")),
    );
    expect(iso(dueBy("RED", london("2026-11-17", "06:30"), t))).toBe(
      iso(london("2026-11-17", "13:00")),
    );
    // exactly at the close of a day: due at the close
    expect(iso(dueBy("RED", london("2026-11-17", "13:00"), t))).toBe(
      iso(london("2026-11-17", "17:00")),
    );
  });

  it("stop over Christmas: 7 hours from Christmas Eve 14:00 end on Tuesday 29 December at 13:00", () => {
    expect(iso(dueBy("AMBER", london("2026-12-24", "14:00"), timescales(TOWER_HAMLETS)))).toBe(
      "2026-12-29T13:00:00.000Z",
    );
  });

  it("follow the London working day across the clocks changing in March and October", () => {
    const t = timescales(TOWER_HAMLETS);
    // Friday 27 March 16:00 GMT + 7 working hours: Monday 30 March 15:00 BST (14:00 UTC)
    expect(iso(dueBy("AMBER", london("2026-03-27", "16:00"), t))).toBe("2026-03-30T14:00:00.000Z");
    // Friday 23 October 16:00 BST + 7 working hours: Monday 26 October 15:00 GMT
    expect(iso(dueBy("AMBER", london("2026-10-23", "16:00"), t))).toBe("2026-10-26T15:00:00.000Z");
  });

  it("take the partnership's own working hours and extra bank holidays", () => {
    const t = timescales({
      ...TOWER_HAMLETS,
      MASH_WORKING_HOURS: "08:30-16:30",
      MASH_EXTRA_BANK_HOLIDAYS: "2026-11-23",
    });
    // Friday 16:00: half an hour on Friday, Monday is a holiday, Tuesday 08:30 + 6.5 hours
    expect(iso(dueBy("AMBER", london("2026-11-20", "16:00"), t))).toBe(
      iso(london("2026-11-24", "15:00")),
    );
    // and the default one working day skips the extra holiday too
    const d = timescales({ MASH_EXTRA_BANK_HOLIDAYS: "2026-11-23" });
    expect(iso(dueBy("GREEN", london("2026-11-20", "16:00"), d))).toBe(
      iso(london("2026-11-24", "16:00")),
    );
  });

  it("count in clock hours when MASH_TIMESCALE_CLOCK=clock (Surrey's RED=4h,AMBER=24h,GREEN=72h)", () => {
    const t = timescales({
      MASH_TIMESCALES: "RED=4h,AMBER=24h,GREEN=72h",
      MASH_TIMESCALE_CLOCK: "clock",
    });
    const made = london("2026-11-20", "16:00");
    expect(dueBy("RED", made, t).getTime() - made.getTime()).toBe(4 * 3_600_000);
    expect(dueBy("AMBER", made, t).getTime() - made.getTime()).toBe(24 * 3_600_000);
    expect(dueBy("GREEN", made, t).getTime() - made.getTime()).toBe(72 * 3_600_000);
  });

  it("read minutes, fractions and days", () => {
    const t = timescales({ MASH_TIMESCALES: "red=90m, amber=1.5h, GREEN=1d" });
    expect(t.byRag).toEqual({
      RED: { kind: "WORKING", minutes: 90 },
      AMBER: { kind: "WORKING", minutes: 90 },
      GREEN: { kind: "WORKING", minutes: 480 },
    });
  });
});

describe("the bank holidays shipped", () => {
  it("cover England and Wales 2024 to 2030, eight a year, none at a weekend", () => {
    for (let year = 2024; year <= 2030; year++) {
      const days = ENGLAND_AND_WALES_BANK_HOLIDAYS.filter(([d]) => d.startsWith(`${year}-`));
      expect(days).toHaveLength(8);
      for (const [d] of days) expect([0, 6]).not.toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    }
    const dates = ENGLAND_AND_WALES_BANK_HOLIDAYS.map(([d]) => d);
    expect(dates).toEqual(expect.arrayContaining(["2025-04-18", "2026-12-28", "2027-12-27"]));
  });
});

describe("timescale configuration", () => {
  it.each([
    ["MASH_TIMESCALES", "RED=4h,AMBER=7"],
    ["MASH_TIMESCALES", "RED=4h,AMBER=7h"],
    ["MASH_TIMESCALES", "RED=4h,RED=2h,AMBER=7h,GREEN=1d"],
    ["MASH_TIMESCALES", "RED=0h,AMBER=7h,GREEN=1d"],
    ["MASH_TIMESCALE_CLOCK", "sometimes"],
    ["MASH_WORKING_HOURS", "17:00-09:00"],
    ["MASH_WORKING_HOURS", "9-5"],
    ["MASH_EXTRA_BANK_HOLIDAYS", "2026-02-30"],
    ["RAG_RULE_VERSION", "3"],
    ["RAG_RULE_VERSION", "two"],
  ])("a bad %s (%s) gives one line naming the variable", (name, value) => {
    const env: Record<string, string> = { [name]: value };
    if (name === "MASH_TIMESCALE_CLOCK") env["MASH_TIMESCALES"] = "RED=4h,AMBER=7h,GREEN=24h";
    const problems = problemsFor(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^Invalid configuration: ${name} `));
  });

  it("refuses MASH_TIMESCALE_CLOCK without MASH_TIMESCALES, naming it", () => {
    expect(problemsFor({ MASH_TIMESCALE_CLOCK: "clock" })).toEqual([
      expect.stringMatching(
        /^Invalid configuration: MASH_TIMESCALE_CLOCK is set without MASH_TIMESCALES/,
      ),
    ]);
  });

  it("puts version 2 in force by default and knows the versions the rules have", () => {
    expect(loadConfig({}).mash.ruleVersion).toBe(2);
    expect(loadConfig({ RAG_RULE_VERSION: "1" }).mash.ruleVersion).toBe(1);
    expect([...KNOWN_RULE_VERSIONS]).toEqual([...RULE_VERSIONS]);
  });
});
