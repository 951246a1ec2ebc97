// Long-running parts of a hub process besides HTTP: Kafka consumers, the outbox relay, the alert
// e-mail worker. Each is started after the HTTP server and stopped before the database closes.
import type { Services } from "./services.ts";
import type { KafkaClient } from "../kafka/client.ts";

export interface Worker {
  name: string;
  start(): Promise<void>;
  /** Finishes what is in hand, commits, then lets go. */
  stop(): Promise<void>;
  /** For /readyz. */
  ready(): boolean;
}

export function createWorkers(_services: Services, _kafka: KafkaClient | undefined): Worker[] {
  return [];
}
