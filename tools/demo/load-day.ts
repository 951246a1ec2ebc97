// A realistic MASH day, loaded through the hub's own public interfaces (POST /events and
// GraphQL) so that everything the hub does on the way — identity matching, ratings,
// notifications, alerts, the audit — happens as it would for real. Operations the hub does not
// serve yet (contract version 2) are skipped and named in the answer.
import { DEMO_PEOPLE, agencySystem, type DemoPerson } from "./people.ts";
import { child, cpis, earlyHelp, education, health, police, type DemoChild } from "./events.ts";
import type { TokenClaims } from "#auth/sign-token.ts";

export interface DemoDay {
  children: Record<string, string>;
  notifications: Record<string, string>;
  skipped: string[];
}

type Sign = (claims: TokenClaims) => Promise<string>;

const CHILDREN = {
  amelia: child("amelia", 1, {
    givenName: "Amelia",
    familyName: "Jones",
    dateOfBirth: "2019-03-02",
    postcode: "E1 6AN",
  }),
  freya: child("freya", 2, {
    givenName: "Freya",
    familyName: "Ahmed",
    dateOfBirth: "2016-07-19",
    postcode: "E1 4DG",
  }),
  noah: child("noah", 3, {
    givenName: "Noah",
    familyName: "Patel",
    dateOfBirth: "2021-11-08",
    postcode: "E3 2AA",
  }),
  isla: child("isla", 4, {
    givenName: "Isla",
    familyName: "Taylor",
    dateOfBirth: "2011-01-23",
    postcode: "E14 7HS",
  }),
  olivia: child("olivia", 5, {
    givenName: "Olivia",
    familyName: "Smith",
    dateOfBirth: "2023-05-30",
    postcode: "E2 9PJ",
  }),
  leo: child("leo", 6, {
    givenName: "Leo",
    familyName: "Brown",
    dateOfBirth: "2013-09-14",
    postcode: "E1 0AE",
  }),
  ruby: child("ruby", 7, {
    givenName: "Ruby",
    familyName: "Green",
    dateOfBirth: "2014-02-11",
    postcode: "E1 2QX",
  }),
  unborn: child("unborn", 8, {
    givenName: "Baby",
    familyName: "Khan",
    expectedDueDate: "2027-02-14",
    postcode: "E1 1BB",
  }),
  mia: child("mia", 9, {
    givenName: "Mia",
    familyName: "Wilson",
    dateOfBirth: "2017-12-01",
    postcode: "N1 7GU",
  }),
  jayden: child("jayden", 10, {
    givenName: "Jayden",
    familyName: "Clarke",
    dateOfBirth: "2012-05-05",
    postcode: "E8 1DY",
  }),
  jaden: child(
    "jaden",
    11,
    { givenName: "Jaden", familyName: "Clark", dateOfBirth: "2012-05-05", postcode: "E5 0LL" },
    false,
  ),
} satisfies Record<string, DemoChild>;

const person = (p: DemoPerson) => ({
  id: DEMO_PEOPLE[p].sub,
  name: DEMO_PEOPLE[p].name,
  email: DEMO_PEOPLE[p].email,
});

