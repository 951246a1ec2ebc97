// A CP-IS stand-in for tests and benchmarks: answers GET /CPIS/Flag?patient=<NHS number> with a
// FHIR R4 searchset Bundle, as the national service does. It can also hang, fail with HTTP 500
// or answer something that is not FHIR, to prove the hub survives a bad day at the agency.
import http from "node:http";
import { listenSimulator } from "../shared/simulator-server.ts";
import { NHS_NUMBER_SYSTEM, ODS_CODE_SYSTEM, PLAN_TYPE_SYSTEM } from "./fhir-schema.ts";

export interface SimulatedPlan {
  planType: "CPP" | "LAC" | "UCPP";
  active: boolean;
  start: string;
  end?: string;
  odsCode: string;
  authority: string;
  phone?: string;
}

export type SimulatorMode = "ok" | "hang" | "error" | "garbage";

export interface CpisSimulator {
  url: string;
  setPlans(nhsNumber: string, plans: SimulatedPlan[]): void;
  setMode(mode: SimulatorMode): void;
  /** Requests received so far (each NHS number asked for, in order). */
  requests(): string[];
  stop(): Promise<void>;
}

const PLAN_DISPLAY = {
  CPP: "Child protection plan",
  LAC: "Looked after child",
  UCPP: "Unborn child protection plan",
} as const;

export function cpisBundle(nhsNumber: string, plans: SimulatedPlan[]): object {
  if (plans.length === 0) return { resourceType: "Bundle", type: "searchset", total: 0, entry: [] };
  const patientId = `pat-${nhsNumber}`;
  const orgs = new Map(plans.map((p) => [p.odsCode, p]));
  return {
    resourceType: "Bundle",
    type: "searchset",
    total: plans.length,
    entry: [
      {
        fullUrl: `urn:uuid:${patientId}`,
        resource: {
          resourceType: "Patient",
          id: patientId,
          identifier: [{ system: NHS_NUMBER_SYSTEM, value: nhsNumber }],
        },
      },
      ...plans.map((p, i) => ({
        resource: {
          resourceType: "Flag",
          id: `flag-${nhsNumber}-${i}`,
          status: p.active ? "active" : "inactive",
          category: [{ coding: [{ code: "safety", display: "Safety" }] }],
          code: {
            coding: [
              { system: PLAN_TYPE_SYSTEM, code: p.planType, display: PLAN_DISPLAY[p.planType] },
            ],
          },
          subject: { reference: `Patient/${patientId}` },
          period: { start: p.start, ...(p.end ? { end: p.end } : {}) },
          author: { reference: `Organization/${p.odsCode}` },
        },
      })),
      ...[...orgs.values()].map((p) => ({
        resource: {
          resourceType: "Organization",
          id: p.odsCode,
          identifier: [{ system: ODS_CODE_SYSTEM, value: p.odsCode }],
          name: p.authority,
          telecom: p.phone ? [{ system: "phone", value: p.phone, use: "work" }] : [],
        },
      })),
    ],
  };
}

export async function startCpisSimulator(): Promise<CpisSimulator> {
  const plans = new Map<string, SimulatedPlan[]>();
  const seen: string[] = [];
  let mode: SimulatorMode = "ok";
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "GET" || url.pathname !== "/CPIS/Flag") {
      res.writeHead(404, { "content-type": "application/fhir+json" });
      res.end(
        JSON.stringify({
          resourceType: "OperationOutcome",
          issue: [{ severity: "error", code: "not-found" }],
        }),
      );
      return;
    }
    const nhsNumber = url.searchParams.get("patient") ?? "";
    seen.push(nhsNumber);
    switch (mode) {
      case "hang":
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      case "error":
        res.writeHead(500, { "content-type": "application/fhir+json" });
        res.end(
          JSON.stringify({
            resourceType: "OperationOutcome",
            issue: [{ severity: "fatal", code: "exception" }],
          }),
        );
        return;
      case "garbage":
        res.writeHead(200, { "content-type": "application/fhir+json" });
        res.end(JSON.stringify({ resourceType: "Patient", id: "not-a-bundle" }));
        return;
      case "ok":
        res.writeHead(200, { "content-type": "application/fhir+json" });
        res.end(JSON.stringify(cpisBundle(nhsNumber, plans.get(nhsNumber) ?? [])));
        return;
    }
  });
  const listening = await listenSimulator(server, hanging);
  return {
    url: listening.url,
    setPlans: (nhs, p) => void plans.set(nhs, p),
    setMode: (m) => {
      mode = m;
    },
    requests: () => [...seen],
    stop: listening.stop,
  };
}
