import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { DEFAULT_TIMESCALES, dueBy } from "#notifications/due-by.ts";
import { isWorkingDay, nextDate, toLondon } from "#notifications/london-time.ts";
import { shouldNotify } from "#notifications/should-notify.ts";
import { nextActionsForScreening, nextActionsForStepUp } from "#notifications/next-actions.ts";
import { decodeCursor, encodeCursor, pageSize } from "#notifications/cursor.ts";
import { backoffMs } from "#alerts/email-worker.ts";
import type { Evaluation, Rag } from "#rag/index.ts";

const ev = (proposed: Rag | undefined): Evaluation => ({
  ruleVersion: 1,
  fired: proposed
    ? [{ ruleId: "POLICE_NOTIFICATION", rag: proposed, description: "", evidence: [] }]
    : [],
  proposed,
});

describe("when a notification is due", () => {
  it("gives RED four hours", () => {
    const at = new Date("2026-11-20T21:14:00Z");
    expect(dueBy("RED", at).toISOString()).toBe("2026-11-21T01:14:00.000Z");
  });
  it("gives AMBER and GREEN the next weekday at the same time", () => {
    expect(dueBy("AMBER", new Date("2026-11-18T09:30:00Z")).toISOString()).toBe(
      "2026-11-19T09:30:00.000Z",
    ); // Wed → Thu
    expect(dueBy("GREEN", new Date("2026-11-20T16:00:00Z")).toISOString()).toBe(
      "2026-11-23T16:00:00.000Z",
    ); // Fri → Mon
    expect(dueBy("AMBER", new Date("2026-11-21T10:00:00Z")).toISOString()).toBe(
      "2026-11-23T10:00:00.000Z",
    ); // Sat → Mon
    expect(dueBy("AMBER", new Date("2026-11-22T10:00:00Z")).toISOString()).toBe(
      "2026-11-23T10:00:00.000Z",
    ); // Sun → Mon
  });
  it("always lands on the next London working day, at the same London time of day", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2024-01-01"), max: new Date("2030-12-20"), noInvalidDate: true }),
        (at) => {
          const due = dueBy("GREEN", at);
          const from = toLondon(at);
          const to = toLondon(due);
          const cal = DEFAULT_TIMESCALES.calendar;
          expect(isWorkingDay(cal, to.date)).toBe(true);
          // nothing between the two days was a working day
          for (let d = nextDate(from.date); d < to.date; d = nextDate(d)) {
            expect(isWorkingDay(cal, d)).toBe(false);
          }
          expect(to.date > from.date).toBe(true);
          // the same wall-clock time, unless that time does not exist on the due day (the hour
          // the clocks skip in March)
          if (to.msOfDay !== from.msOfDay)
            expect(Math.abs(to.msOfDay - from.msOfDay)).toBe(3_600_000);
        },
      ),
    );
  });
});

describe("whether an event makes a notification", () => {
  it("makes one for any fired rule on an open early help family", () => {
    expect(shouldNotify(ev("GREEN"), true)).toBe(true);
    expect(shouldNotify(ev("AMBER"), true)).toBe(true);
    expect(shouldNotify(ev(undefined), true)).toBe(false);
  });
  it("makes one only for AMBER or RED on any other child", () => {
    expect(shouldNotify(ev("GREEN"), false)).toBe(false);
    expect(shouldNotify(ev("AMBER"), false)).toBe(true);
    expect(shouldNotify(ev("RED"), false)).toBe(true);
    expect(shouldNotify(ev(undefined), false)).toBe(false);
  });
});

describe("what follows screening and step up", () => {
  it("follows the contract's table", () => {
    expect(nextActionsForScreening("GREEN")).toEqual(["PASS_TO_EARLY_HELP"]);
    expect(nextActionsForScreening("AMBER")).toEqual(["DAILY_DISCUSSION_MEETING"]);
    expect(nextActionsForScreening("RED")).toEqual(["CONSIDER_STEP_UP"]);
    expect(nextActionsForStepUp("CP")).toEqual([
      "STRATEGY_DISCUSSION",
      "CHILD_AND_FAMILY_ASSESSMENT",
    ]);
    expect(nextActionsForStepUp("CIN")).toEqual(["CHILD_AND_FAMILY_ASSESSMENT"]);
  });
});

describe("list cursors and page sizes", () => {
  it("round-trip any time and id", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        fc.uuid(),
        (at, id) => {
          expect(decodeCursor(encodeCursor({ at, id }))).toEqual({ at, id });
        },
      ),
    );
  });
  it("refuse a cursor the list did not give out", () => {
    expect(() => decodeCursor("not-a-cursor")).toThrow(/cursor/);
    expect(() =>
      decodeCursor(Buffer.from("2026-01-01T00:00:00Z|x").toString("base64url")),
    ).toThrow();
  });
  it("take 1 to 200 items and refuse 0 or 201", () => {
    expect(pageSize(1)).toBe(1);
    expect(pageSize(200)).toBe(200);
    expect(pageSize(undefined)).toBe(50);
    expect(() => pageSize(0)).toThrow();
    expect(() => pageSize(201)).toThrow();
  });
});

describe("e-mail retry backoff", () => {
  it("doubles from the base per attempt and never exceeds the cap", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000, 60_000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30, 1000, 60_000)).toBe(60_000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (n) => {
        expect(backoffMs(n, 100, 5000)).toBeLessThanOrEqual(5000);
        expect(backoffMs(n + 1, 100, 5000)).toBeGreaterThanOrEqual(backoffMs(n, 100, 5000));
      }),
    );
  });
});