function dayEvents(now: number) {
  const c = CHILDREN;
  const ours = { lead: person("leadProfessional"), manager: person("earlyHelpManager") };
  const theirs = {
    lead: person("otherEarlyHelpManager"),
    manager: person("otherEarlyHelpManager"),
  };
  return [
    earlyHelp(c.amelia, "amelia", now, ours),
    earlyHelp(c.freya, "freya", now, ours),
    earlyHelp(c.mia, "mia", now, theirs),
    police(c.amelia, "amelia-1", now, {
      category: "DOMESTIC_ABUSE",
      riskLevel: "MEDIUM",
      childPresent: true,
      hoursAgo: 14,
      summary:
        "Neighbour called police to an argument between mother and partner; Amelia present, not injured.",
    }),
    health(c.amelia, "amelia-1", now, {
      hoursAgo: 24 * 9,
      complaint: "Fall from playground equipment",
      injury: true,
      safeguardingConcern: false,
    }),
    education(c.amelia, "amelia", now, { possible: 120, attended: 101, missingEducation: false }),
    police(c.freya, "freya-1", now, {
      category: "DOMESTIC_ABUSE",
      riskLevel: "MEDIUM",
      childPresent: true,
      hoursAgo: 3,
      summary: "Verbal altercation between parents reported by a neighbour; Freya was at home.",
    }),
    cpis(c.noah, "noah", now, "CPP", 120),
    police(c.noah, "noah-1", now, {
      category: "PHYSICAL_ABUSE",
      riskLevel: "HIGH",
      childPresent: true,
      hoursAgo: 7,
      summary:
        "Officers attended after a 999 call; bruising seen on Noah's arm. Mother's partner arrested.",
    }),
    police(c.isla, "isla-1", now, {
      category: "MISSING_FROM_HOME",
      riskLevel: "HIGH",
      childPresent: false,
      hoursAgo: 20,
      summary:
        "Isla missing overnight for the third time this month; found at an address linked to older males.",
    }),
    health(c.isla, "isla-1", now, {
      hoursAgo: 18,
      complaint: "Intoxication",
      injury: false,
      safeguardingConcern: true,
    }),
    health(c.olivia, "olivia-1", now, {
      hoursAgo: 24 * 60,
      complaint: "Scald to hand",
      injury: true,
      safeguardingConcern: false,
    }),
    health(c.olivia, "olivia-2", now, {
      hoursAgo: 24 * 21,
      complaint: "Head injury, fall from sofa",
      injury: true,
      safeguardingConcern: false,
    }),
    health(c.olivia, "olivia-3", now, {
      hoursAgo: 5,
      complaint: "Bruising to face",
      injury: true,
      safeguardingConcern: false,
    }),
    education(c.leo, "leo", now, { possible: 120, attended: 48, missingEducation: true }),
    education(c.ruby, "ruby", now, { possible: 120, attended: 100, missingEducation: false }),
    cpis(c.unborn, "unborn", now, "UCPP", 10),
    health(c.mia, "mia-1", now, {
      hoursAgo: 26,
      complaint: "Burn to forearm",
      injury: true,
      safeguardingConcern: true,
    }),
    police(c.jayden, "jayden-1", now, {
      category: "ANTI_SOCIAL_BEHAVIOUR",
      riskLevel: "STANDARD",
      childPresent: true,
      hoursAgo: 30,
      summary: "Group of youths reported for damage at a bus stop.",
    }),
    health(c.jaden, "jaden-1", now, {
      hoursAgo: 28,
      complaint: "Cut to hand",
      injury: true,
      safeguardingConcern: false,
    }),
  ];
}

