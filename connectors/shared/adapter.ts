// What one agency gives the hub (connectors/README.md). Each agency's index.ts exports one
// adapter; connectors/registry.ts lists them, and the consumers, the topic list, validation,
// storage and the `agency` claim of a token are all derived from that list.
import type { z } from "zod";
import type { SqlTx } from "#db/sql-tx.ts";
import type { AgencyName } from "#auth/viewer.ts";
import type { RecordContext } from "./stored-record.ts";
import type { PullClientOptions } from "./pull-client.ts";
import type { RowWrite } from "./upsert-row.ts";

/**
 * `row`, `household` and `pull.store` are methods, so an adapter of one payload type is also an
 * `AgencyAdapter` (of unknown payload) in the registry's list; ingestion hands each adapter only
 * payloads its own schema has parsed.
 */
export interface AgencyAdapter<Payload = unknown, Pulled = unknown, Client = unknown> {
  /** The envelope's `source` (a value of the database's `Agency` enum). */
  readonly source: AgencyName;
  /** The Kafka topic it pushes to, without the configured prefix, e.g. agency.police.v1. */
  readonly topic: string;
  /** The envelope's `type` for its events, e.g. police.merlin.v1. */
  readonly eventType: string;
  /** The zod schema of its events' payload (contract: events.md). */
  readonly payload: z.ZodType<Payload>;
  /** Payload fields holding instants that cannot be later than now (plus the clock-skew allowance). */
  readonly notInFuture?: readonly string[];
  /** The tables its writers fill, so that a child's rows follow it when two records merge. */
  readonly tables: readonly AgencyTable[];
  /**
   * The row a validated event's payload is stored as (its table's one shape); ingestion writes the
   * rows of a whole batch with one statement per table (connectors/shared/upsert-rows.ts).
   */
  row(record: RecordContext, payload: Payload): RowWrite;
  /** What the event says about the child's household, applied by domain/household after store. */
  readonly household?: HouseholdLinks<Payload>;
  /** For an agency the hub also asks on demand: its client, and the same writer for the answer. */
  readonly pull?: PullSide<Pulled, Client>;
}

export interface AgencyTable {
  name: string;
  /**
   * The columns of its unique key besides personId, when the key includes the child (a merge
   * then keeps the surviving child's row of the two); absent when rows cannot collide.
   */
  personKey?: readonly string[];
}

/** Pure data; the adapter only says what to link, domain/household does it. */
export interface HouseholdLinks<Payload> {
  /** The family the agency names: the child joins household `<source>:<familyId>`. */
  family?(payload: Payload): string;
  /**
   * Adults the agency names as the child's parents, under its own reference: they join household
   * `<source>:<reference>` with the child, and every family household the child is in.
   */
  parents?(payload: Payload): { reference: string; adults: NamedAdult[] };
}

export interface NamedAdult {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD, or null when the agency does not know it. */
  dateOfBirth: string | null;
}

export interface PullSide<Pulled, Client> {
  createClient(options: PullClientOptions): Client;
  /** Stores what the client answered for one child, with the writer pushed events use. */
  store(tx: SqlTx, personId: string, rows: readonly Pulled[], fetchedAt: Date): Promise<void>;
}
