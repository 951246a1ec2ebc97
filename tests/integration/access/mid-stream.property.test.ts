// Property: access is decided at the moment of every disclosure (access.md, version 2). Random
// subscribers (a role; a random selection under alertRaised, with a DETAIL field among it) stay
// connected while each step changes a child's consent or override (its consent history replaced
// by one of the fixtures' states) or relationship (the early help episode named to the caller,
// reassigned or closed), delivers an alert about that child to every subscriber, and perhaps
// asks over HTTP with a random selection. At every delivery and every response: no DETAIL field is disclosed without a standing basis at that moment (the
// fixtures' entitlement table, written from access.md), an early help caller sees nothing of a
// child no open episode names them for, and every field disclosed is in that disclosure's
// access event.
import fc from "fast-check";
import type { GraphQLObjectType, GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { isDetail } from "#access/categories.ts";
import { fieldCategory } from "#access/field-category.ts";
import { ROLE_MASH } from "#alerts/recipients.ts";
import type { Role } from "#auth/viewer.ts";
import { createDb, type Db } from "#db/client.ts";
import { buildUnguardedSchema } from "#server/schema.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import {
  CONSENT_STATES,
  EH_MANAGER,
  LEAD_PRO,
  createChild,
  entitledToDetail,
  setConsent,
  type ConsentState,
} from "./fixtures.ts";
import { alertIdOf, openLive, raiseAlert, type LiveClient, type LiveResult } from "./live.ts";
import { disclosedPaths, selection } from "./random-selection.ts";

const schema: GraphQLSchema = buildUnguardedSchema();
const childType = schema.getType("Child") as GraphQLObjectType;
const alertType = schema.getType("Alert") as GraphQLObjectType;

const SUBS: Record<Role, string> = {
  MASH_SCREENER: "screener-1",
  MASH_MANAGER: "manager-1",
  EARLY_HELP_MANAGER: EH_MANAGER,
  LEAD_PROFESSIONAL: LEAD_PRO,
  AGENCY_SYSTEM: "police-system",
  AUDITOR: "auditor-1",
};
const SUBSCRIBER_ROLES: Role[] = [
  "MASH_SCREENER",
  "MASH_MANAGER",
  "EARLY_HELP_MANAGER",
  "LEAD_PROFESSIONAL",
];
const HTTP_ROLES: Role[] = [...SUBSCRIBER_ROLES, "AUDITOR"];
const CHILDREN = 3;

const isEarlyHelp = (role: Role) => role === "EARLY_HELP_MANAGER" || role === "LEAD_PROFESSIONAL";
const recipientOf = (role: Role) => (isEarlyHelp(role) ? SUBS[role] : ROLE_MASH);

interface ChildState {
  consent: ConsentState;
  related: boolean;
}

/** What changes mid-stream, before the next delivery about that child. */
type Change =
  | { kind: "consent"; consent: ConsentState }
  | { kind: "relationship"; related: boolean; byClosing: boolean };

/** One step: a change about a child, a delivery about it, and perhaps an HTTP request too. */
interface Step {
  child: number;
  change: Change;
  http: { role: Role; selection: string } | undefined;
}

