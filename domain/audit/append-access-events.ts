// Appends access events to the hash chain inside a Prisma transaction: for a change that must be
// audited in its own transaction (consent, rejected events, front door actions), and for the
// first append of a chain, which the one-statement append (append-one-statement.ts) leaves to
// this path. The head is read from its anchor (chain-anchor.ts) with the anchor row locked (FOR
// UPDATE), which is what every writer of the chain, here or in one statement, waits on; the
// advisory lock serialises the appends that find no anchor yet. The transaction moves the anchor
// on to the last event it adds.
import { Prisma, type Db, type Tx } from "#db/client.ts";
import { GENESIS_HASH } from "./chain-hash.ts";
import { readAnchor, writeAnchorInTx, type ChainHead } from "./chain-anchor.ts";
import { appendTime, chainRows, type NewAccessEvent } from "./chain-rows.ts";

export type { NewAccessEvent } from "./chain-rows.ts";

/** Arbitrary constant naming "the access event chain" among advisory locks. */
const CHAIN_LOCK_KEY = 4_240_611_301;

/** Appends in a transaction of its own; resolves to the chain's new head. */
export async function appendAccessEvents(
  db: Db,
  key: string,
  events: readonly NewAccessEvent[],
): Promise<ChainHead | undefined> {
  if (events.length === 0) return undefined;
  return db.$transaction((tx) => appendAccessEventsInTx(tx, key, events));
}

/** For callers that must write the event in the same transaction as the change it records. */
export async function appendAccessEventsInTx(
  tx: Tx,
  key: string,
  events: readonly NewAccessEvent[],
): Promise<ChainHead | undefined> {
  if (events.length === 0) return undefined;
  await tx.$executeRaw`SELECT 1 FROM pg_advisory_xact_lock(${CHAIN_LOCK_KEY}::bigint)`;
  const start = (await readAnchor(tx, { lock: true })) ?? (await unanchoredHead(tx));
  const { rows, head } = chainRows(key, start, events, appendTime());
  const values = rows.map(
    (r) => Prisma.sql`(${r.seq}::bigint, ${r.id}::uuid, ${r.at}::timestamptz, ${r.personId}::uuid,
      ${r.actor}, ${r.role}, ${r.purpose}, ${r.legalBasis},
      ${[...r.disclosed]}::text[], ${[...r.withheld]}::text[], ${r.policyVersion}::int,
      ${[...r.criteria]}::text[], ${r.resultCount}::int, ${r.prevHash}, ${r.hash})`,
  );
  // one multi-row INSERT (raw: no per-call query compilation)
  await tx.$executeRaw`
    INSERT INTO "AccessEvent" (seq, id, at, "personId", actor, role, purpose, "legalBasis",
                               disclosed, withheld, "policyVersion", criteria, "resultCount",
                               "prevHash", hash)
    VALUES ${Prisma.join(values)}`;
  await writeAnchorInTx(tx, key, head);
  return head;
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
