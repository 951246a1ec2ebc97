import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startCpisSimulator, cpisBundle, type CpisSimulator } from "./simulator.ts";
import { createCpisClient } from "./client.ts";
import { fhirBundle } from "./fhir-schema.ts";
import { mapCpisBundle } from "./mapping.ts";
import { ConnectorError } from "../shared/fetch-json.ts";

describe("the CP-IS connector against a simulator speaking FHIR R4", () => {
  let sim: CpisSimulator;
  beforeAll(async () => {
    sim = await startCpisSimulator();
  });
  afterAll(async () => sim?.stop());

  const client = () =>
    createCpisClient({ baseUrl: sim.url, timeoutMs: 2000, failureThreshold: 100 });

  it("reads a child protection plan with its authority and phone from the Bundle", async () => {
    sim.setMode("ok");
    sim.setPlans("9434765919", [
      {
        planType: "CPP",
        active: true,
        start: "2026-10-01",
        odsCode: "E09000030",
        authority: "Tower Hamlets",
        phone: "020 7364 5601",
      },
      {
        planType: "LAC",
        active: false,
        start: "2024-01-01",
        end: "2025-12-31",
        odsCode: "E09000012",
        authority: "Hackney",
      },
    ]);
    expect(await client().plansFor("9434765919")).toEqual([
      {
        planType: "CPP",
        status: "ACTIVE",
        startDate: "2026-10-01",
        endDate: null,
        organisationOdsCode: "E09000030",
        organisationName: "Tower Hamlets",
        contactPhone: "020 7364 5601",
      },
      {
        planType: "LAC",
        status: "ENDED",
        startDate: "2024-01-01",
        endDate: "2025-12-31",
        organisationOdsCode: "E09000012",
        organisationName: "Hackney",
        contactPhone: null,
      },
    ]);
    expect(sim.requests()).toContain("9434765919");
  });

  it("answers no plans for an NHS number CP-IS does not hold", async () => {
    sim.setMode("ok");
    expect(await client().plansFor("9000000009")).toEqual([]);
  });

  it("gives up after the timeout when CP-IS hangs", async () => {
    sim.setMode("hang");
    await expect(client().plansFor("9434765919")).rejects.toMatchObject({ reason: "TIMEOUT" });
  });

  it("reports an HTTP error and an answer that is not a Bundle as such", async () => {
    sim.setMode("error");
    await expect(client().plansFor("9434765919")).rejects.toMatchObject({ reason: "HTTP_ERROR" });
    sim.setMode("garbage");
    await expect(client().plansFor("9434765919")).rejects.toBeInstanceOf(ConnectorError);
  });

  it("reports an unreachable service without waiting for the timeout", async () => {
    const c = createCpisClient({ baseUrl: "http://127.0.0.1:1", timeoutMs: 5000 });
    await expect(c.plansFor("9434765919")).rejects.toMatchObject({ reason: "UNREACHABLE" });
  });

  it("opens the circuit after repeated failures and stops calling", async () => {
    sim.setMode("error");
    const c = createCpisClient({ baseUrl: sim.url, timeoutMs: 300, failureThreshold: 2 });
    await c.plansFor("9434765919").catch(() => undefined);
    await c.plansFor("9434765919").catch(() => undefined);
    const asked = sim.requests().length;
    await expect(c.plansFor("9434765919")).rejects.toMatchObject({ reason: "CIRCUIT_OPEN" });
    expect(sim.requests().length).toBe(asked);
  });
});

describe("mapping a CP-IS Bundle", () => {
  const bundle = (plans: Parameters<typeof cpisBundle>[1]) =>
    fhirBundle.parse(cpisBundle("9434765919", plans));
  const plan = {
    planType: "UCPP" as const,
    active: true,
    start: "2026-11-01",
    odsCode: "E09000025",
    authority: "Newham",
  };

  it("maps an unborn child protection plan", () => {
    expect(mapCpisBundle(bundle([plan]), "9434765919")[0]).toMatchObject({
      planType: "UCPP",
      status: "ACTIVE",
    });
  });

  it("ignores plans of another patient's NHS number", () => {
    expect(mapCpisBundle(bundle([plan]), "9434765870")).toEqual([]);
  });

  it("leaves out flags entered in error and unknown plan types", () => {
    const raw = cpisBundle("9434765919", [plan, { ...plan, start: "2026-01-01" }]) as {
      entry: Array<{ resource: Record<string, unknown> }>;
    };
    raw.entry[1]!.resource["status"] = "entered-in-error";
    (raw.entry[2]!.resource["code"] as { coding: Array<{ code: string }> }).coding[0]!.code = "XYZ";
    expect(mapCpisBundle(fhirBundle.parse(raw), "9434765919")).toEqual([]);
  });
});
