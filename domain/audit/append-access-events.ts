// Appends access events to the hash chain. Appends are serialised with a transaction-scoped
// advisory lock; each event's prevHash is the hash of the event before it, starting from the
// head anchored outside the table (chain-anchor.ts), which the same transaction moves on.
import { randomUUID } from "node:crypto";
import { Prisma, type Db, type Tx } from "#db/client.ts";
import { GENESIS_HASH, chainHash, type ChainedFields } from "./chain-hash.ts";
import { readAnchor, writeAnchorInTx, type ChainHead } from "./chain-anchor.ts";

/** Arbitrary constant naming "the access event chain" among advisory locks. */
const CHAIN_LOCK_KEY = 4_240_611_301;

export interface NewAccessEvent {
  /** The child the event is about; null for a search or a rejected event reviewed. */
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

export async function appendAccessEvents(
  db: Db,
  key: string,
  events: readonly NewAccessEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await db.$transaction((tx) => appendAccessEventsInTx(tx, key, events));
}

/** For callers that must write the event in the same transaction as the change it records. */
export async function appendAccessEventsInTx(
  tx: Tx,
  key: string,
  events: readonly NewAccessEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.$executeRaw`SELECT 1 FROM pg_advisory_xact_lock(${CHAIN_LOCK_KEY}::bigint)`;
  const start = (await readAnchor(tx)) ?? (await unanchoredHead(tx));
  let prevHash = start.headHash;
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
    const hash = chainHash(key, prevHash, fields);
    const row = Prisma.sql`(${fields.id}::uuid, ${at}::timestamptz, ${fields.personId}::uuid,
      ${fields.actor}, ${fields.role}, ${fields.purpose}, ${fields.legalBasis},
      ${[...fields.disclosed]}::text[], ${[...fields.withheld]}::text[], ${fields.policyVersion}::int,
      ${[...fields.criteria]}::text[], ${fields.resultCount}::int, ${prevHash}, ${hash})`;
    prevHash = hash;
    return row;
  });
  // one multi-row INSERT (raw: no per-call query compilation): seq is assigned in row order, so
  // the chain order is the insert order
  const inserted = await tx.$queryRaw<Array<{ seq: bigint }>>`
    INSERT INTO "AccessEvent" (id, at, "personId", actor, role, purpose, "legalBasis",
                               disclosed, withheld, "policyVersion", criteria, "resultCount",
                               "prevHash", hash)
    VALUES ${Prisma.join(rows)}
    RETURNING seq`;
  const headSeq = inserted.reduce((max, r) => (r.seq > max ? r.seq : max), start.headSeq);
  await writeAnchorInTx(tx, key, {
    count: start.count + BigInt(events.length),
    headSeq,
    headHash: prevHash,
  });
}

/** Before the first anchor: the chain as the table holds it (empty on a new database). */
async function unanchoredHead(tx: Tx): Promise<ChainHead> {
  const rows = await tx.$queryRaw<Array<{ seq: bigint; hash: string; count: bigint }>>`
    SELECT seq, hash, (SELECT count(*) FROM "AccessEvent") AS count
      FROM "AccessEvent" ORDER BY seq DESC LIMIT 1`;
  const last = rows[0];
  return last
    ? { count: BigInt(last.count), headSeq: BigInt(last.seq), headHash: last.hash }
    : { count: 0n, headSeq: 0n, headHash: GENESIS_HASH };
}
