// Creates the contract's topics on the broker in KAFKA_BROKERS (used by services:up).
import { createKafkaClient, ensureTopics } from "#kafka/client.ts";
import { ALL_TOPICS } from "#consumers/topic-names.ts";
import { createLogger } from "#logging/logger.ts";

const brokers = (process.env["KAFKA_BROKERS"] ?? "127.0.0.1:19092").split(",");
const client = createKafkaClient({ brokers, clientId: "mash-services-up" }, createLogger("warn"));
const deadline = Date.now() + 60_000;
for (;;) {
  try {
    await ensureTopics(client, ALL_TOPICS);
    break;
  } catch (error) {
    if (Date.now() > deadline) throw error;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
console.error(`services: topics ready (${ALL_TOPICS.length})`);
