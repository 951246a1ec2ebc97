// What a benchmark scenario is (bench/README.md documents it for scenario authors).
import type { BenchContext } from "./context.ts";

export interface ScenarioResult {
  /** Figures with their unit in the name: p95_ms, rps, children_per_s, errors. */
  metrics: Record<string, number>;
  /** The same keys measured in the same run by a simpler way, to compare against. */
  baseline?: Record<string, number>;
  /** One line: sizes, anything a reader must know. */
  notes?: string;
}

export interface Scenario {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}