// states with a standing basis come up as often as those without, so that a basis is often
// lost between two deliveries (the case a stale cache would get wrong)
const consentState = fc.constantFrom<ConsentState>(
  ...CONSENT_STATES,
  "given",
  "given",
  "override",
  "override",
);
const change: fc.Arbitrary<Change> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("consent" as const), consent: consentState }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("relationship" as const),
      related: fc.boolean(),
      byClosing: fc.boolean(),
    }),
  },
);
const step: fc.Arbitrary<Step> = fc.record({
  child: fc.nat({ max: CHILDREN - 1 }),
  change,
  http: fc.option(
    fc.record({ role: fc.constantFrom(...HTTP_ROLES), selection: selection(childType, 3) }),
    { nil: undefined },
  ),
});
/** DETAIL fields one of which every subscriber also asks for, beside its random selection. */
const DETAIL_PROBES = [
  "policeNotifications { summary }",
  "policeNotifications { officer otherPersons { role } }",
  "hospitalAttendances { chiefComplaint site }",
  "schoolAttendance { schoolName possibleSessions }",
];
const subscribers = fc.uniqueArray(
  fc.record({
    role: fc.constantFrom(...SUBSCRIBER_ROLES),
    selection: fc
      .tuple(selection(childType, 3), fc.constantFrom(...DETAIL_PROBES))
      .map(([random, probe]) => `${random} ${probe}`),
  }),
  { minLength: 1, maxLength: 3, selector: (s) => s.role },
);
const initial = fc.array(fc.record({ consent: consentState, related: fc.boolean() }), {
  minLength: CHILDREN,
  maxLength: CHILDREN,
});

