// Seeds a bench database with the synthetic dataset (seed/).
import { performance } from "node:perf_hooks";
import { generateDataset } from "#seed/generate.ts";
import { writeDataset, type WriteCounts } from "#seed/write.ts";

export interface SeedResult {
  childIds: string[];
  generateMs: number;
  writeMs: number;
  /** generate + write */
  seedMs: number;
  rows: WriteCounts;
}

export async function seedInto(
  url: string,
  options: { children: number; seed?: number },
): Promise<SeedResult> {
  const t0 = performance.now();
  const dataset = generateDataset({
    children: options.children,
    seed: options.seed ?? 1,
    eventChildren: 0,
  });
  const t1 = performance.now();
  const rows = await writeDataset(url, dataset);
  const t2 = performance.now();
  return {
    childIds: dataset.childIds,
    generateMs: Math.round(t1 - t0),
    writeMs: Math.round(t2 - t1),
    seedMs: Math.round(t2 - t0),
    rows,
  };
}
