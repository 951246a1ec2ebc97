// The authorization matrix, generated: every role × category × consent state × relationship,
// asked of the running hub. The expectations are written from access.md, independently of
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
} as const;
type ChildCategory = keyof typeof CHILD_CATEGORIES;

type Expected = "DISCLOSED" | "FORBIDDEN" | `WITHHELD:${string}`;

const isMash = (r: Role) => r === "MASH_SCREENER" || r === "MASH_MANAGER";
const isEarlyHelp = (r: Role) => r === "EARLY_HELP_MANAGER" || r === "LEAD_PROFESSIONAL";

/** access.md, as a table. */
function expected(
  role: Role,
  category: ChildCategory,
  consent: ConsentState,
  related: boolean,
): Expected {
  if (role === "AGENCY_SYSTEM") return "FORBIDDEN";
  if (isEarlyHelp(role) && !related) return "FORBIDDEN";
  if (role === "AUDITOR") return category === "IDENTITY" ? "DISCLOSED" : "WITHHELD:ROLE";
  if (category === "IDENTITY" || category === "FLAGS" || category === "WORKFLOW")
    return "DISCLOSED";
  // a DETAIL category
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
  const children: Array<{ id: string; consent: ConsentState; related: boolean }> = [];

  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 2);
    let n = 0;
    for (const consent of CONSENT_STATES) {
      for (const related of [true, false]) {
        const id = await createChild(db, { consent, related, tag: String(n++) });
        children.push({ id, consent, related });
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
        for (const cat of Object.keys(CHILD_CATEGORIES) as ChildCategory[]) {
          const key = `${cat} consent=${c.consent} related=${c.related}`;
          got[key] = outcome(res, cat);
          want[key] = expected(role, cat, c.consent, c.related);
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
});
