// Rule evaluation per event over a child with a long history (rules version 2, with a sibling's
// plan and an ended plan in the picture): the pure evaluator over a picture
// of several hundred records, and the rating path (load the picture from PostgreSQL
// in a transaction, evaluate, write the assessment) for the same child.
import { randomUUID } from "node:crypto";
import type { Scenario } from "../support/scenario.ts";
import { summarise } from "../support/stats.ts";
import { createDb } from "#db/client.ts";
import { evaluate, RULE_SET_V2, type ChildPicture } from "#rag/index.ts";
import { loadPicture } from "#notifications/load-picture.ts";

const DAY = 86_400_000;

function history(n: number, asOf: Date): ChildPicture {
  const police = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    occurredAt: new Date(asOf.getTime() - (i % 700) * DAY),
    category: ["OTHER", "DOMESTIC_ABUSE", "MISSING_FROM_HOME", "NEGLECT"][i % 4] as string,
    riskLevel: ["STANDARD", "MEDIUM"][i % 2] as string,
    childPresent: i % 3 === 0,
  }));
  const ed = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    arrivedAt: new Date(asOf.getTime() - (i % 900) * DAY),
    injury: i % 5 === 0,
    safeguardingConcern: i % 17 === 0,
    chiefComplaintSnomed: ["125605004", "248062006", "386661006", null][i % 4] ?? null,
  }));
  const school = Array.from({ length: Math.ceil(n / 10) }, (_, i) => ({
    id: randomUUID(),
    periodStart: new Date(asOf.getTime() - (i + 1) * 60 * DAY),
    periodEnd: new Date(asOf.getTime() - i * 60 * DAY),
    possibleSessions: 120,
    attendedSessions: 100 + (i % 20),
    missingEducation: false,
    permanentlyExcluded: false,
  }));
  return {
    dateOfBirth: new Date("2014-05-01T00:00:00Z"),
    cpisPlans: [
      { id: randomUUID(), planType: "CPP", status: "ACTIVE" },
      {
        id: randomUUID(),
        planType: "CPP",
        status: "ENDED",
        endDate: new Date(asOf.getTime() - 90 * DAY),
      },
    ],
    householdPlans: [
      { id: randomUUID(), personId: randomUUID(), planType: "CPP", status: "ACTIVE" },
    ],
    referrals: [],
    police,
    edAttendances: ed,
    schoolAttendances: school,
    earlyHelpEpisodes: [
      { id: randomUUID(), status: "OPEN", openedAt: new Date(asOf.getTime() - 300 * DAY) },
    ],
  };
}

const scenario: Scenario = {
  name: "rule-eval",
  description: "RAG rule evaluation per event over a child with hundreds of records",
  async run(ctx) {
    const perKind = ctx.size(300, 150);
    const asOf = new Date();
    const picture = history(perKind, asOf);
    const records =
      picture.police.length + picture.edAttendances.length + picture.schoolAttendances.length;

    const pure: number[] = [];
    for (let i = 0; i < ctx.size(2000, 300); i++) {
      const t0 = performance.now();
      evaluate(picture, asOf, RULE_SET_V2);
      pure.push(performance.now() - t0);
    }

    const database = await ctx.createDatabase();
    const db = createDb(database.url, 2);
    try {
      const person = await db.person.create({ data: { dateOfBirth: picture.dateOfBirth } });
      const personId = person.id;
      await db.policeNotification.createMany({
        data: picture.police.map((p, i) => ({ ...p, personId, merlinRef: `M-${i}` })),
      });
      await db.edAttendance.createMany({
        data: picture.edAttendances.map((a, i) => ({
          ...a,
          personId,
          attendanceId: `A-${i}`,
          siteOdsCode: "R1H12",
        })),
      });
      await db.schoolAttendance.createMany({
        data: picture.schoolAttendances.map((s) => ({
          ...s,
          personId,
          schoolUrn: "100001",
          unauthorisedAbsenceSessions: 0,
          suspensions: 0,
        })),
      });
      const withDb: number[] = [];
      for (let i = 0; i < ctx.size(200, 50); i++) {
        const t0 = performance.now();
        await db.$transaction(async (tx) => {
          const { picture: p } = await loadPicture(tx, personId);
          const e = evaluate(p, asOf, RULE_SET_V2);
          await tx.ragAssessment.create({
            data: { personId, rag: e.proposed ?? "NONE", reasons: [], ruleVersion: e.ruleVersion },
          });
        });
        withDb.push(performance.now() - t0);
      }
      const a = summarise(pure);
      const b = summarise(withDb);
      return {
        metrics: {
          evaluate_p50_ms: a.p50Ms,
          evaluate_p95_ms: a.p95Ms,
          load_evaluate_write_p50_ms: b.p50Ms,
          load_evaluate_write_p95_ms: b.p95Ms,
          records,
        },
        notes: `one child with ${records} records (police, ED, school); pure evaluation vs the in-transaction path on PostgreSQL`,
      };
    } finally {
      await db.$disconnect();
    }
  },
};
export default scenario;
