import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { startCpisSimulator, type CpisSimulator } from "#connectors/cpis/simulator.ts";
import {
  startEducationSimulator,
  type EducationSimulator,
} from "#connectors/education/simulator.ts";
import { event, freshNhsNumber, freshUpn, ingest, payloads } from "./agency-events.ts";

const WHOLE_CHILD = /* GraphQL */ `
  query ($id: ID!) {
    child(id: $id) {
      id
      nhsNumber
      upn
      givenName
      familyName
      dateOfBirth
      postcode
      household {
        personId
        givenName
        familyName
        relationship
      }
      agencyIdentifiers {
        agency
        kind
        value
      }
      cpis {
        planType
        status
        startDate
        endDate
        responsibleOrganisation
        contactPhone
      }
      policeNotifications {
        id
        merlinRef
        category
        riskLevel
        childPresent
        occurredAt
        summary
        officer
      }
      hospitalAttendances {
        id
        arrivedAt
        injury
        safeguardingConcern
        site
        chiefComplaint
      }
      attendancePattern {
        attendancesLast12Months
        injuryAttendancesLast12Months
        lastSixAttendancesConcern
        reasons
      }
      schoolAttendance {
        schoolName
        periodStart
        periodEnd
        attendanceRate
        persistentAbsence
        severeAbsence
        missingEducation
        permanentlyExcluded
      }
      earlyHelp {
        episodeId
        status
        openedAt
        leadProfessional
        earlyHelpManager
      }
      rag {
        rag
        screened
        reasons {
          ruleId
        }
      }
      notifications {
        id
        status
        proposedRag
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

describe("the unified view of a child known to all five agencies", () => {
  let t: TestHub;
  let cpis: CpisSimulator;
  let school: EducationSimulator;
  let childId: string;
  let token: string;
  const nhsNumber = freshNhsNumber();
  const upn = freshUpn();
  const amelia = {
    givenName: "Amelia",
    familyName: "Jones",
    dateOfBirth: "2019-03-02",
    postcode: "E1 6AN",
  };

  beforeAll(async () => {
    cpis = await startCpisSimulator();
    school = await startEducationSimulator();
    t = await startTestHub({ env: { CPIS_URL: cpis.url, EDUCATION_URL: school.url } });
    token = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
    cpis.setPlans(nhsNumber, [
      {
        planType: "CPP",
        active: true,
        start: "2026-10-01",
        odsCode: "E09000030",
        authority: "Tower Hamlets",
        phone: "020 7364 5601",
      },
    ]);
    const db = t.hub.services.db;
    childId = (await ingest(db, event("CPIS", { ...amelia, nhsNumber }, payloads.cpis()))).personId;
    for (const ev of [
      event("POLICE", { ...amelia, nhsNumber }, payloads.police()),
      event("HEALTH", { ...amelia, nhsNumber }, payloads.health()),
      // the school knows the child by UPN only: linked on name, date of birth and postcode
      event("EDUCATION", { ...amelia, upn }, payloads.education()),
      event("EARLY_HELP", { ...amelia, nhsNumber }, payloads.earlyHelp()),
    ]) {
      expect((await ingest(db, ev)).personId).toBe(childId);
    }
    // consent covering every agency, so that detail fields are disclosed too
    await t.hub.services.db.consentRecord.create({
      data: {
        personId: childId,
        status: "GIVEN",
        scope: ["CPIS", "POLICE", "HEALTH", "EDUCATION", "EARLY_HELP"],
        legalBasis: "CONSENT",
        recordedBy: "screener-1",
        recordedRole: "MASH_SCREENER",
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await cpis?.stop();
    await school?.stop();
  });

  it("shows every agency's part on one screen", async () => {
    const res = await t.gql<{ child: Record<string, unknown> }>(token, WHOLE_CHILD, {
      id: childId,
    });
    expect(res.errors).toBeUndefined();
    const c = res.data!.child;
    expect(c).toMatchObject({
      id: childId,
      nhsNumber,
      upn,
      givenName: "Amelia",
      familyName: "Jones",
      dateOfBirth: "2019-03-02",
      postcode: "E1 6AN",
      cpis: {
        planType: "CPP",
        status: "ACTIVE",
        startDate: "2026-10-01",
        endDate: null,
        responsibleOrganisation: "Tower Hamlets",
        contactPhone: "020 7364 5601",
      },
      policeNotifications: [
        {
          category: "DOMESTIC_ABUSE",
          riskLevel: "MEDIUM",
          childPresent: true,
          officer: "1234CE (CAIT)",
        },
      ],
      hospitalAttendances: [{ injury: true, safeguardingConcern: false, site: "R1H12" }],
      attendancePattern: { attendancesLast12Months: 1, injuryAttendancesLast12Months: 1 },
      schoolAttendance: {
        schoolName: "Stepney Green Primary",
        attendanceRate: 0.83,
        persistentAbsence: true,
        severeAbsence: false,
      },
      earlyHelp: { status: "OPEN", leadProfessional: "Ayesha Khan", earlyHelpManager: "Tom Reed" },
    });
    const ids = c["agencyIdentifiers"] as Array<{ agency: string; kind: string }>;
    expect(ids.map((i) => `${i.agency}:${i.kind}`).sort()).toEqual(
      expect.arrayContaining([
        "CPIS:SOURCE_PERSON_ID",
        "POLICE:SOURCE_PERSON_ID",
        "HEALTH:SOURCE_PERSON_ID",
        "EDUCATION:SOURCE_PERSON_ID",
        "EARLY_HELP:SOURCE_PERSON_ID",
        "HEALTH:NHS_NUMBER",
        "EDUCATION:UPN",
      ]),
    );
  });

  it("lists the parent named by the police in the child's household", async () => {
    const res = await t.gql<{ child: { household: Array<Record<string, unknown>> } }>(
      token,
      `query($id: ID!) { child(id: $id) { household { givenName familyName relationship } } }`,
      { id: childId },
    );
    expect(res.data!.child.household).toContainEqual({
      givenName: "Sarah",
      familyName: "Jones",
      relationship: "PARENT",
    });
  });

  it("says every agency answered, and when", async () => {
    const res = await t.gql<{ child: { sources: Array<Record<string, unknown>> } }>(
      token,
      `query($id: ID!) { child(id: $id) { sources { agency ok asOf error } } }`,
      { id: childId },
    );
    const sources = res.data!.child.sources;
    expect(sources.map((s) => s["agency"])).toEqual([
      "CPIS",
      "POLICE",
      "HEALTH",
      "EDUCATION",
      "EARLY_HELP",
    ]);
    for (const s of sources) {
      expect(s).toMatchObject({ ok: true, error: null });
      expect(typeof s["asOf"]).toBe("string");
    }
  });

  it("asks CP-IS and the school once and reuses their answers while fresh", async () => {
    const before = { cpis: cpis.requests().length, school: school.requests().length };
    await t.gql(token, WHOLE_CHILD, { id: childId });
    await t.gql(token, WHOLE_CHILD, { id: childId });
    expect(cpis.requests().length).toBe(before.cpis);
    expect(school.requests().length).toBe(before.school);
    expect(cpis.requests()).toContain(nhsNumber);
    expect(school.requests()).toContain(upn);
  });

  it("finds the child by a misspelt name with the same date of birth, and says why", async () => {
    const res = await t.gql<{
      findChildren: Array<{ child: { id: string }; score: number; matchedOn: string[] }>;
    }>(
      token,
      `query { findChildren(search: { givenName: "Amelai", familyName: "Jones", dateOfBirth: "2019-03-02" }) {
         child { id } score matchedOn } }`,
    );
    const first = res.data!.findChildren[0]!;
    expect(first.child.id).toBe(childId);
    expect(first.matchedOn).toEqual([
      "givenName:typo:+2.0",
      "familyName:exact:+5.0",
      "dateOfBirth:exact:+7.0",
    ]);
  });

  it("finds the child by NHS number with the highest score", async () => {
    const res = await t.gql<{
      findChildren: Array<{ child: { id: string }; matchedOn: string[] }>;
    }>(
      token,
      `query($n: String) { findChildren(search: { nhsNumber: $n }) { child { id } matchedOn } }`,
      { n: nhsNumber },
    );
    expect(res.data!.findChildren).toEqual([
      { child: { id: childId }, matchedOn: ["nhsNumber:exact:+20.0"] },
    ]);
  });

  it("answers null for an unknown child id", async () => {
    const res = await t.gql<{ child: unknown }>(
      token,
      `query { child(id: "00000000-0000-4000-8000-000000000000") { id } }`,
    );
    expect(res.data!.child).toBeNull();
  });
});
