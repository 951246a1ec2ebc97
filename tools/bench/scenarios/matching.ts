// Identity resolution on the synthetic truth: each agency record's first event is resolved, in
// occurrence order, into an empty database through resolveSubject (exact links, then the
// Fellegi-Sunter stage). Precision of automatic links, recall, the share sent to review and
// records matched per second.
import { performance } from "node:perf_hooks";
import type { Scenario } from "../support/scenario.ts";
import { createDb } from "#db/client.ts";
import { resolveSubject } from "#identity/resolve-subject.ts";
import type { AgencyEvent } from "#seed/types.ts";

const scenario: Scenario = {
  name: "matching",
  description: "identity resolution on synthetic truth: precision, recall, review share, records/s",
  async run(ctx) {
    const children = ctx.size(10_000, 1_500);
    const dataset = ctx.dataset({ children });
    const truthOf = new Map<string, string>();
    for (const t of dataset.truth) truthOf.set(`${t.source}|${t.sourcePersonId}`, t.personId);
    // the first event of each agency record: later ones link exactly by sourcePersonId
    const firsts: AgencyEvent[] = [];
    const seen = new Set<string>();
    for (const e of dataset.events) {
      const key = `${e.source}|${e.subject.sourcePersonId}`;
      if (seen.has(key) || !truthOf.has(key)) continue;
      seen.add(key);
      firsts.push(e);
    }
    const records = firsts.slice(0, ctx.size(20_000, 3_000));
    const database = await ctx.createDatabase();
    const db = createDb(database.url, 4);
    try {
      /** hub person id → the true child it was created for */
      const owner = new Map<string, string>();
      const hubIdOfTruth = new Set<string>();
      let links = 0;
      let correctLinks = 0;
      let shouldLink = 0;
      let reviews = 0;
      let wrongNew = 0;
      const t0 = performance.now();
      for (const e of records) {
        const truth = truthOf.get(`${e.source}|${e.subject.sourcePersonId}`)!;
        const known = hubIdOfTruth.has(truth);
        if (known) shouldLink++;
        const r = await db.$transaction((tx) => resolveSubject(tx, e.source, e.subject));
        if (r.outcome === "LINKED") {
          links++;
          if (owner.get(r.personId) === truth) correctLinks++;
        } else {
          if (r.outcome === "PROVISIONAL") reviews++;
          else if (known) wrongNew++;
          owner.set(r.personId, truth);
          hubIdOfTruth.add(truth);
        }
      }
      const seconds = (performance.now() - t0) / 1000;
      const round = (v: number) => Math.round(v * 10_000) / 10_000;
      return {
        metrics: {
          precision: round(links === 0 ? 1 : correctLinks / links),
          recall: round(shouldLink === 0 ? 1 : correctLinks / shouldLink),
          review_share: round(reviews / records.length),
          records_per_s: Math.round(records.length / seconds),
          wrong_links: links - correctLinks,
          missed_as_new: wrongNew,
        },
        notes: `${records.length} agency records of ${children} children (seed ${dataset.seed}); recall counts records whose child was already known; each record in its own transaction`,
      };
    } finally {
      await db.$disconnect();
      await database.drop();
    }
  },
};
export default scenario;
