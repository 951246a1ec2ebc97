import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import {
  attendancePattern,
  currentEpisode,
  currentPlan,
  latestPeriod,
  schoolFlags,
  twelveMonthsBefore,
} from "#child-view/derived.ts";

const at = (iso: string) => new Date(iso);
const visit = (iso: string, injury = false, safeguardingConcern = false) => ({
  arrivedAt: at(iso),
  injury,
  safeguardingConcern,
});

describe("school attendance flags", () => {
  it.each([
    [1799, 2000, true, false], // 89.95%
    [1798, 2000, true, false], // 89.9%
    [1800, 2000, false, false], // 90% exactly
    [1801, 2000, false, false],
    [999, 2000, true, true], // 49.95%
    [998, 2000, true, true], // 49.9%
    [1000, 2000, true, false], // 50% exactly
    [0, 10, true, true],
    [10, 10, false, false],
  ])("%i of %i sessions: persistent %s, severe %s", (attended, possible, persistent, severe) => {
    const f = schoolFlags({ attendedSessions: attended, possibleSessions: possible });
    expect(f.persistentAbsence).toBe(persistent);
    expect(f.severeAbsence).toBe(severe);
    expect(f.attendanceRate).toBeCloseTo(attended / possible, 10);
  });

  it("treats a period with no possible sessions as full attendance, not absence", () => {
    expect(schoolFlags({ attendedSessions: 0, possibleSessions: 0 })).toEqual({
      attendanceRate: 1,
      persistentAbsence: false,
      severeAbsence: false,
    });
  });

  it("keeps the rate between 0 and 1 and severe absence always within persistent absence", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (p, a) => {
        const f = schoolFlags({ possibleSessions: p, attendedSessions: Math.min(a, p) });
        expect(f.attendanceRate).toBeGreaterThanOrEqual(0);
        expect(f.attendanceRate).toBeLessThanOrEqual(1);
        if (f.severeAbsence) expect(f.persistentAbsence).toBe(true);
        expect(f.persistentAbsence).toBe(f.attendanceRate < 0.9 - 1e-12);
      }),
    );
  });
});

describe("twelve months back", () => {
  it.each([
    ["2026-11-23T10:00:00.000Z", "2025-11-23T10:00:00.000Z"],
    ["2026-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"],
    ["2025-02-28T12:00:00.000Z", "2024-02-28T12:00:00.000Z"],
    ["2025-03-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z"],
    ["2024-02-29T09:00:00.000Z", "2023-03-01T09:00:00.000Z"],
  ])("from %s is %s", (from, expected) => {
    expect(twelveMonthsBefore(at(from)).toISOString()).toBe(expected);
  });
});

describe("emergency attendance pattern", () => {
  const asOf = at("2026-11-23T10:00:00.000Z");

  it("counts an attendance exactly 12 months before to the day, and not one a moment earlier", () => {
    const exactly = attendancePattern([visit("2025-11-23T10:00:00.000Z")], asOf);
    const earlier = attendancePattern([visit("2025-11-23T09:59:59.999Z")], asOf);
    expect(exactly.attendancesLast12Months).toBe(1);
    expect(earlier.attendancesLast12Months).toBe(0);
  });

  it("counts the day before 12 months out, and not the day after", () => {
    expect(attendancePattern([visit("2025-11-24T00:00:00Z")], asOf).attendancesLast12Months).toBe(
      1,
    );
    expect(attendancePattern([visit("2025-11-22T23:00:00Z")], asOf).attendancesLast12Months).toBe(
      0,
    );
  });

  it("ignores attendances after the moment asked about", () => {
    expect(
      attendancePattern([visit("2026-11-23T10:00:00.001Z")], asOf).attendancesLast12Months,
    ).toBe(0);
  });

  it("gives the reason at three attendances in 12 months and not at two", () => {
    const two = [visit("2026-10-01T00:00:00Z"), visit("2026-09-01T00:00:00Z")];
    const three = [...two, visit("2026-08-01T00:00:00Z")];
    expect(attendancePattern(two, asOf).reasons).toEqual([]);
    expect(attendancePattern(three, asOf).reasons).toEqual([
      "3 emergency attendances in 12 months (3 or more)",
    ]);
  });

  it("flags the last six attendances at two injuries, and not at one", () => {
    const one = [visit("2020-01-01T00:00:00Z", true), visit("2020-02-01T00:00:00Z")];
    const two = [...one, visit("2020-03-01T00:00:00Z", true)];
    expect(attendancePattern(one, asOf).lastSixAttendancesConcern).toBe(false);
    expect(attendancePattern(two, asOf)).toMatchObject({
      lastSixAttendancesConcern: true,
      attendancesLast12Months: 0,
      reasons: ["2 injuries in the last 3 attendances"],
    });
  });

  it("looks only at the last six: an injury seventh from last does not count", () => {
    const visits = [
      visit("2019-01-01T00:00:00Z", true),
      ...Array.from({ length: 5 }, (_, i) => visit(`2020-0${i + 1}-01T00:00:00Z`)),
      visit("2020-07-01T00:00:00Z", true),
    ];
    expect(attendancePattern(visits, asOf).lastSixAttendancesConcern).toBe(false);
  });

  it("flags any safeguarding concern among the last six", () => {
    const p = attendancePattern([visit("2026-11-01T00:00:00Z", false, true)], asOf);
    expect(p.lastSixAttendancesConcern).toBe(true);
    expect(p.reasons).toEqual(["safeguarding concern recorded at 1 of the last 1 attendances"]);
  });

  it("never counts more injuries than attendances, whatever the history", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            arrivedAt: fc.date({
              min: at("2024-01-01T00:00:00Z"),
              max: at("2027-01-01T00:00:00Z"),
              noInvalidDate: true,
            }),
            injury: fc.boolean(),
            safeguardingConcern: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        (visits) => {
          const p = attendancePattern(visits, asOf);
          expect(p.injuryAttendancesLast12Months).toBeLessThanOrEqual(p.attendancesLast12Months);
          expect(p.attendancesLast12Months).toBeLessThanOrEqual(visits.length);
        },
      ),
    );
  });
});

describe("which record is current", () => {
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  it("shows an active CP-IS plan before a later ended one", () => {
    const plans = [
      { id: "old-active", status: "ACTIVE", startDate: d("2024-01-01"), endDate: null },
      { id: "ended", status: "ENDED", startDate: d("2025-01-01"), endDate: d("2025-06-01") },
    ];
    expect(currentPlan(plans)?.id).toBe("old-active");
  });
  it("shows the most recently ended plan when none is active", () => {
    const plans = [
      { id: "a", status: "ENDED", startDate: d("2023-01-01"), endDate: d("2024-01-01") },
      { id: "b", status: "ENDED", startDate: d("2022-01-01"), endDate: d("2025-01-01") },
    ];
    expect(currentPlan(plans)?.id).toBe("b");
  });
  it("shows the open early help episode, else the latest", () => {
    expect(
      currentEpisode([
        { id: "closed", status: "CLOSED", openedAt: d("2026-01-01") },
        { id: "open", status: "OPEN", openedAt: d("2025-01-01") },
      ])?.id,
    ).toBe("open");
    expect(currentEpisode([])).toBeUndefined();
  });
  it("shows the school return with the latest period", () => {
    expect(
      latestPeriod([
        { id: "autumn", periodStart: d("2026-09-01"), periodEnd: d("2026-11-14") },
        { id: "summer", periodStart: d("2026-04-01"), periodEnd: d("2026-07-20") },
      ])?.id,
    ).toBe("autumn");
  });
});
