// The chain's head, anchored outside the access event table: how many events there are, the
// seq and hash of the last, signed (HMAC-SHA256) with AUDIT_CHAIN_KEY. It is written in the
// same transaction as the events, by the hub's runtime role, into a table that role owns
// (schema audit_anchor); the owner of the access events has no right on it. So a table owner
// who deletes or truncates events — triggers disabled, hashes recomputed — leaves a chain that
// no longer reaches the anchored head, and cannot move the anchor back. Each append chains from
// the anchored head, not from the table's last row, so events added after a truncation do not
// hide it either: they link to an event that is no longer there.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db, Tx } from "#db/client.ts";

export const ANCHOR_SCHEMA = "audit_anchor";

export interface ChainHead {
  count: bigint;
  headSeq: bigint;
  headHash: string;
}

export interface StoredAnchor extends ChainHead {
  signature: string;
  at: Date;
}

export function anchorSignature(key: string, head: ChainHead): string {
  return createHmac("sha256", key)
    .update(`mash-audit-anchor:v1|${head.count}|${head.headSeq}|${head.headHash}`)
    .digest("hex");
}

export function anchorIsSigned(key: string, anchor: StoredAnchor): boolean {
  const expected = Buffer.from(anchorSignature(key, anchor), "hex");
  const given = Buffer.from(anchor.signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Makes the anchor table if it is not there (at start, as the runtime role). The schema is made
 * by whoever prepares the database (tools/scripts/database-roles.ts) with the runtime role as its
 * owner; where the runtime role may create schemas (one role for everything, the embedded
 * database) it is made here.
 */
export async function ensureAnchorTable(db: Db): Promise<void> {
  const schema = await db.$queryRaw<Array<{ one: number }>>`
    SELECT 1 AS one FROM pg_namespace WHERE nspname = ${ANCHOR_SCHEMA}`;
  if (schema.length === 0) {
    try {
      await db.$executeRawUnsafe(`CREATE SCHEMA IF NOT EXISTS ${ANCHOR_SCHEMA}`);
    } catch {
      throw new Error(
        `The audit anchor schema "${ANCHOR_SCHEMA}" is missing and the hub's database role may ` +
          `not create it: as a superuser run CREATE SCHEMA ${ANCHOR_SCHEMA} AUTHORIZATION <the ` +
          `role of DATABASE_URL> (npm run services:up does this for its databases)`,
      );
    }
  }
  await db.$executeRawUnsafe(`
    CREATE TABLE IF NOT EXISTS ${ANCHOR_SCHEMA}.chain_head (
      id smallint PRIMARY KEY CHECK (id = 1),
      event_count bigint NOT NULL,
      head_seq bigint NOT NULL,
      head_hash text NOT NULL,
      signature text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`);
}

interface AnchorRow {
  event_count: bigint;
  head_seq: bigint;
  head_hash: string;
  signature: string;
  at: Date;
}

/**
 * The anchored head, or undefined before the first event. `lock`: inside a transaction, hold the
 * anchor row (FOR UPDATE) until it ends, and read its latest committed version: what an append
 * does, so that no other writer moves the head between this read and its own anchor write.
 */
export async function readAnchor(
  db: Db | Tx,
  options: { lock?: boolean } = {},
): Promise<StoredAnchor | undefined> {
  const rows = await db.$queryRawUnsafe<AnchorRow[]>(
    `SELECT event_count, head_seq, head_hash, signature, at FROM ${ANCHOR_SCHEMA}.chain_head WHERE id = 1${options.lock ? " FOR UPDATE" : ""}`,
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    count: BigInt(r.event_count),
    headSeq: BigInt(r.head_seq),
    headHash: r.head_hash,
    signature: r.signature,
    at: r.at,
  };
}

export async function writeAnchorInTx(tx: Tx, key: string, head: ChainHead): Promise<void> {
  const signature = anchorSignature(key, head);
  await tx.$executeRawUnsafe(
    `INSERT INTO ${ANCHOR_SCHEMA}.chain_head (id, event_count, head_seq, head_hash, signature, at)
     VALUES (1, $1, $2, $3, $4, now())
     ON CONFLICT (id) DO UPDATE SET event_count = EXCLUDED.event_count,
       head_seq = EXCLUDED.head_seq, head_hash = EXCLUDED.head_hash,
       signature = EXCLUDED.signature, at = EXCLUDED.at`,
    head.count,
    head.headSeq,
    head.headHash,
    signature,
  );
}
