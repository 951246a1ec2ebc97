// The hot append: a batch of access events in ONE statement (one round trip, its own implicit
// transaction). The chain is computed in Node (the key never reaches the database) from the head
// the writer believes current; the statement moves the anchor from that head to the new one as a
// compare-and-set (an UPDATE whose WHERE names the expected head: under READ COMMITTED it waits
// for any other writer holding the anchor row and re-checks against the committed version) and
// inserts the rows only if the anchor moved. So two writers — two hub replicas, or this one and
// a consent change in a transaction — can never both chain from one head: the loser inserts
// nothing and is told the head it lost to, to compute again from.
import type { Sql, Statement } from "#db/client.ts";
import { anchorSignature, ANCHOR_SCHEMA, type ChainHead } from "./chain-anchor.ts";
import { appendTime, chainRows, type NewAccessEvent } from "./chain-rows.ts";

const APPEND: Statement = {
  name: "audit.append-cas",
  text: `
  WITH moved AS (
    UPDATE ${ANCHOR_SCHEMA}.chain_head
       SET event_count = $4::bigint, head_seq = $5::bigint, head_hash = $6, signature = $7,
           at = now()
     WHERE id = 1 AND event_count = $1::bigint AND head_seq = $2::bigint AND head_hash = $3
    RETURNING 1
  ), added AS (
    INSERT INTO "AccessEvent" (seq, id, at, "personId", actor, role, purpose, "legalBasis",
                               disclosed, withheld, "policyVersion", criteria, "resultCount",
                               "prevHash", hash)
    SELECT r.seq, r.id, r.at, r."personId", r.actor, r.role, r.purpose, r."legalBasis",
           r.disclosed, r.withheld, r."policyVersion", r.criteria, r."resultCount",
           r."prevHash", r.hash
      FROM json_to_recordset($8::json) AS r(seq bigint, id uuid, at timestamptz, "personId" uuid,
             actor text, role text, purpose text, "legalBasis" text, disclosed text[],
             withheld text[], "policyVersion" int, criteria text[], "resultCount" int,
             "prevHash" text, hash text)
     WHERE EXISTS (SELECT 1 FROM moved)
     ORDER BY r.seq
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM added)::int AS added,
         h.event_count::text AS "count", h.head_seq::text AS "headSeq", h.head_hash AS "headHash"
    FROM (SELECT 1) one LEFT JOIN ${ANCHOR_SCHEMA}.chain_head h ON h.id = 1`,
};

const READ_HEAD: Statement = {
  name: "audit.read-head",
  text: `SELECT event_count::text AS "count", head_seq::text AS "headSeq", head_hash AS "headHash"
           FROM ${ANCHOR_SCHEMA}.chain_head WHERE id = 1`,
};

interface HeadRow {
  count: string | null;
  headSeq: string | null;
  headHash: string | null;
}

const toHead = (r: HeadRow | undefined): ChainHead | undefined =>
  r?.count != null && r.headSeq != null && r.headHash != null
    ? { count: BigInt(r.count), headSeq: BigInt(r.headSeq), headHash: r.headHash }
    : undefined;

export type AppendOutcome =
  | { appended: true; head: ChainHead }
  /** Another writer moved the head (the one found, possibly already stale), or none exists. */
  | { appended: false; head: ChainHead | undefined };

/** The anchored head as committed now; undefined before the first append. */
export async function readHead(sql: Sql): Promise<ChainHead | undefined> {
  return toHead((await sql.query<HeadRow>(READ_HEAD, []))[0]);
}

/** Appends the events after `expected`, if that is still the anchored head. */
export async function appendOneStatement(
  sql: Sql,
  key: string,
  expected: ChainHead,
  events: readonly NewAccessEvent[],
): Promise<AppendOutcome> {
  const { rows, head } = chainRows(key, expected, events, appendTime());
  const json = JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  const [r] = await sql.query<HeadRow & { added: number }>(APPEND, [
    expected.count.toString(),
    expected.headSeq.toString(),
    expected.headHash,
    head.count.toString(),
    head.headSeq.toString(),
    head.headHash,
    anchorSignature(key, head),
    json,
  ]);
  if (r && r.added === rows.length) return { appended: true, head };
  if (r && r.added !== 0) {
    // cannot happen (one statement, one transaction): refuse rather than guess
    throw new Error(`audit append wrote ${r.added} of ${rows.length} events`);
  }
  return { appended: false, head: toHead(r) };
}