export async function loadDemoDay(
  hubUrl: string,
  sign: Sign,
  options: {
    now?: number;
    backdate?: (notificationId: string, hours: number) => Promise<void>;
  } = {},
): Promise<DemoDay> {
  const now = options.now ?? Date.now();
  const day: DemoDay = { children: {}, notifications: {}, skipped: [] };
  const tokens = new Map<string, string>();
  const token = async (claims: TokenClaims) => {
    const key = `${claims.role}:${claims.sub}`;
    if (!tokens.has(key)) tokens.set(key, await sign(claims));
    return tokens.get(key)!;
  };
  const as = (p: DemoPerson) => token(DEMO_PEOPLE[p]);

  for (const event of dayEvents(now)) {
    const res = await fetch(`${hubUrl}/events`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await token(agencySystem(event.source as never))}`,
      },
      body: JSON.stringify(event),
    });
    const body = (await res.json()) as { accepted?: boolean; childId?: string; issues?: unknown[] };
    if (!res.ok || !body.accepted) {
      const again = JSON.stringify(body.issues ?? []).includes("already received");
      throw new Error(
        again
          ? "This database already holds a demo day from an earlier run: use a fresh one."
          : `demo event ${event.eventId} was refused: ${JSON.stringify(body)}`,
      );
    }
    const key = event.subject.sourcePersonId.replace(/^[A-Z]+-/, "");
    if (body.childId && !day.children[key]) day.children[key] = body.childId;
  }

  const gql = async <T>(
    who: DemoPerson,
    query: string,
    variables: Record<string, unknown> = {},
  ) => {
    const res = await fetch(`${hubUrl}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await as(who)}`,
        "x-access-purpose": "demo day",
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  };
  /** Runs a step; a step the hub cannot validate (not served yet) is skipped and named. */
  const step = async (
    name: string,
    who: DemoPerson,
    query: string,
    variables: Record<string, unknown> = {},
  ) => {
    const r = await gql<Record<string, unknown>>(who, query, variables);
    const code = r.errors?.[0]?.extensions?.code;
    if (code === "GRAPHQL_VALIDATION_FAILED") {
      day.skipped.push(name);
      return undefined;
    }
    // a step already done on an earlier load (e.g. screened) is fine
    if (r.errors?.length && code !== "CONFLICT" && code !== "BAD_USER_INPUT") {
      throw new Error(`demo step ${name}: ${r.errors[0]!.message}`);
    }
    return r.data;
  };

  for (const [key, childId] of Object.entries(day.children)) {
    const r = await gql<{ notifications: { edges: { id: string; proposedRag: string }[] } }>(
      "manager",
      `query($f: NotificationFilter) { notifications(filter: $f, first: 10) { edges { id proposedRag } } }`,
      { f: { childId } },
    );
    // the child's most serious contact (the oldest of those): the one the day's steps are about
    const order = ["RED", "AMBER", "GREEN"];
    const edges = [...(r.data?.notifications.edges ?? [])].reverse();
    const chosen = edges.sort(
      (a, b) => order.indexOf(a.proposedRag) - order.indexOf(b.proposedRag),
    )[0];
    if (chosen) day.notifications[key] = chosen.id;
  }
  const n = day.notifications;
  const screen = (key: string, rag: string, rationale: string) =>
    n[key]
      ? step(
          `screen ${key}`,
          "screener",
          `mutation($id: ID!, $rag: Rag!, $r: String!) { screenNotification(id: $id, rag: $rag, rationale: $r) { id } }`,
          { id: n[key], rag, r: rationale },
        )
      : undefined;

  await screen(
    "amelia",
    "AMBER",
    "Second domestic abuse incident this term with Amelia present; early help to be told and the family discussed at the daily meeting.",
  );
  await screen(
    "isla",
    "RED",
    "Repeated missing episodes with indicators of child sexual exploitation; strategy discussion needed today.",
  );
  await screen(
    "mia",
    "AMBER",
    "Burn with a safeguarding concern recorded by the clinician; early help worker to follow up with the family.",
  );
  if (n["isla"]) {
    await step(
      "step up isla",
      "screener",
      `mutation($id: ID!) { stepUp(notificationId: $id, reason: CP, rationale: "Risk of child sexual exploitation: section 47 threshold met.") { id } }`,
      { id: n["isla"] },
    );
  }
  if (day.children["isla"]) {
    await step(
      "consent for isla",
      "manager",
      `mutation($i: ConsentInput!) { recordConsent(input: $i) { id } }`,
      {
        i: {
          childId: day.children["isla"],
          status: "GIVEN",
          scope: ["POLICE", "HEALTH"],
          legalBasis: "CONSENT",
        },
      },
    );
  }
  if (day.children["noah"]) {
    await step(
      "override for noah",
      "manager",
      `mutation($i: ConsentInput!) { recordConsent(input: $i) { id } }`,
      {
        i: {
          childId: day.children["noah"],
          status: "OVERRIDDEN",
          scope: ["POLICE"],
          legalBasis: "S47_SIGNIFICANT_HARM",
          justification:
            "Bruising seen by officers on a three-year-old on a child protection plan: significant harm suspected.",
        },
      },
    );
  }
  if (n["noah"] && options.backdate) await options.backdate(n["noah"], 6);

  // contract version 2: used where the hub serves it
  await step(
    "submitReferral",
    "screener",
    `mutation($i: ReferralInput!) { submitReferral(input: $i) { accepted notificationId } }`,
    {
      i: {
        clientReference: "demo-referral-theo",
        subject: {
          givenName: "Theo",
          familyName: "Evans",
          dateOfBirth: "2015-10-03",
          postcode: "E1 3PB",
        },
        referrer: {
          name: "Grace Okafor",
          role: "SCHOOL",
          organisation: "Stepney Green Primary",
          email: "dsl@stepney.example",
        },
        concerns:
          "Theo came to school hungry on four days this week and said there is no food at home; his coat is too small.",
        immediateRisk: false,
        familyMembers: [
          { givenName: "Karen", familyName: "Evans", relationship: "MOTHER", livesWithChild: true },
        ],
        previousSupport: "School breakfast club since September.",
        parentsInformed: true,
        consent: "GIVEN",
      },
    },
  );
  if (n["isla"]) {
    await step(
      "decide",
      "manager",
      `mutation($id: ID!) { decide(notificationId: $id, outcome: STRATEGY_DISCUSSION, rationale: "Section 47 threshold met: strategy discussion with police and health today.") { id } }`,
      { id: n["isla"] },
    );
  }
  if (n["amelia"]) {
    await step(
      "raiseEscalation",
      "manager",
      `mutation($id: ID!) { raiseEscalation(notificationId: $id, raisedBy: "Grace Okafor, Stepney Green Primary", rationale: "The school believes this needs a child in need assessment, not early help.") { id } }`,
      { id: n["amelia"] },
    );
    await step(
      "recordDailyDiscussion",
      "manager",
      `mutation($i: DailyDiscussionInput!) { recordDailyDiscussion(input: $i) { id } }`,
      {
        i: {
          notificationId: n["amelia"],
          date: new Date(now).toISOString().slice(0, 10),
          livedExperienceFromChild:
            "Amelia told her teacher she hides in her room when they shout.",
          livedExperienceInferred: "Amelia may be anxious at home; attendance has dropped.",
          decision: "Early help to continue with a domestic abuse worker; review in two weeks.",
          actions: [
            {
              action: "Refer mother to the domestic abuse service",
              assignee: DEMO_PEOPLE.earlyHelpManager.sub,
            },
          ],
        },
      },
    );
  }
  return day;
}
