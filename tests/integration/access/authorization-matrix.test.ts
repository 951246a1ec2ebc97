// The authorization matrix, generated: every role × category × consent state × relationship
// (× who made the referral, for REFERRAL_DETAIL), asked of the running hub; each chronology
// entry's summary under its record's category; and who may do each front door operation. The
// expectations are written from access.md (version 2 included), independently of
// access/decide.ts.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Role } from "#auth/viewer.ts";
import { createDb, type Db } from "#db/client.ts";
import { startTestHub, type GqlResponse, type TestHub } from "../../support/hub.ts";
import {
  CONSENT_STATES,
  EH_MANAGER,
  LEAD_PRO,
  createChild,
  createDecidedReferral,
  type ConsentState,
} from "./fixtures.ts";

const ROLES: Role[] = [
  "MASH_SCREENER",
  "MASH_MANAGER",
  "EARLY_HELP_MANAGER",
  "LEAD_PROFESSIONAL",
  "AGENCY_SYSTEM",
  "AUDITOR",
];
const CHILD_CATEGORIES = {
  IDENTITY: "id givenName",
  FLAGS: "policeNotifications { category riskLevel } hospitalAttendances { injury }",
  POLICE_DETAIL: "policeNotifications { summary }",
  HEALTH_DETAIL: "hospitalAttendances { chiefComplaint }",
  EDUCATION_DETAIL: "schoolAttendance { schoolName }",
  WORKFLOW: "notifications { id }",
  REFERRAL_DETAIL:
    "notifications { referral { concerns previousSupport familyMembers { givenName relationship } } }",
  DECISION:
    "notifications { decision { outcome rationale } escalations { rationale } actions { action } }",
} as const;
type ChildCategory = keyof typeof CHILD_CATEGORIES | "FLAGS_OF_RECORD";

/** front-door.md "The chronology": each entry's summary takes its record's category. */
const ENTRY_CATEGORY: Record<string, ChildCategory> = {
  POLICE_NOTIFICATION: "POLICE_DETAIL",
  ED_ATTENDANCE: "HEALTH_DETAIL",
  SCHOOL_ATTENDANCE: "EDUCATION_DETAIL",
  EARLY_HELP_EPISODE: "FLAGS_OF_RECORD",
  REFERRAL: "REFERRAL_DETAIL",
  SCREENING: "WORKFLOW",
  DECISION: "DECISION",
  ESCALATION: "DECISION",
};

type Expected = "DISCLOSED" | "FORBIDDEN" | `WITHHELD:${string}`;

const isMash = (r: Role) => r === "MASH_SCREENER" || r === "MASH_MANAGER";
const isEarlyHelp = (r: Role) => r === "EARLY_HELP_MANAGER" || r === "LEAD_PROFESSIONAL";

/** access.md, as a table. `madeIt`: the caller made the referral (REFERRAL_DETAIL). */
function expected(
  role: Role,
  category: ChildCategory,
  consent: ConsentState,
  related: boolean,
  madeIt = false,
): Expected {
  if (role === "AGENCY_SYSTEM") return "FORBIDDEN";
  if (isEarlyHelp(role) && !related) return "FORBIDDEN";
  if (role === "AUDITOR") return category === "IDENTITY" ? "DISCLOSED" : "WITHHELD:ROLE";
  if (
    category === "IDENTITY" ||
    category === "FLAGS" ||
    category === "FLAGS_OF_RECORD" ||
    category === "WORKFLOW" ||
    category === "DECISION"
  )
    return "DISCLOSED";
  if (category === "REFERRAL_DETAIL") {
    // MASH roles: yes; early help roles: consent covering EARLY_HELP, or when they made it
    if (isMash(role) || madeIt) return "DISCLOSED";
    if (consent === "given") return "DISCLOSED";
    if (consent === "override" || consent === "refused") return "WITHHELD:CONSENT_REFUSED";
    return "WITHHELD:NO_CONSENT";
  }
  // an agency's DETAIL category
  if (consent === "given") return "DISCLOSED";
  if (consent === "override") return isMash(role) ? "DISCLOSED" : "WITHHELD:CONSENT_REFUSED";
  if (consent === "refused") return "WITHHELD:CONSENT_REFUSED";
  return "WITHHELD:NO_CONSENT";
}

function expectedAudit(role: Role): Expected {
  return role === "MASH_MANAGER" || role === "AUDITOR" ? "DISCLOSED" : "WITHHELD:ROLE";
}

