// Property: random selection sets over the schema, asked of the running hub by random roles
// about children in every consent state. No response carries a DETAIL field the caller is not
// entitled to, and every field a response discloses is in that response's access event.
import fc from "fast-check";
import type { GraphQLObjectType, GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { isDetail } from "#access/categories.ts";
import { fieldCategory } from "#access/field-category.ts";
import type { Role } from "#auth/viewer.ts";
import { createDb, type Db } from "#db/client.ts";
import { buildUnguardedSchema } from "#server/schema.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import {
  CONSENT_STATES,
  EH_MANAGER,
  LEAD_PRO,
  createChild,
  createDecidedReferral,
  createNotification,
  entitledToDetail,
  type ConsentState,
} from "./fixtures.ts";
import { disclosedPaths, selection } from "./random-selection.ts";

const schema: GraphQLSchema = buildUnguardedSchema();
const ROLES: Array<[Role, string]> = [
  ["MASH_SCREENER", "screener-1"],
  ["MASH_MANAGER", "manager-1"],
  ["EARLY_HELP_MANAGER", EH_MANAGER],
  ["LEAD_PROFESSIONAL", LEAD_PRO],
  ["AUDITOR", "auditor-1"],
];

describe("random selection sets against the running hub", () => {
  let t: TestHub;
  let db: Db;
  const children: Array<{ id: string; consent: ConsentState; related: boolean }> = [];
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 2);
    let n = 0;
    for (const consent of CONSENT_STATES) {
      for (const related of [true, false]) {
        const id = await createChild(db, { consent, related, tag: `p${n++}` });
        await createNotification(db, id);
        await createDecidedReferral(db, id, "referrer-other");
        children.push({ id, consent, related });
      }
    }
    for (const [role, sub] of ROLES) tokens.set(role, await t.token({ sub, role }));
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  it("never discloses a DETAIL field the caller is not entitled to, and audits every disclosed field", async () => {
    const childType = schema.getType("Child") as GraphQLObjectType;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROLES),
        fc.nat({ max: children.length - 1 }),
        selection(childType, 4),
        async ([role, sub], index, sel) => {
          const child = children[index]!;
          const before = await db.accessEvent.count({ where: { personId: child.id } });
          const res = await t.gql<{ child: unknown }>(
            tokens.get(role),
            `query ($id: ID!) { child(id: $id) { ${sel} } }`,
            { id: child.id },
          );
          if (res.status === 400) {
            // a selection beyond the cost limit (e.g. the chronology's 200 entries under every
            // notification) is refused before it runs: nothing disclosed, nothing to audit
            expect(res.errors?.[0]?.extensions?.["code"]).toBe("QUERY_TOO_COMPLEX");
            expect(res.data ?? null).toBeNull();
            expect(await db.accessEvent.count({ where: { personId: child.id } })).toBe(before);
            return;
          }
          expect(res.status).toBe(200);
          const paths = new Set<string>();
          disclosedPaths(childType, res.data?.child ?? null, paths);
          for (const path of paths) {
            const [typeName, fieldName] = path.split(".") as [string, string];
            const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName]!;
            const category = fieldCategory(schema, typeName, field);
            expect(category).toBeDefined();
            if (category && isDetail(category)) {
              expect({
                role,
                path,
                entitled: entitledToDetail(role, child.consent, child.related),
              }).toEqual({ role, path, entitled: true });
            }
            if (category === "REFERRAL_DETAIL") {
              // access.md v2: MASH roles; early help roles with consent covering EARLY_HELP
              const mash = role === "MASH_SCREENER" || role === "MASH_MANAGER";
              expect({
                role,
                path,
                entitled: mash || (child.related && child.consent === "given"),
              }).toEqual({ role, path, entitled: true });
            }
          }
          const events = await db.accessEvent.findMany({
            where: { personId: child.id },
            orderBy: { seq: "asc" },
          });
          // one event per child per response
          expect(events.length).toBe(before + 1);
          const event = events[events.length - 1]!;
          expect(event.actor).toBe(sub);
          for (const path of paths) expect(event.disclosed).toContain(path);
        },
      ),
      { numRuns: 60 },
    );
  });
});
