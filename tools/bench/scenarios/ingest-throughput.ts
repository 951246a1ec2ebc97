// Sustained ingest: the realistic agency stream (children seen by several agencies under varied
// names, with 10% redelivered duplicates, 3% bad messages and 0.5% conflicts) produced at once,
// consumed by a real hub (its own process), warmed first by 20,000 events of other children, until
// every offset is committed; CPU per event for the hub and PostgreSQL, the hub's peak memory, and
// the children the hub made against the stream's truth (support/ingest-run.ts). Then the same
// streams through the ingest floor (support/ingest-floor.ts: the events claimed in PostgreSQL and
// nothing else) on the same broker and database server: what this machine allows today.
import type { Scenario } from "../support/scenario.ts";
import { ingestRun } from "../support/ingest-run.ts";

const scenario: Scenario = {
  name: "ingest-throughput",
  description:
    "events/s from the agency topics to stored and rated (realistic identities and mix, 5 topics), the hub's CPU ms per event and peak RSS, duplicate children",
  run: (ctx) =>
    ingestRun(ctx, { events: ctx.size(20_000, 2_000), seed: 5, warmup: 20_000, floor: true }),
};
export default scenario;
