// Group commit for the access event chain. Responses finishing at the same time hand their
// events to one writer, which appends them all in ONE statement (append-one-statement.ts) and
// then settles every caller's promise: fulfilled once their events are committed, rejected if
// the batch failed (the audit still fails closed). The writer remembers the head it last wrote;
// when another writer has moved it since (another replica, or a consent change in a transaction)
// the statement inserts nothing and says where the head is now, and the batch is chained again
// from there. The first append of a chain, and a batch that keeps losing the race, go through
// the locked transaction (append-access-events.ts), which always gets through.
import type { Db } from "#db/client.ts";
import { appendAccessEvents, type NewAccessEvent } from "./append-access-events.ts";
import { appendOneStatement, readHead } from "./append-one-statement.ts";
import type { ChainHead } from "./chain-anchor.ts";
import { createGroupQueue } from "#runtime/group-queue.ts";

export interface AuditWriter {
  append(events: readonly NewAccessEvent[]): Promise<void>;
}

/** Tries of the one statement before the locked transaction; each loss means another writer won. */
const ONE_STATEMENT_TRIES = 3;

export function createAuditWriter(db: Db, key: string, maxBatch = 200): AuditWriter {
  /** The head this writer last saw committed; a guess, checked by every append. */
  let head: ChainHead | undefined;

  async function write(events: readonly NewAccessEvent[]): Promise<void> {
    try {
      head ??= await readHead(db.sql);
      for (let i = 0; head && i < ONE_STATEMENT_TRIES; i++) {
        const outcome = await appendOneStatement(db.sql, key, head, events);
        head = outcome.head;
        if (outcome.appended) return;
      }
      head = await appendAccessEvents(db, key, events);
    } catch (error) {
      head = undefined; // read it again next time: whatever happened, it may have moved
      throw error;
    }
  }

  const enqueue = createGroupQueue<readonly NewAccessEvent[]>({
    flush: (responses) => write(responses.flat()),
    weigh: (events) => events.length,
    maxWeight: maxBatch,
  });

  return {
    append: (events) => (events.length === 0 ? Promise.resolve() : enqueue(events)),
  };
}
