import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startEducationSimulator, type EducationSimulator } from "./simulator.ts";
import { createEducationClient } from "./client.ts";
import { misAttendanceSummary, type MisAttendanceSummary } from "./schema.ts";

const summary = (upn: string, over: Partial<MisAttendanceSummary> = {}): MisAttendanceSummary => ({
  student: { upn, mis_id: "SIMS-4471" },
  school: { urn: "100000", name: "Stepney Green Primary" },
  period: { from: "2026-09-01", to: "2026-11-14" },
  sessions: { possible: 200, present: 166, authorised_absence: 12, unauthorised_absence: 22 },
  suspensions: 0,
  permanently_excluded: false,
  children_missing_education: false,
  ...over,
});

describe("the education connector against a school MIS simulator", () => {
  let sim: EducationSimulator;
  beforeAll(async () => {
    sim = await startEducationSimulator();
  });
  afterAll(async () => sim?.stop());
  const client = () =>
    createEducationClient({ baseUrl: sim.url, timeoutMs: 2000, failureThreshold: 100 });

  it("maps the MIS summary into sessions possible, attended and unauthorised absence", async () => {
    sim.setMode("ok");
    sim.setSummaries("H801200001001", [summary("H801200001001")]);
    expect(await client().attendanceFor("H801200001001")).toEqual([
      {
        schoolUrn: "100000",
        schoolName: "Stepney Green Primary",
        periodStart: "2026-09-01",
        periodEnd: "2026-11-14",
        possibleSessions: 200,
        attendedSessions: 166,
        unauthorisedAbsenceSessions: 22,
        suspensions: 0,
        permanentlyExcluded: false,
        missingEducation: false,
      },
    ]);
  });

  it("answers nothing for a pupil the schools do not know", async () => {
    sim.setMode("ok");
    expect(await client().attendanceFor("A000000000000")).toEqual([]);
  });

  it("reports a hang, an HTTP error and a malformed answer", async () => {
    sim.setMode("hang");
    await expect(client().attendanceFor("H801200001001")).rejects.toMatchObject({
      reason: "TIMEOUT",
    });
    sim.setMode("error");
    await expect(client().attendanceFor("H801200001001")).rejects.toMatchObject({
      reason: "HTTP_ERROR",
    });
    sim.setMode("garbage");
    await expect(client().attendanceFor("H801200001001")).rejects.toMatchObject({
      reason: "BAD_RESPONSE",
    });
  });

  it("rejects a summary claiming more sessions present than possible", () => {
    const bad = summary("H801200001001", {
      sessions: { possible: 10, present: 11, authorised_absence: 0, unauthorised_absence: 0 },
    });
    expect(misAttendanceSummary.safeParse(bad).success).toBe(false);
  });
});
