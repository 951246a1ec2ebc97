// Property: `_entities` is a second door into a child, never a wider one. Random selection sets
// of Child, asked through `_entities` of the running hub by random roles (an agency system
// included), for children in every consent state reached by id, by NHS number, or by a number
// the hub does not know. Each entity answers exactly what child(id:) answers for the same child
// and selection (data and errors, path for path); a number the hub does not know answers like a
// child the caller may not open; no DETAIL field reaches a caller not entitled to it; and every
// field disclosed is in that child's one access event for the response.
import fc from "fast-check";
import type { GraphQLObjectType, GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { isDetail } from "#access/categories.ts";
import { fieldCategory } from "#access/field-category.ts";
import type { Role } from "#auth/viewer.ts";
import { createDb, type Db } from "#db/client.ts";
import { buildUnguardedSchema } from "#server/schema.ts";
import { startTestHub, type GqlResponse, type TestHub } from "../../support/hub.ts";
import { linkNhsNumber, nhsNumber } from "../federation/nhs-numbers.ts";
import {
  CONSENT_STATES,
  EH_MANAGER,
  LEAD_PRO,
  createChild,
  createNotification,
  entitledToDetail,
  type ConsentState,
} from "./fixtures.ts";
import { disclosedPaths, selection } from "./random-selection.ts";

const schema: GraphQLSchema = buildUnguardedSchema();
const childType = schema.getType("Child") as GraphQLObjectType;
const ROLES: Array<[Role, string]> = [
  ["MASH_SCREENER", "screener-1"],
  ["MASH_MANAGER", "manager-1"],
  ["EARLY_HELP_MANAGER", EH_MANAGER],
  ["LEAD_PROFESSIONAL", LEAD_PRO],
  ["AUDITOR", "auditor-1"],
  ["AGENCY_SYSTEM", "police-1"],
];
const UNKNOWN_NHS = nhsNumber(999);

interface Known {
  id: string;
  nhsNumber: string;
  consent: ConsentState;
  related: boolean;
}
type Door = { child: number; key: "id" | "nhsNumber" } | { child: "unknown" };
type Errors = NonNullable<GqlResponse<unknown>["errors"]>;

/** Errors under `prefix`, as [the rest of the path, code, message], sorted. */
function errorsUnder(errors: Errors | undefined, prefix: Array<string | number>) {
  return (errors ?? [])
    .filter((e) => prefix.every((p, i) => e.path?.[i] === p))
    .map((e) => JSON.stringify([e.path?.slice(prefix.length), e.extensions?.["code"], e.message]))
    .sort();
}

describe("random selection sets through _entities", () => {
  let t: TestHub;
  let db: Db;
  const children: Known[] = [];
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 2);
    let n = 0;
    for (const consent of CONSENT_STATES) {
      for (const related of [true, false]) {
        const id = await createChild(db, { consent, related, tag: `e${n}` });
        const nhs = nhsNumber(n++);
        await linkNhsNumber(db, id, nhs);
        await createNotification(db, id);
        children.push({ id, nhsNumber: nhs, consent, related });
      }
    }
    for (const [role, sub] of ROLES) {
      tokens.set(
        role,
        await t.token({ sub, role, ...(role === "AGENCY_SYSTEM" ? { agency: "POLICE" } : {}) }),
      );
    }
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  const door: fc.Arbitrary<Door> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        child: fc.nat({ max: 11 }),
        key: fc.constantFrom("id" as const, "nhsNumber" as const),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ child: "unknown" as const }) },
  );

  it("answers each entity as child(id:) answers, discloses no DETAIL field unentitled, and audits it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROLES),
        fc.array(door, { minLength: 1, maxLength: 3 }),
        selection(childType, 4),
        async ([role, sub], doors, sel) => {
          const token = tokens.get(role);
          const representations = doors.map((d) =>
            d.child === "unknown"
              ? { __typename: "Child", nhsNumber: UNKNOWN_NHS }
              : d.key === "id"
                ? { __typename: "Child", id: children[d.child]!.id }
                : { __typename: "Child", nhsNumber: children[d.child]!.nhsNumber },
          );
          const asked = [
            ...new Set(doors.flatMap((d) => (d.child === "unknown" ? [] : [d.child]))),
          ];
          const before = await Promise.all(
            asked.map((i) => db.accessEvent.count({ where: { personId: children[i]!.id } })),
          );
          const totalBefore = await db.accessEvent.count();

          const res = await t.gql<{ _entities: unknown[] }>(
            token,
            `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Child { ${sel} } } }`,
            { r: representations },
          );
          if (res.status === 400) {
            // a selection beyond the cost limit (e.g. the chronology's 200 entries under every
            // notification) is refused before it runs: nothing disclosed, nothing to audit
            expect(res.errors?.[0]?.extensions?.["code"]).toBe("QUERY_TOO_COMPLEX");
            expect(res.data ?? null).toBeNull();
            expect(await db.accessEvent.count()).toBe(totalBefore);
            return;
          }
          expect(res.status).toBe(200);
          const entities = res.data?._entities ?? [];
          expect(entities.length).toBe(doors.length);

          // The unknown number's answer: null with FORBIDDEN and nothing below it.
          const forbidden = JSON.stringify([
            [],
            "FORBIDDEN",
            "You may not open this child's record",
          ]);
          const disclosedByChild = new Map<number, Set<string>>();
          for (const [i, d] of doors.entries()) {
            if (d.child === "unknown") {
              expect(entities[i]).toBeNull();
              expect(errorsUnder(res.errors, ["_entities", i])).toEqual([forbidden]);
              continue;
            }
            const child = children[d.child]!;
            const viaChild = await t.gql<{ child: unknown }>(
              token,
              `query ($id: ID!) { child(id: $id) { ${sel} } }`,
              { id: child.id },
            );
            expect({ door: d, entity: entities[i] }).toEqual({
              door: d,
              entity: viaChild.data?.child ?? null,
            });
            expect(errorsUnder(res.errors, ["_entities", i])).toEqual(
              errorsUnder(viaChild.errors, ["child"]),
            );
            const paths = disclosedByChild.get(d.child) ?? new Set<string>();
            disclosedPaths(childType, entities[i] ?? null, paths);
            disclosedByChild.set(d.child, paths);
            for (const path of paths) {
              const [typeName, fieldName] = path.split(".") as [string, string];
              const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName]!;
              const category = fieldCategory(schema, typeName, field);
              if (category && isDetail(category)) {
                expect({
                  role,
                  path,
                  entitled: entitledToDetail(role, child.consent, child.related),
                }).toEqual({ role, path, entitled: true });
              }
            }
          }

          // The audit of the _entities response alone (each child(id:) above wrote its own event).
          for (const [k, i] of asked.entries()) {
            const events = await db.accessEvent.findMany({
              where: { personId: children[i]!.id },
              orderBy: { seq: "asc" },
            });
            const own = events[before[k]!];
            if (role === "AGENCY_SYSTEM") {
              // refused before anything is looked up, as child(id:) refuses it: nothing about
              // the child was disclosed or withheld, so neither door wrote an event
              expect(events.length).toBe(before[k]);
              continue;
            }
            expect(own?.actor).toBe(sub);
            for (const path of disclosedByChild.get(i) ?? [])
              expect(own?.disclosed).toContain(path);
            // refused at the door: FORBIDDEN at the entity itself (a null entity may also be a
            // WITHHELD non-null field below it)
            const refused = doors.some(
              (d, j) =>
                d.child === i && errorsUnder(res.errors, ["_entities", j]).includes(forbidden),
            );
            expect((refused ? own?.withheld : own?.disclosed) ?? []).toContain("Query._entities");
          }
          if (asked.length === 0) expect(await db.accessEvent.count()).toBe(totalBefore);
        },
      ),
      { numRuns: 50 },
    );
  });
});
