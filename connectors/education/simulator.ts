// A school MIS stand-in for tests and benchmarks: GET /v1/attendance-summaries?upn=<UPN> answers
// the MIS attendance summary JSON. It can also hang, fail with HTTP 500 or answer nonsense.
import http from "node:http";
import { listenSimulator } from "../shared/simulator-server.ts";
import type { MisAttendanceSummary } from "./schema.ts";

export type SimulatorMode = "ok" | "hang" | "error" | "garbage";

export interface EducationSimulator {
  url: string;
  setSummaries(upn: string, summaries: MisAttendanceSummary[]): void;
  setMode(mode: SimulatorMode): void;
  requests(): string[];
  stop(): Promise<void>;
}

export async function startEducationSimulator(): Promise<EducationSimulator> {
  const summaries = new Map<string, MisAttendanceSummary[]>();
  const seen: string[] = [];
  let mode: SimulatorMode = "ok";
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "GET" || url.pathname !== "/v1/attendance-summaries") {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "not_found" } }));
      return;
    }
    const upn = url.searchParams.get("upn") ?? "";
    seen.push(upn);
    switch (mode) {
      case "hang":
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      case "error":
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "internal_error" } }));
        return;
      case "garbage":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ data: [{ student: "nobody" }] }));
        return;
      case "ok":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            data: summaries.get(upn) ?? [],
            meta: { generated_at: new Date().toISOString() },
          }),
        );
        return;
    }
  });
  const listening = await listenSimulator(server, hanging);
  return {
    url: listening.url,
    setSummaries: (upn, s) => void summaries.set(upn, s),
    setMode: (m) => {
      mode = m;
    },
    requests: () => [...seen],
    stop: listening.stop,
  };
}
