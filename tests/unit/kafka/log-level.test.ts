import { createRequire } from "node:module";
import { describe, expect, it } from "@jest/globals";
import { logLevel } from "kafkajs";
import { EXPECTED_RETRIES, kafkaLogLevel } from "#kafka/log-level.ts";

// kafkajs's own table of broker errors, so that the texts matched are the ones it logs.
const { errorCodes } = createRequire(import.meta.url)("kafkajs/src/protocol/error.js") as {
  errorCodes: Array<{ type: string; message: string; retriable: boolean }>;
};
const text = (type: string) => errorCodes.find((e) => e.type === type)?.message;

describe("kafkajs log entries in the hub's log", () => {
  it.each([
    "GROUP_LOAD_IN_PROGRESS",
    "GROUP_COORDINATOR_NOT_AVAILABLE",
    "NOT_COORDINATOR_FOR_GROUP",
    "LEADER_NOT_AVAILABLE",
    "UNKNOWN_TOPIC_OR_PARTITION",
    "REBALANCE_IN_PROGRESS",
  ])("a retried %s response while starting is debug, not error", (type) => {
    const error = text(type);
    expect(error).toBeDefined();
    expect(EXPECTED_RETRIES).toContain(error);
    const entry = { message: "Response GroupCoordinator(key: 10, version: 2)", error };
    expect(kafkaLogLevel(logLevel.ERROR, entry)).toBe("debug");
  });

  it("the default-partitioner notice is debug and a rebalance is info", () => {
    const notice =
      'KafkaJS v2.0.0 switched default partitioner. To retain the same partitioning behavior as in previous versions, create the producer with the option "createPartitioner: Partitioners.LegacyPartitioner".';
    expect(kafkaLogLevel(logLevel.WARN, { message: notice })).toBe("debug");
    expect(kafkaLogLevel(logLevel.WARN, { message: "The group is rebalancing, re-joining" })).toBe(
      "info",
    );
  });

  it("other errors and warnings keep their level", () => {
    expect(
      kafkaLogLevel(logLevel.ERROR, {
        message: "Failed to connect to seed broker, trying another broker from the list",
        error: "Connection error: connect ECONNREFUSED 127.0.0.1:1",
      }),
    ).toBe("error");
    expect(
      kafkaLogLevel(logLevel.ERROR, {
        message: "Response Produce(key: 0, version: 7)",
        error: text("MESSAGE_TOO_LARGE"),
      }),
    ).toBe("error");
    expect(kafkaLogLevel(logLevel.WARN, { message: "Something unexpected" })).toBe("warn");
  });
});
