// Appends access events to the hash chain. Appends are serialised with a transaction-scoped
// advisory lock, so each event's prevHash is the hash of the event before it.
import { randomUUID } from "node:crypto";
import { Prisma, type Db, type Tx } from "#db/client.ts";
import { GENESIS_HASH, chainHash, type ChainedFields } from "./chain-hash.ts";

/** Arbitrary constant naming "the access event chain" among advisory locks. */
const CHAIN_LOCK_KEY = 4_240_611_301;

export interface NewAccessEvent {
  /** The child the event is about; null for a search. */
  personId: string | null;
  actor: string;
  role: string;
  purpose: string | undefined;
  legalBasis: string | undefined;
  disclosed: readonly string[];
  withheld: readonly string[];
  policyVersion: number;
  /** A search's criteria, by name (absent for a disclosure). */
  criteria?: readonly string[];
  /** A search's result count (absent for a disclosure). */
  resultCount?: number;
}

export async function appendAccessEvents(db: Db, events: readonly NewAccessEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.$transaction((tx) => appendAccessEventsInTx(tx, events));
}

/** For callers that must write the event in the same transaction as the change it records. */
export async function appendAccessEventsInTx(
  tx: Tx,
  events: readonly NewAccessEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.$executeRaw`SELECT 1 FROM pg_advisory_xact_lock(${CHAIN_LOCK_KEY}::bigint)`;
  const last = await tx.$queryRaw<Array<{ hash: string }>>`
    SELECT hash FROM "AccessEvent" ORDER BY seq DESC LIMIT 1`;
  let prevHash = last[0]?.hash ?? GENESIS_HASH;
  // one timestamp, at millisecond precision (the column's), so the hash reproduces exactly
  const at = new Date(Math.floor(Date.now()));
  const rows = events.map((e) => {
    const fields: ChainedFields = {
      id: randomUUID(),
      at,
      personId: e.personId,
      actor: e.actor,
      role: e.role,
      purpose: e.purpose ?? null,
      legalBasis: e.legalBasis ?? null,
      disclosed: [...e.disclosed].sort(),
      withheld: [...e.withheld].sort(),
      policyVersion: e.policyVersion,
      criteria: [...(e.criteria ?? [])].sort(),
      resultCount: e.resultCount ?? null,
    };
    const hash = chainHash(prevHash, fields);
    const row = Prisma.sql`(${fields.id}::uuid, ${at}::timestamptz, ${fields.personId}::uuid,
      ${fields.actor}, ${fields.role}, ${fields.purpose}, ${fields.legalBasis},
      ${[...fields.disclosed]}::text[], ${[...fields.withheld]}::text[], ${fields.policyVersion}::int,
      ${[...fields.criteria]}::text[], ${fields.resultCount}::int, ${prevHash}, ${hash})`;
    prevHash = hash;
    return row;
  });
  // one multi-row INSERT (raw: no per-call query compilation): seq is assigned in row order, so
  // the chain order is the insert order
  await tx.$executeRaw`
    INSERT INTO "AccessEvent" (id, at, "personId", actor, role, purpose, "legalBasis",
                               disclosed, withheld, "policyVersion", criteria, "resultCount",
                               "prevHash", hash)
    VALUES ${Prisma.join(rows)}`;
}
