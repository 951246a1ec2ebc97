// Finding 14: the development default listened on 0.0.0.0 and signed with a development secret
// that is in the source, without a word. Now it listens on 127.0.0.1 unless HOST is set, and
// says once at start-up that it signs with the development secret.
import net from "node:net";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createTestDatabase, type TestDatabase } from "../../support/database.ts";
import { TEST_AUDIT_CHAIN_KEY } from "../../support/hub.ts";
import { startCapturedHub, type CapturedHub } from "./hub-output.ts";
import { waitUntil } from "../ingestion/kafka-helpers.ts";

/** This machine's addresses that are not loopback (where a network caller would connect). */
const outwardAddresses = () =>
  Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && a.family === "IPv4" && !a.internal)
    .map((a) => a!.address);

const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

const listening = (hub: CapturedHub) =>
  hub
    .output()
    .split("\n")
    .filter((l) => l.includes('"msg":"hub listening"'))
    .map((l) => JSON.parse(l) as { host: string; port: number });

describe("a development hub", () => {
  let database: TestDatabase;
  let hub: CapturedHub;
  beforeAll(async () => {
    database = await createTestDatabase();
    // no AUTH_* variable: the development secret signs and checks tokens
    hub = await startCapturedHub({
      NODE_ENV: "development",
      DATABASE_URL: database.runtimeUrl,
      AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
    });
    await waitUntil(async () => listening(hub).length > 0, "the listening line", 30_000);
  });
  afterAll(async () => {
    await hub?.stop();
    await database?.drop();
  });

  it("listens on 127.0.0.1 only: not reachable from the network", async () => {
    expect(listening(hub)[0]?.host).toBe("127.0.0.1");
    expect(await connects("127.0.0.1", hub.port)).toBe(true);
    for (const address of outwardAddresses()) {
      expect(await connects(address, hub.port)).toBe(false);
    }
  });

  it("says once, at start-up, that it signs with the development secret", () => {
    const warnings = hub
      .output()
      .split("\n")
      .filter((l) => l.includes("built-in development secret"));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40 });
  });
});

describe("a hub told HOST=0.0.0.0", () => {
  let database: TestDatabase;
  let hub: CapturedHub;
  beforeAll(async () => {
    database = await createTestDatabase();
    hub = await startCapturedHub({
      NODE_ENV: "development",
      HOST: "0.0.0.0",
      DATABASE_URL: database.runtimeUrl,
      AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
    });
    await waitUntil(async () => listening(hub).length > 0, "the listening line", 30_000);
  });
  afterAll(async () => {
    await hub?.stop();
    await database?.drop();
  });

  it("listens where it is told", () => {
    expect(listening(hub)[0]?.host).toBe("0.0.0.0");
  });
});
