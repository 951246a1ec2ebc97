import { Writable } from "node:stream";
import { describe, expect, it } from "@jest/globals";
import { Prisma } from "#db/client.ts";
import { createLogger } from "#logging/logger.ts";
import { serializeError } from "#logging/serialize-error.ts";

const SECRET = "Amelia Jones 9434765919";

/** A logger writing to a string, for reading back what a line holds. */
function capture() {
  let out = "";
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  return { log: createLogger("debug", {}, sink), read: () => out };
}

describe("what a log line says about an error", () => {
  it("a Prisma error: its name, code and model, never its message, meta or the first line of its stack", () => {
    const error = new Prisma.PrismaClientKnownRequestError(
      `Invalid invocation: { data: "${SECRET}" }`,
      {
        code: "P2002",
        clientVersion: "6.19.3",
        meta: { modelName: "ConsentRecord", target: ["justification"], detail: SECRET },
      },
    );
    const { log, read } = capture();
    log.error({ err: error }, "failed");
    expect(read()).not.toContain("Amelia");
    expect(serializeError(error)).toMatchObject({
      type: "PrismaClientKnownRequestError",
      code: "P2002",
      modelName: "ConsentRecord",
    });
  });

  it("a PostgreSQL error (as the pg driver gives it): code and SQLSTATE, no message or detail", () => {
    const error = Object.assign(new Error(`invalid input syntax for type date: "${SECRET}"`), {
      name: "error",
      code: "22007",
      detail: `Key (value)=(${SECRET}) already exists.`,
      severity: "ERROR",
    });
    const wrapped = Object.assign(new Error("wrapped"), {
      name: "DriverAdapterError",
      cause: { originalCode: "22007", originalMessage: SECRET, kind: "postgres" },
    });
    const { log, read } = capture();
    log.error({ err: error, cause: wrapped }, "failed");
    log.warn({ error: wrapped }, "failed again");
    expect(read()).not.toContain("Amelia");
    expect(serializeError(wrapped)).toMatchObject({
      type: "DriverAdapterError",
      cause: { sqlState: "22007", kind: "postgres" },
    });
  });

  it("keeps the message of errors that never quote data: our own, and the machine's", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
      syscall: "connect",
    });
    expect(serializeError(refused).message).toBe("connect ECONNREFUSED 127.0.0.1:5432");
    expect(serializeError(new TypeError("x is not a function")).message).toBe(
      "x is not a function",
    );
    expect(
      serializeError(new SyntaxError(`Unexpected token in "${SECRET}"`)).message,
    ).toBeUndefined();
  });
});
