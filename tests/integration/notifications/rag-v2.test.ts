// Issue 11's cases, each pushed through the hub as an agency would (submitAgencyEvent), and one
// through Kafka: every level 3 or level 4 indicator the hub can see makes the right notification,
// whatever order the records arrive in.
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../../support/provided.ts";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import type { AgencyName } from "#auth/viewer.ts";
import { event, freshNhsNumber, payloads } from "../child-view/agency-events.ts";
import { agencyProducer, eventually, type AgencyProducer } from "./helpers.ts";

const SUBMIT = `mutation($event: JSON!) { submitAgencyEvent(event: $event) { accepted childId issues { path message } } }`;
const NOTIFICATIONS = `query($childId: ID) {
  notifications(filter: { childId: $childId }) {
    edges { id proposedRag ruleVersion triggeringEvents createdAt dueBy reasons { ruleId rag evidence } }
  }
}`;

interface N {
  id: string;
  proposedRag: string;
  ruleVersion: number;
  triggeringEvents: string[];
  createdAt: string;
  dueBy: string;
  reasons: Array<{ ruleId: string; rag: string; evidence: string[] }>;
}

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const dateAgo = (days: number) => ago(days).slice(0, 10);
const examples = path.resolve(import.meta.dirname, "../../fixtures/contract-examples");
const example = (f: string) =>
  JSON.parse(readFileSync(path.join(examples, f), "utf8")) as Record<string, unknown> & {
    source: string;
    subject: Record<string, unknown>;
    payload: Record<string, unknown>;
  };

let seq = 0;
/** A child nobody has reported on: a fresh NHS number and family name. */
const newChild = (dateOfBirth = "2014-05-02") => ({
  nhsNumber: freshNhsNumber(),
  givenName: "Amelia",
  familyName: `Rag${randomUUID().slice(0, 6)}${seq++}`,
  dateOfBirth,
  postcode: "E1 6AN",
});
type Child = ReturnType<typeof newChild>;
const as = (child: Child, source: AgencyName) => ({
  ...child,
  sourcePersonId: `${source}-${child.nhsNumber}`,
});

