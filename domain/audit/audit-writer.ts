// Group commit for the access event chain. Responses finishing at the same time hand their
// events to one writer, which appends them all in one transaction (one chain lock, one read of
// the previous hash, one multi-row insert) and then settles every caller's promise: fulfilled
// once their events are committed, rejected if the batch failed (the audit still fails closed).
import type { Db } from "#db/client.ts";
import { appendAccessEvents, type NewAccessEvent } from "./append-access-events.ts";

interface Pending {
  events: readonly NewAccessEvent[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface AuditWriter {
  append(events: readonly NewAccessEvent[]): Promise<void>;
}

export function createAuditWriter(db: Db, key: string, maxBatch = 200): AuditWriter {
  const queue: Pending[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) {
        const batch: Pending[] = [];
        let count = 0;
        while (
          queue.length > 0 &&
          (batch.length === 0 || count + queue[0]!.events.length <= maxBatch)
        ) {
          const p = queue.shift()!;
          batch.push(p);
          count += p.events.length;
        }
        try {
          await appendAccessEvents(
            db,
            key,
            batch.flatMap((p) => p.events),
          );
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      writing = false;
    }
  }

  return {
    append(events) {
      if (events.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ events, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