const SUBS: Record<Role, string> = {
  MASH_SCREENER: "screener-1",
  MASH_MANAGER: "manager-1",
  EARLY_HELP_MANAGER: EH_MANAGER,
  LEAD_PROFESSIONAL: LEAD_PRO,
  AGENCY_SYSTEM: "police-system",
  AUDITOR: "auditor-1",
};

function outcome(res: GqlResponse<Record<string, unknown>>, alias: string): string {
  const errors = (res.errors ?? []).filter((e) => e.path?.[0] === alias);
  const forbidden = errors.find((e) => e.extensions?.["code"] === "FORBIDDEN");
  if (forbidden) return res.data?.[alias] === null ? "FORBIDDEN" : "FORBIDDEN-but-data";
  const withheld = errors.filter((e) => e.extensions?.["code"] === "WITHHELD");
  if (withheld.length > 0) {
    const reasons = [...new Set(withheld.map((e) => String(e.extensions?.["reason"])))];
    return `WITHHELD:${reasons.join("+")}`;
  }
  if (errors.length > 0) return `ERROR:${errors.map((e) => e.message).join("; ")}`;
  return res.data?.[alias] ? "DISCLOSED" : "EMPTY";
}

describe("the authorization matrix against the running hub", () => {
  let t: TestHub;
  let db: Db;
  const children: Array<{
    id: string;
    consent: ConsentState;
    related: boolean;
    referralBy: string;
  }> = [];

  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 2);
    let n = 0;
    for (const consent of CONSENT_STATES) {
      for (const related of [true, false]) {
        for (const referralBy of ["referrer-other", EH_MANAGER]) {
          const id = await createChild(db, { consent, related, tag: String(n++) });
          await createDecidedReferral(db, id, referralBy);
          children.push({ id, consent, related, referralBy });
        }
      }
    }
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  const childQuery = `query ($id: ID!) {
    ${Object.entries(CHILD_CATEGORIES)
      .map(([cat, sel]) => `${cat}: child(id: $id) { ${sel} }`)
      .join("\n")}
    CHRONOLOGY: child(id: $id) { chronology { kind summary } }
  }`;

  for (const role of ROLES) {
    it(`${role}: every category of every child matches access.md, for each consent state and relationship`, async () => {
      const token = await t.token({
        sub: SUBS[role],
        role,
        ...(role === "AGENCY_SYSTEM" ? { agency: "POLICE" as const } : {}),
      });
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const c of children) {
        const res = await t.gql<Record<string, unknown>>(token, childQuery, { id: c.id });
        expect(res.status).toBe(200);
        const which = `consent=${c.consent} related=${c.related} referralBy=${c.referralBy}`;
        const madeIt = c.referralBy === SUBS[role];
        for (const cat of Object.keys(CHILD_CATEGORIES) as Array<keyof typeof CHILD_CATEGORIES>) {
          const key = `${cat} ${which}`;
          got[key] = outcome(res, cat);
          want[key] = expected(role, cat, c.consent, c.related, madeIt);
        }
        Object.assign(got, chronologyOutcomes(res, which));
        for (const [kind, category] of Object.entries(ENTRY_CATEGORY)) {
          // the chronology itself is FLAGS: an auditor is refused it whole
          want[`CHRONOLOGY ${kind} ${which}`] =
            role === "AUDITOR"
              ? "WITHHELD:ROLE"
              : expected(role, category, c.consent, c.related, madeIt);
        }
        const audit = await t.gql<Record<string, unknown>>(
          token,
          "query ($id: ID!) { accessLog(childId: $id) { edges { id } } }",
          { id: c.id },
        );
        const key = `AUDIT consent=${c.consent} related=${c.related}`;
        got[key] =
          audit.data === null
            ? outcome({ ...audit, data: { accessLog: null } }, "accessLog")
            : outcome(audit, "accessLog");
        want[key] = expectedAudit(role);
      }
      const pub = await t.gql<Record<string, unknown>>(token, "{ ragRules { id } }");
      got["PUBLIC"] = pub.errors ? "ERROR" : "DISCLOSED";
      want["PUBLIC"] = "DISCLOSED";
      expect(got).toEqual(want);
    });
  }

  /** Per entry kind: the summary's outcome (or the whole chronology's, when it is refused). */
  function chronologyOutcomes(
    res: GqlResponse<Record<string, unknown>>,
    which: string,
  ): Record<string, string> {
    const child = res.data?.["CHRONOLOGY"] as
      { chronology: Array<{ kind: string; summary: string | null }> } | null | undefined;
    const out: Record<string, string> = {};
    if (!child?.chronology) {
      const whole = outcome(res, "CHRONOLOGY");
      for (const kind of Object.keys(ENTRY_CATEGORY)) out[`CHRONOLOGY ${kind} ${which}`] = whole;
      return out;
    }
    const byKind = new Map<string, Set<string>>();
    child.chronology.forEach((entry, i) => {
      const errors = (res.errors ?? []).filter(
        (e) => e.path?.[0] === "CHRONOLOGY" && e.path?.[2] === i && e.path?.[3] === "summary",
      );
      const o =
        errors.length > 0
          ? `WITHHELD:${errors.map((e) => String(e.extensions?.["reason"])).join("+")}`
          : entry.summary !== null
            ? "DISCLOSED"
            : "EMPTY";
      byKind.set(entry.kind, (byKind.get(entry.kind) ?? new Set()).add(o));
    });
    for (const [kind, outcomes] of byKind) {
      out[`CHRONOLOGY ${kind} ${which}`] = [...outcomes].sort().join("|");
    }
    return out;
  }

  it("a withheld detail field carries the contract's message, category and reason at its path", async () => {
    const token = await t.token({ sub: "screener-1", role: "MASH_SCREENER" });
    const child = children.find((c) => c.consent === "none");
    const res = await t.gql<{ child: { policeNotifications: Array<{ summary: string | null }> } }>(
      token,
      "query ($id: ID!) { child(id: $id) { policeNotifications { category summary } } }",
      { id: child?.id },
    );
    expect(res.data?.child.policeNotifications[0]).toEqual({
      category: "DOMESTIC_ABUSE",
      summary: null,
    });
    expect(res.errors).toEqual([
      {
        message: "Withheld: no consent covering POLICE information",
        path: ["child", "policeNotifications", 0, "summary"],
        locations: expect.any(Array),
        extensions: { code: "WITHHELD", category: "POLICE_DETAIL", reason: "NO_CONSENT" },
      },
    ]);
  });

  describe('who may do each front door operation (access.md v2, "Who may do what")', () => {
    /** access.md "Who may do what", as a table (completeNextAction: MASH roles, or its assignee). */
    const MAY: Record<string, Role[]> = {
      submitReferral: [
        "MASH_SCREENER",
        "MASH_MANAGER",
        "AGENCY_SYSTEM",
        "EARLY_HELP_MANAGER",
        "LEAD_PROFESSIONAL",
      ],
      decide: ["MASH_MANAGER"],
      resolveEscalation: ["MASH_MANAGER"],
      recordDailyDiscussion: ["MASH_MANAGER"],
      raiseEscalation: [
        "MASH_SCREENER",
        "MASH_MANAGER",
        "EARLY_HELP_MANAGER",
        "LEAD_PROFESSIONAL",
        "AGENCY_SYSTEM",
      ],
      requestStepUp: ["EARLY_HELP_MANAGER"],
      dailyDiscussion: ["MASH_SCREENER", "MASH_MANAGER", "EARLY_HELP_MANAGER"],
      mashPerformance: ["MASH_MANAGER", "AUDITOR"],
      completeNextAction: ["MASH_SCREENER", "MASH_MANAGER"],
    };
    let familyChild: string;
    let agencyReferral: string;

    beforeAll(async () => {
      // the early help roles' own family; a referral about it from the agency system
      const family = children.find((c) => c.related && c.consent === "given")!;
      familyChild = family.id;
      const police = await t.token({
        sub: SUBS.AGENCY_SYSTEM,
        role: "AGENCY_SYSTEM",
        agency: "POLICE",
      });
      const res = await t.gql<{ submitReferral: { notificationId: string } }>(
        police,
        `mutation($input: ReferralInput!) { submitReferral(input: $input) { notificationId } }`,
        { input: referral({ childId: familyChild }) },
      );
      agencyReferral = res.data!.submitReferral.notificationId;
    });

    const referral = (who: Record<string, unknown>) => ({
      referrer: { name: "A professional", role: "POLICE" },
      concerns: "A concern about the child, described in enough words to be complete.",
      immediateRisk: false,
      familyMembers: [
        { givenName: "Jo", familyName: "Test", relationship: "MOTHER", livesWithChild: true },
      ],
      previousSupport: "None known.",
      parentsInformed: true,
      consent: "GIVEN",
      ...who,
    });

    /** A fresh screened contact about the family, for one decision. */
    async function screenedContact(): Promise<string> {
      const screener = await t.token({ sub: SUBS.MASH_SCREENER, role: "MASH_SCREENER" });
      const made = await t.gql<{ submitReferral: { notificationId: string } }>(
        screener,
        `mutation($input: ReferralInput!) { submitReferral(input: $input) { notificationId } }`,
        { input: referral({ childId: familyChild }) },
      );
      const id = made.data!.submitReferral.notificationId;
      await t.gql(
        screener,
        `mutation($id: ID!) { screenNotification(id: $id, rag: GREEN, rationale: "ok") { id } }`,
        { id },
      );
      return id;
    }

    const day = new Date().toISOString().slice(0, 10);
    let dates = 0;
    const operations: Record<string, () => Promise<[string, Record<string, unknown>]>> = {
      submitReferral: async () => [
        `mutation($input: ReferralInput!) { submitReferral(input: $input) { accepted } }`,
        {
          input: referral({
            subject: { givenName: "Nia", familyName: `Op${Date.now()}`, dateOfBirth: "2015-01-01" },
          }),
        },
      ],
      decide: async () => [
        `mutation($id: ID!) { decide(notificationId: $id, outcome: NO_FURTHER_ACTION, rationale: "No further action") { id } }`,
        { id: await screenedContact() },
      ],
      raiseEscalation: async () => [
        `mutation($id: ID!) { raiseEscalation(notificationId: $id, raisedBy: "The referrer", rationale: "We disagree") { id } }`,
        { id: agencyReferral },
      ],
      resolveEscalation: async () => {
        const e = await db.escalation.create({
          data: { notificationId: agencyReferral, raisedBy: "x", recordedBy: "x", rationale: "x" },
        });
        return [
          `mutation($id: ID!) { resolveEscalation(id: $id, resolution: "Talked it through", decisionChanged: false) { id } }`,
          { id: e.id },
        ];
      },
      requestStepUp: async () => [
        `mutation($input: StepUpRequestInput!) { requestStepUp(input: $input) { id } }`,
        {
          input: {
            childId: familyChild,
            reason: "CIN",
            answers: {
              riskOfSignificantHarm: false,
              needsUnmetAndWhy: "Needs unmet",
              familyEngagement: "Engaging",
              familyToldOfStepUp: true,
              timescaleForChange: "Weeks",
              lackOfEngagement: false,
            },
            informationForSocialCare: "Background for CSC.",
            urgent: false,
          },
        },
      ],
      recordDailyDiscussion: async () => [
        `mutation($input: DailyDiscussionInput!) { recordDailyDiscussion(input: $input) { id } }`,
        {
          input: {
            notificationId: agencyReferral,
            date: `2031-01-${String(10 + dates++).padStart(2, "0")}`,
            decision: "Stays with early help",
            actions: [],
          },
        },
      ],
      dailyDiscussion: async () => [
        `query($d: Date!) { dailyDiscussion(date: $d) { id } }`,
        { d: day },
      ],
      mashPerformance: async () => [
        `query($d: Date!) { mashPerformance(from: $d, to: $d) { escalationsRaised } }`,
        { d: day },
      ],
      completeNextAction: async () => {
        const a = await db.nextAction.create({
          data: { notificationId: agencyReferral, action: "CALL_BACK", createdBy: "x" },
        });
        return [`mutation($id: ID!) { completeNextAction(id: $id) { id } }`, { id: a.id }];
      },
    };

    for (const role of ROLES) {
      it(`${role}: each operation is permitted or refused as access.md says`, async () => {
        const token = await t.token({
          sub: SUBS[role],
          role,
          ...(role === "AGENCY_SYSTEM" ? { agency: "POLICE" as const } : {}),
        });
        const got: Record<string, string> = {};
        const want: Record<string, string> = {};
        for (const [name, make] of Object.entries(operations)) {
          const [query, variables] = await make();
          const res = await t.gql<Record<string, unknown>>(token, query, variables);
          const codes = (res.errors ?? []).map((e) => String(e.extensions?.["code"]));
          got[name] =
            codes.length === 0
              ? "PERMITTED"
              : codes.every((c) => ["FORBIDDEN", "WITHHELD", "NOT_FOUND"].includes(c))
                ? "REFUSED"
                : `ERROR:${(res.errors ?? []).map((e) => e.message).join("; ")}`;
          want[name] = MAY[name]!.includes(role) ? "PERMITTED" : "REFUSED";
        }
        expect(got).toEqual(want);
      });
    }
  });
});