describe("RAG rules version 2, through the API", () => {
  let t: TestHub;
  let screener: string;
  const tokens = new Map<AgencyName, string>();

  beforeAll(async () => {
    t = await startTestHub({ kafka: true });
    screener = await t.token({ sub: "screener-v2", role: "MASH_SCREENER" });
    for (const agency of ["CPIS", "POLICE", "HEALTH", "EDUCATION", "EARLY_HELP"] as const)
      tokens.set(agency, await t.token({ sub: `${agency}-system`, role: "AGENCY_SYSTEM", agency }));
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function submit(e: { source: string }): Promise<string> {
    const res = await t.gql<{
      submitAgencyEvent: { accepted: boolean; childId: string; issues: unknown[] };
    }>(tokens.get(e.source as AgencyName), SUBMIT, { event: e });
    expect(res.errors).toBeUndefined();
    expect(res.data?.submitAgencyEvent.issues).toEqual([]);
    return res.data!.submitAgencyEvent.childId;
  }
  async function notificationsFor(childId: string): Promise<N[]> {
    const res = await t.gql<{ notifications: { edges: N[] } }>(screener, NOTIFICATIONS, {
      childId,
    });
    expect(res.errors).toBeUndefined();
    return res.data!.notifications.edges;
  }
  const ruleIds = (n: N | undefined) => n?.reasons.map((r) => r.ruleId);
  const police = (child: Child, over: Record<string, unknown>, daysAgo = 1) =>
    event(
      "POLICE",
      as(child, "POLICE"),
      payloads.police({ otherPersons: [], ...over }),
      ago(daysAgo),
    );
  const attendance = (child: Child, over: Record<string, unknown>, daysAgo = 1) =>
    event(
      "HEALTH",
      as(child, "HEALTH"),
      payloads.health({ arrivedAt: ago(daysAgo), ...over }),
      ago(daysAgo),
    );
  const plan = (child: Child, over: Record<string, unknown>, daysAgo = 60) =>
    event(
      "CPIS",
      as(child, "CPIS"),
      payloads.cpis({ startDate: dateAgo(daysAgo), ...over }),
      ago(daysAgo),
    );

  it("notifies a police neglect or online harm notification (AMBER; version 1 rated it GREEN and told nobody)", async () => {
    for (const category of ["NEGLECT", "ONLINE_HARM"]) {
      const child = newChild();
      const id = await submit(
        police(child, { category, riskLevel: "STANDARD", childPresent: false }),
      );
      const [n, ...more] = await notificationsFor(id);
      expect(more).toEqual([]);
      expect(n).toMatchObject({ proposedRag: "AMBER", ruleVersion: 2 });
      expect(ruleIds(n)).toEqual(["POLICE_NEGLECT_OR_ONLINE_HARM"]);
    }
  });

  it("notifies the third standard domestic abuse notice in 60 days with the child not present", async () => {
    const child = newChild();
    const da = (days: number) =>
      police(
        child,
        { category: "DOMESTIC_ABUSE", riskLevel: "STANDARD", childPresent: false },
        days,
      );
    const id = await submit(da(59));
    await submit(da(30));
    expect(await notificationsFor(id)).toEqual([]);
    await submit(da(1));
    const [n, ...more] = await notificationsFor(id);
    expect(more).toEqual([]);
    expect(n?.proposedRag).toBe("AMBER");
    expect(ruleIds(n)).toEqual(["REPEAT_DOMESTIC_ABUSE"]);
    expect(n?.reasons[0]?.evidence).toHaveLength(3);
  });

  it("notifies one missing episode", async () => {
    const id = await submit(
      police(newChild(), {
        category: "MISSING_FROM_HOME",
        riskLevel: "STANDARD",
        childPresent: false,
      }),
    );
    const [n] = await notificationsFor(id);
    expect(n?.proposedRag).toBe("AMBER");
    expect(ruleIds(n)).toEqual(["MISSING_EPISODE"]);
  });

  it("notifies an unborn child protection plan alone", async () => {
    const unborn = {
      sourcePersonId: `CPIS-U-${randomUUID().slice(0, 8)}`,
      givenName: "Baby",
      familyName: `Rag${randomUUID().slice(0, 6)}`,
      postcode: "E1 6AN",
    };
    const e = event(
      "CPIS",
      unborn,
      payloads.cpis({ planType: "UCPP", startDate: dateAgo(20) }),
      ago(20),
    );
    (e.subject as Record<string, unknown>)["expectedDueDate"] = new Date(Date.now() + 60 * DAY)
      .toISOString()
      .slice(0, 10);
    const id = await submit(e);
    const [n] = await notificationsFor(id);
    expect(n?.proposedRag).toBe("AMBER");
    expect(ruleIds(n)).toEqual(["UNBORN_ON_PLAN"]);
  });

  it("reads the SNOMED code of an emergency attendance: self-harm AMBER, sexual assault RED, pregnancy under 13 RED", async () => {
    const cases: Array<[string, string, string]> = [
      ["248062006", "2012-03-01", "AMBER"], // self-harm, 14
      ["248110007", "2012-03-01", "RED"], // sexual assault
      ["77386006", "2014-02-01", "RED"], // pregnancy at 12
      ["77386006", "2011-02-01", "AMBER"], // pregnancy at 15
    ];
    for (const [code, dob, rag] of cases) {
      const id = await submit(
        attendance(newChild(dob), {
          chiefComplaintSnomed: code,
          injury: false,
          safeguardingConcern: false,
        }),
      );
      const [n] = await notificationsFor(id);
      expect([code, n?.proposedRag, ruleIds(n)]).toEqual([
        code,
        rag,
        ["ED_HIGH_RISK_PRESENTATION"],
      ]);
    }
    // pregnancy at 16 is not a safeguarding presentation
    const older = await submit(
      attendance(newChild("2009-02-01"), { chiefComplaintSnomed: "77386006", injury: false }),
    );
    expect(await notificationsFor(older)).toEqual([]);
  });

  it("sees a sibling's child protection plan in the same early help family, whichever arrives first", async () => {
    const familyId = `FAM-${randomUUID().slice(0, 8)}`;
    const [a, b] = [newChild("2016-01-10"), newChild("2019-06-20")];
    const episode = (c: Child) =>
      event(
        "EARLY_HELP",
        as(c, "EARLY_HELP"),
        payloads.earlyHelp({ familyId, status: "CLOSED", closedAt: ago(100), openedAt: ago(300) }),
        ago(100),
      );
    const aId = await submit(episode(a));
    const bId = await submit(episode(b));
    // b attends with an injury (nothing fires on its own) …
    await submit(attendance(b, { chiefComplaintSnomed: "125605004", injury: true }, 20));
    expect(await notificationsFor(bId)).toEqual([]);
    // … then a's plan arrives: b is rated again and notified
    await submit(plan(a, {}, 30));
    const [n] = await notificationsFor(bId);
    expect(n?.proposedRag).toBe("AMBER");
    expect(ruleIds(n)).toEqual(["HOUSEHOLD_MEMBER_ON_PLAN"]);
    const stored = await t.hub.services.db.cpisPlan.findFirstOrThrow({ where: { personId: aId } });
    expect(n?.reasons[0]?.evidence).toContain(stored.id);
    expect(await notificationsFor(aId)).toEqual([]);
  });

  it("sees a sibling's plan through a parent police named for both children", async () => {
    const parent = {
      role: "PARENT",
      givenName: "Dana",
      familyName: `P${randomUUID().slice(0, 6)}`,
      dateOfBirth: "1988-04-04",
    };
    const [c, d] = [newChild("2015-02-02"), newChild("2017-03-03")];
    const dId = await submit(
      police(d, { category: "OTHER", riskLevel: "STANDARD", otherPersons: [parent] }, 40),
    );
    await submit(plan(d, {}, 35));
    const cId = await submit(
      police(c, { category: "OTHER", riskLevel: "STANDARD", otherPersons: [parent] }, 2),
    );
    const [n] = await notificationsFor(cId);
    expect(n?.proposedRag).toBe("AMBER");
    expect(ruleIds(n)).toEqual(["HOUSEHOLD_MEMBER_ON_PLAN"]);
    expect(dId).not.toBe(cId);
  });

  it("colours a new concern with a plan that ended last month", async () => {
    const child = newChild();
    const ended = plan(
      child,
      { status: "ENDED", startDate: dateAgo(300), endDate: dateAgo(30) },
      30,
    );
    const id = await submit(ended);
    expect(await notificationsFor(id)).toEqual([]);
    await submit(
      police(child, {
        category: "ANTI_SOCIAL_BEHAVIOUR",
        riskLevel: "STANDARD",
        childPresent: false,
      }),
    );
    const [n] = await notificationsFor(id);
    expect(n?.proposedRag).toBe("AMBER");
    expect(ruleIds(n)).toEqual(["RECENTLY_ENDED_PLAN"]);
  });

  /** The contract's police domestic abuse and CP-IS plan examples for a fresh child, dated as they relate. */
  function contractPair() {
    const child = newChild("2019-03-02");
    const da = example("valid-police-merlin.json");
    const cp = example("valid-cpis-plan.json");
    for (const [e, days] of [
      [da, 3],
      [cp, 53],
    ] as const) {
      e["eventId"] = randomUUID();
      e["occurredAt"] = ago(days);
      Object.assign(e.subject, {
        nhsNumber: child.nhsNumber,
        familyName: child.familyName,
        sourcePersonId: `${e["source"]}-${child.nhsNumber}`,
      });
    }
    da.payload["merlinRef"] = `MER-${randomUUID().slice(0, 8)}`;
    cp.payload["startDate"] = dateAgo(53);
    return { da, cp };
  }

  it("fires CPIS_PLAN_AND_DOMESTIC_ABUSE for the contract's police example then its CP-IS example, and in the other order", async () => {
    const first = contractPair();
    const id1 = await submit(first.da);
    await submit(first.cp); // the late CP-IS sync raises the rating: a RED notification
    const byDate = (ns: N[]) => [...ns].sort((x, y) => x.createdAt.localeCompare(y.createdAt));
    const [amber, red] = byDate(await notificationsFor(id1));
    expect(amber?.proposedRag).toBe("AMBER");
    expect(red?.proposedRag).toBe("RED");
    expect(ruleIds(red)).toContain("CPIS_PLAN_AND_DOMESTIC_ABUSE");

    const second = contractPair();
    const id2 = await submit(second.cp);
    await submit(second.da);
    const ns = await notificationsFor(id2);
    expect(ns.map((n) => n.proposedRag)).toEqual(["RED"]);
    expect(ruleIds(ns[0])).toContain("CPIS_PLAN_AND_DOMESTIC_ABUSE");
  });

  it("makes no notification for a late record that changes nothing", async () => {
    const child = newChild();
    const id = await submit(
      police(child, { category: "MISSING_FROM_HOME", riskLevel: "STANDARD" }, 2),
    );
    expect(await notificationsFor(id)).toHaveLength(1);
    await submit(attendance(child, { chiefComplaintSnomed: "386661006", injury: false }, 200)); // fever, long ago
    expect(await notificationsFor(id)).toHaveLength(1);
  });

  it("gives the same final rating and rules whatever the order and however the events are split", async () => {
    const family = () => {
      const [child, sibling] = [newChild("2013-07-07"), newChild("2016-08-08")];
      const familyId = `FAM-${randomUUID().slice(0, 8)}`;
      const eh = (c: Child) =>
        event(
          "EARLY_HELP",
          as(c, "EARLY_HELP"),
          payloads.earlyHelp({ familyId, status: "CLOSED", closedAt: ago(90), openedAt: ago(200) }),
          ago(90),
        );
      return {
        child,
        events: [
          eh(child),
          eh(sibling),
          plan(sibling, {}, 40),
          police(
            child,
            { category: "DOMESTIC_ABUSE", riskLevel: "STANDARD", childPresent: false },
            20,
          ),
          attendance(child, { chiefComplaintSnomed: "248062006", injury: false }, 10),
          police(child, { category: "MISSING_FROM_HOME", riskLevel: "STANDARD" }, 5),
        ],
      };
    };
    const finalOf = async (childNhs: string) => {
      const row = await t.hub.services.db.personIdentifier.findFirstOrThrow({
        where: { kind: "NHS_NUMBER", value: childNhs },
      });
      const rag = (await t.hub.services.notifications.currentRag([row.personId])).get(row.personId);
      return { rag: rag?.proposedRag, rules: rag?.reasons.map((r) => r.ruleId) };
    };
    const results = [];
    // in order; reversed; and split over "partitions" that run at once
    for (const arrange of [
      (es: unknown[]) => [es],
      (es: unknown[]) => [[...es].reverse()],
      (es: unknown[]) => [
        [es[5], es[0], es[3]],
        [es[2], es[4], es[1]],
      ],
    ]) {
      const f = family();
      for (const partition of arrange(f.events)) {
        // the first event of every child links it before the partitions race
        await submit(partition[0] as { source: string });
      }
      await Promise.all(
        arrange(f.events).map(async (partition) => {
          for (const e of partition.slice(1)) await submit(e as { source: string });
        }),
      );
      results.push(await finalOf(f.child.nhsNumber));
    }
    expect(results[0]).toEqual({
      rag: "RED",
      rules: [
        "CUMULATIVE_CONCERN",
        "ED_HIGH_RISK_PRESENTATION",
        "MISSING_EPISODE",
        "HOUSEHOLD_MEMBER_ON_PLAN",
      ],
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it("takes the contract's examples through Kafka the same way (police, then the late CP-IS plan)", async () => {
    const producer: AgencyProducer = await agencyProducer(t.topicPrefix, inject("kafkaBrokers"));
    try {
      const { da, cp } = contractPair();
      await producer.send(da as never);
      const childId = await eventually("the child from Kafka", async () => {
        const row = await t.hub.services.db.personIdentifier.findFirst({
          where: { kind: "NHS_NUMBER", value: String(da.subject["nhsNumber"]) },
        });
        return row?.personId;
      });
      await eventually(
        "the AMBER notification",
        async () => (await notificationsFor(childId)).length === 1,
      );
      await producer.send(cp as never);
      const red = await eventually("the RED notification", async () =>
        (await notificationsFor(childId)).find((n) => n.proposedRag === "RED"),
      );
      expect(ruleIds(red)).toContain("CPIS_PLAN_AND_DOMESTIC_ABUSE");
    } finally {
      await producer.stop();
    }
  });

  it("lists both rule versions, version 2 in force, with parameters and sources", async () => {
    const anyone = await t.token({ sub: "lp-1", role: "LEAD_PROFESSIONAL" });
    const Q = `query($v: Int) { ragRuleSet(version: $v) { version inForce inForceSince versions
      rules { id rag description source parameters citations { file section words scale level } } } }`;
    type Set = {
      version: number;
      inForce: boolean;
      inForceSince: string | null;
      versions: number[];
      rules: Array<{
        id: string;
        source: string;
        parameters: Record<string, unknown>;
        citations: unknown[];
      }>;
    };
    const current = await t.gql<{ ragRuleSet: Set }>(anyone, Q, {});
    expect(current.errors).toBeUndefined();
    expect(current.data?.ragRuleSet).toMatchObject({ version: 2, inForce: true, versions: [1, 2] });
    expect(current.data?.ragRuleSet.inForceSince).toBeTruthy(); // children were rated above
    const rules = current.data!.ragRuleSet.rules;
    expect(rules).toHaveLength(22);
    for (const r of rules) {
      expect(r.source).toMatch(/seed 00[234]/);
      expect(r.citations.length).toBeGreaterThan(0);
    }
    const ed = rules.find((r) => r.id === "ED_HIGH_RISK_PRESENTATION");
    expect(ed?.parameters["codeSets"]).toMatchObject({
      SEXUAL_ASSAULT: [{ code: "248110007", meaning: "Sexual assault (event)" }],
    });
    const v1 = await t.gql<{ ragRuleSet: Set }>(anyone, Q, { v: 1 });
    expect(v1.data?.ragRuleSet).toMatchObject({ version: 1, inForce: false, inForceSince: null });
    expect(v1.data?.ragRuleSet.rules).toHaveLength(13);
    const none = await t.gql(anyone, Q, { v: 3 });
    expect(none.errors?.[0]?.extensions?.["code"]).toBe("BAD_USER_INPUT");
    // every assessment records the version it used
    const versions = await t.hub.services.db.ragAssessment.groupBy({
      by: ["ruleVersion"],
      _count: true,
    });
    expect(versions.map((v) => v.ruleVersion)).toEqual([2]);
  });
});