describe("access decided at every disclosure, while consent and relationships change", () => {
  let t: TestHub;
  let db: Db;
  const children: string[] = [];
  /** Always visible to every subscriber: alerts about it show a subscription is listening. */
  let syncChild: string;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestHub();
    db = createDb(t.db.url, 2);
    for (let i = 0; i < CHILDREN; i++) {
      children.push(await createChild(db, { consent: "none", related: true, tag: `m${i}` }));
    }
    syncChild = await createChild(db, { consent: "given", related: true, tag: "sync" });
    for (const role of HTTP_ROLES) tokens.set(role, await t.token({ sub: SUBS[role], role }));
  });
  afterAll(async () => {
    await db?.$disconnect();
    await t?.stop();
  });

  const setRelationship = async (childId: string, related: boolean, byClosing: boolean) => {
    const named = { managerId: EH_MANAGER, leadProfessionalId: LEAD_PRO };
    const others = { managerId: "ehm-other", leadProfessionalId: "lp-other" };
    await db.earlyHelpEpisode.updateMany({
      where: { personId: childId },
      data: related
        ? { status: "OPEN", closedAt: null, ...named }
        : byClosing
          ? { status: "CLOSED", closedAt: new Date(), ...named }
          : { status: "OPEN", closedAt: null, ...others },
    });
  };
  const replaceConsent = async (childId: string, consent: ConsentState) => {
    await db.consentRecord.deleteMany({ where: { personId: childId } });
    await setConsent(db, childId, consent);
  };
  const lastSeq = async () =>
    (await db.accessEvent.findFirst({ orderBy: { seq: "desc" } }))?.seq ?? 0n;

  /** The disclosure's checks: DETAIL only with a standing basis, all of it in the audit. */
  async function checkDisclosure(
    role: Role,
    state: ChildState,
    childId: string,
    type: GraphQLObjectType,
    value: unknown,
    after: bigint,
    where: string,
  ) {
    const paths = new Set<string>();
    disclosedPaths(type, value, paths);
    if (isEarlyHelp(role) && !state.related) {
      expect({ where, role, state, disclosed: [...paths] }).toEqual({
        where,
        role,
        state,
        disclosed: [],
      });
    }
    for (const path of paths) {
      const [typeName, fieldName] = path.split(".") as [string, string];
      const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName]!;
      const category = fieldCategory(schema, typeName, field);
      if (category && isDetail(category)) {
        const entitled = entitledToDetail(role, state.consent, state.related);
        expect({ where, role, path, state, entitled }).toEqual({
          where,
          role,
          path,
          state,
          entitled: true,
        });
      }
    }
    if (paths.size === 0) return;
    const events = await db.accessEvent.findMany({
      where: { personId: childId, actor: SUBS[role], seq: { gt: after } },
    });
    expect({ where, events: events.length }).toEqual({ where, events: 1 });
    const missing = [...paths].filter((p) => !events[0]!.disclosed.includes(p));
    expect({ where, missing }).toEqual({ where, missing: [] });
  }

  it("never discloses a DETAIL field without a standing basis at delivery, over HTTP and WebSocket, and audits every disclosure", async () => {
    await fc.assert(
      fc.asyncProperty(
        subscribers,
        initial,
        fc.array(step, { minLength: 2, maxLength: 6 }),
        async (subs, start, steps) => {
          const state: ChildState[] = start.map((s) => ({ ...s }));
          for (let i = 0; i < CHILDREN; i++) {
            await replaceConsent(children[i]!, start[i]!.consent);
            await setRelationship(children[i]!, start[i]!.related, false);
          }
          const live: Array<{ role: Role; client: LiveClient }> = [];
          try {
            for (const s of subs) {
              const client = await openLive(
                t.url,
                tokens.get(s.role)!,
                `subscription { alertRaised { id notification { id child { ${s.selection} } } } }`,
              );
              live.push({ role: s.role, client });
              await client.ready(() => raiseAlert(db, syncChild, recipientOf(s.role)));
            }
            // one alert per recipient about the sync child: when each subscriber has it, every
            // earlier probe has been delivered, and each result from now on is one step's
            const recipients = [...new Set(live.map((l) => recipientOf(l.role)))];
            const syncIds = new Map<string, string>();
            for (const r of recipients) syncIds.set(r, await raiseAlert(db, syncChild, r));
            const seen = new Map<LiveClient, number>();
            for (const l of live) {
              const id = syncIds.get(recipientOf(l.role));
              const sync = await l.client.until("the sync alert", (x) => alertIdOf(x) === id);
              seen.set(l.client, l.client.results.indexOf(sync) + 1);
            }

            /** Every subscriber's next result: the delivery of the alert just raised. */
            const deliver = async (child: number, where: string) => {
              const childId = children[child]!;
              const after = await lastSeq();
              for (const r of recipients) await raiseAlert(db, childId, r);
              for (const l of live) {
                const index = seen.get(l.client)!;
                const result: LiveResult = await l.client.until(
                  `${where}: a delivery to ${l.role}`,
                  (_x, i) => i === index,
                );
                seen.set(l.client, index + 1);
                const alert = result.data?.["alertRaised"] ?? null;
                // withheld only where the caller may not open the child at all
                const opens = !isEarlyHelp(l.role) || state[child]!.related;
                expect({ where, role: l.role, delivered: alert !== null }).toEqual({
                  where,
                  role: l.role,
                  delivered: opens,
                });
                const now = { ...state[child]! };
                await checkDisclosure(l.role, now, childId, alertType, alert, after, where);
              }
            };

            // every socket sees every child once first (warm caches are the risky case)
            for (let i = 0; i < CHILDREN; i++) await deliver(i, `first delivery of child ${i}`);
            for (const [n, s] of steps.entries()) {
              const childId = children[s.child]!;
              const where = `step ${n} (${JSON.stringify(s.change)})`;
              const change = s.change;
              switch (change.kind) {
                case "consent":
                  await replaceConsent(childId, change.consent);
                  state[s.child]!.consent = change.consent;
                  break;
                case "relationship":
                  await setRelationship(childId, change.related, change.byClosing);
                  state[s.child]!.related = change.related;
                  break;
                default: {
                  const never: never = change;
                  throw new Error(`unknown change ${JSON.stringify(never)}`);
                }
              }
              await deliver(s.child, where);
              if (s.http) {
                const after = await lastSeq();
                const res = await t.gql<{ child: unknown }>(
                  tokens.get(s.http.role),
                  `query ($id: ID!) { child(id: $id) { ${s.http.selection} } }`,
                  { id: childId },
                );
                expect(res.status).toBe(200);
                const now = { ...state[s.child]! };
                const value = res.data?.child ?? null;
                await checkDisclosure(s.http.role, now, childId, childType, value, after, where);
              }
            }
          } finally {
            for (const l of live) await l.client.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 300_000);
});
