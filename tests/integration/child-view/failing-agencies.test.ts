import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { startCpisSimulator, type CpisSimulator } from "#connectors/cpis/simulator.ts";
import {
  startEducationSimulator,
  type EducationSimulator,
} from "#connectors/education/simulator.ts";
import { event, freshNhsNumber, freshUpn, ingest, payloads } from "./agency-events.ts";

const VIEW = /* GraphQL */ `
  query ($id: ID!) {
    child(id: $id) {
      id
      givenName
      cpis {
        planType
        status
      }
      policeNotifications {
        category
        riskLevel
      }
      hospitalAttendances {
        injury
      }
      schoolAttendance {
        attendanceRate
      }
      sources {
        agency
        ok
        asOf
        error
      }
    }
  }
`;

interface View {
  child: {
    id: string;
    givenName: string;
    cpis: { planType: string; status: string } | null;
    policeNotifications: Array<{ category: string }>;
    hospitalAttendances: Array<{ injury: boolean }>;
    schoolAttendance: { attendanceRate: number } | null;
    sources: Array<{ agency: string; ok: boolean; asOf: string | null; error: string | null }>;
  };
}

const source = (v: View, agency: string) => v.child.sources.find((s) => s.agency === agency)!;

describe("a slow or failing agency never fails the view", () => {
  let t: TestHub;
  let cpis: CpisSimulator;
  let school: EducationSimulator;
  let token: string;

  async function seedChild(givenName: string) {
    const nhsNumber = freshNhsNumber();
    const upn = freshUpn();
    const subject = {
      givenName,
      familyName: "Okafor",
      dateOfBirth: "2016-05-17",
      postcode: "E2 8AA",
      nhsNumber,
      upn,
    };
    const db = t.hub.services.db;
    const { personId } = await ingest(db, event("POLICE", subject, payloads.police()));
    await ingest(db, event("HEALTH", subject, payloads.health()));
    cpis.setPlans(nhsNumber, [
      {
        planType: "LAC",
        active: true,
        start: "2025-02-01",
        odsCode: "E09000012",
        authority: "Hackney",
      },
    ]);
    school.setSummaries(upn, [
      {
        student: { upn },
        school: { urn: "100001", name: "Mulberry Academy" },
        period: { from: "2026-09-01", to: "2026-11-20" },
        sessions: { possible: 100, present: 45, authorised_absence: 5, unauthorised_absence: 50 },
        suspensions: 0,
        permanently_excluded: false,
        children_missing_education: false,
      },
    ]);
    return personId;
  }

  beforeAll(async () => {
    cpis = await startCpisSimulator();
    school = await startEducationSimulator();
    t = await startTestHub({
      env: {
        CPIS_URL: cpis.url,
        EDUCATION_URL: school.url,
        CPIS_TIMEOUT_MS: "300",
        EDUCATION_TIMEOUT_MS: "300",
        // every view asks again, so that each test sees the agency as it is now
        CONNECTOR_FRESHNESS_HOURS: "0.000001",
      },
    });
    token = await t.token({ sub: "screener-2", role: "MASH_SCREENER" });
  });
  afterAll(async () => {
    await t?.stop();
    await cpis?.stop();
    await school?.stop();
  });

  it("shows police and health when CP-IS hangs, and sources says CP-IS timed out", async () => {
    const id = await seedChild("Chidi");
    cpis.setMode("hang");
    school.setMode("ok");
    const res = await t.gql<View>(token, VIEW, { id });
    expect(res.errors).toBeUndefined();
    const v = res.data!;
    expect(v.child.policeNotifications).toHaveLength(1);
    expect(v.child.hospitalAttendances).toHaveLength(1);
    expect(v.child.cpis).toBeNull();
    expect(v.child.schoolAttendance).toEqual({ attendanceRate: 0.45 });
    expect(source(v, "CPIS")).toMatchObject({ ok: false, asOf: null });
    expect(source(v, "CPIS").error).toMatch(/^TIMEOUT/);
    expect(source(v, "EDUCATION")).toMatchObject({ ok: true, error: null });
    expect(source(v, "POLICE")).toMatchObject({ ok: true });
  });

  it("shows the rest when the school system answers HTTP 500, and says so", async () => {
    const id = await seedChild("Ada");
    cpis.setMode("ok");
    school.setMode("error");
    const v = (await t.gql<View>(token, VIEW, { id })).data!;
    expect(v.child.cpis).toEqual({ planType: "LAC", status: "ACTIVE" });
    expect(v.child.schoolAttendance).toBeNull();
    expect(source(v, "EDUCATION")).toMatchObject({
      ok: false,
      error: "HTTP_ERROR: Agency answered HTTP 500",
    });
  });

  it("keeps the last answer (stale) when CP-IS starts failing, with its time", async () => {
    const id = await seedChild("Bola");
    cpis.setMode("ok");
    school.setMode("ok");
    const fresh = (await t.gql<View>(token, VIEW, { id })).data!;
    const answeredAt = source(fresh, "CPIS").asOf;
    expect(answeredAt).not.toBeNull();
    cpis.setMode("garbage");
    const stale = (await t.gql<View>(token, VIEW, { id })).data!;
    expect(stale.child.cpis).toEqual({ planType: "LAC", status: "ACTIVE" });
    expect(source(stale, "CPIS")).toEqual({
      agency: "CPIS",
      ok: false,
      asOf: answeredAt,
      error: "BAD_RESPONSE: CP-IS answer is not a FHIR searchset Bundle",
    });
  });

  it("stops asking CP-IS once it has failed five times in a row (circuit open)", async () => {
    cpis.setMode("error");
    school.setMode("ok");
    const id = await seedChild("Tunde");
    for (let i = 0; i < 6; i++) await t.gql<View>(token, VIEW, { id });
    const asked = cpis.requests().length;
    const v = (await t.gql<View>(token, VIEW, { id })).data!;
    expect(cpis.requests().length).toBe(asked);
    expect(source(v, "CPIS").error).toMatch(/^CIRCUIT_OPEN/);
    expect(v.child.policeNotifications).toHaveLength(1);
  });
});
