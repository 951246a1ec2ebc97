// How fast the synthetic dataset is generated and written: children per second at a small size
// and at BENCH_CHILDREN (100,000 by default), which later scenarios reuse as their database.
import type { Scenario } from "../support/scenario.ts";
import { seedInto } from "../support/seed.ts";

const scenario: Scenario = {
  name: "seed",
  description:
    "generate and write the synthetic dataset (npm run seed) at a small size and at BENCH_CHILDREN",
  async run(ctx) {
    const small = ctx.size(10_000, 1_000);
    const db = await ctx.createDatabase();
    ctx.progress(`seeding ${small} children`);
    const s = await seedInto(db.url, { children: small, seed: 2 });
    await db.drop();
    const smallRows = Object.values(s.rows).reduce((a, b) => a + b, 0);

    const full = await ctx.seededDatabase({ children: ctx.children });
    const perSecond = (children: number, ms: number) => Math.round((children / ms) * 1000);
    return {
      metrics: {
        children_small: small,
        seconds_small: s.seedMs / 1000,
        generate_seconds_small: s.generateMs / 1000,
        children_per_s_small: perSecond(small, s.seedMs),
        rows_per_s_small: Math.round((smallRows / s.seedMs) * 1000),
        children_full: full.children,
        seconds_full: full.seedMs / 1000,
        children_per_s_full: perSecond(full.children, full.seedMs),
        projected_seconds_100k: Math.round(100_000 / perSecond(full.children, full.seedMs)),
      },
      notes: `${smallRows} rows for ${small} children; the full database is kept for later scenarios`,
    };
  },
};
export default scenario;
