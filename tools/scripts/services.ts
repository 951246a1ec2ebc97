// The local services (tools/scripts/services-up.sh) from TypeScript: starts or reuses them and
// returns the addresses the script prints. Used by the test suite's global setup and the bench.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "services-up.sh");

export interface LocalServices {
  /** The hub's own database on the local PostgreSQL; also an admin URL to create others. */
  databaseUrl: string;
  kafkaBrokers: string;
}

export function servicesUp(): LocalServices {
  const out = execFileSync("bash", [script], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const vars = new Map(
    out
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  const databaseUrl = vars.get("DATABASE_URL");
  const kafkaBrokers = vars.get("KAFKA_BROKERS");
  if (!databaseUrl || !kafkaBrokers)
    throw new Error("services:up did not report DATABASE_URL and KAFKA_BROKERS");
  return { databaseUrl, kafkaBrokers };
}
