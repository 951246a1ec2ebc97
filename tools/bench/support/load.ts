// A closed-loop load generator: C workers each run the next task as soon as the last finishes,
// until N tasks are done; latency is measured per task.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { round, summarise, type LatencySummary } from "./stats.ts";

export interface LoadResult extends LatencySummary {
  requests: number;
  errors: number;
  durationMs: number;
  rps: number;
  /** The first error message seen, if any, to explain a non-zero error count. */
  firstError: string | undefined;
}

export async function runLoad(options: {
  concurrency: number;
  requests: number;
  /** Resolves when the task succeeded; throws (or rejects) when it failed. */
  task: (i: number) => Promise<void>;
  /** Tasks run before measuring (default: none). */
  warmup?: number;
}): Promise<LoadResult> {
  const { concurrency, requests, task } = options;
  for (let i = 0; i < (options.warmup ?? 0); i++) await task(i).catch(() => undefined);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= requests) return;
      const t0 = performance.now();
      try {
        await task(i);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const durationMs = performance.now() - started;
  return {
    ...summarise(latencies),
    requests,
    errors,
    durationMs: round(durationMs),
    rps: round((requests / durationMs) * 1000),
    firstError,
  };
}

/**
 * POSTs a GraphQL operation N times at concurrency C; an answer with `errors` counts as an error.
 * Over node:http with one keep-alive connection per worker, not fetch: fetch cost the bench
 * process 1.35 ms of CPU a request against 0.42–0.52 ms here, on the same two cores as the
 * server it measures (decision 70).
 */
export async function graphqlLoad(options: {
  url: string;
  token?: string;
  query: string;
  variables?: (i: number) => Record<string, unknown>;
  headers?: Record<string, string>;
  concurrency: number;
  requests: number;
  warmup?: number;
}): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const headers = {
    "content-type": "application/json",
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  };
  try {
    return await runLoad({
      concurrency: options.concurrency,
      requests: options.requests,
      warmup: options.warmup ?? Math.min(50, options.requests),
      task: async (i) => {
        const body = JSON.stringify({ query: options.query, variables: options.variables?.(i) });
        const res = await post(agent, url, headers, body);
        const answer = parseAnswer(res.body);
        if (res.status !== 200 || answer.errors?.length)
          throw new Error(`HTTP ${res.status}: ${answer.errors?.[0]?.message ?? "no data"}`);
      },
    });
  } finally {
    agent.destroy();
  }
}

function post(
  agent: http.Agent,
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function parseAnswer(body: string): { errors?: Array<{ message: string }> } {
  try {
    return JSON.parse(body) as { errors?: Array<{ message: string }> };
  } catch {
    return { errors: [{ message: `not JSON: ${body.slice(0, 80)}` }] };
  }
}
