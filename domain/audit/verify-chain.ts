// Walks the access event chain in order and recomputes every keyed hash, then checks the chain
// against its anchor. Finds a row changed after it was written (HASH_MISMATCH: its HMAC no
// longer matches, and without AUDIT_CHAIN_KEY nobody can make it match), a row removed
// (BROKEN_LINK: the next one's prevHash no longer names the one before it), events missing at
// the end (TRUNCATED: the chain does not reach the anchored head and count), and an anchor that
// is missing (UNANCHORED) or not signed with the key (ANCHOR_FORGED).
import type { Db } from "#db/client.ts";
import { GENESIS_HASH, chainHash } from "./chain-hash.ts";
import { anchorIsSigned, readAnchor, ANCHOR_SCHEMA, type StoredAnchor } from "./chain-anchor.ts";

export type ChainProblem =
  "HASH_MISMATCH" | "BROKEN_LINK" | "TRUNCATED" | "UNANCHORED" | "ANCHOR_FORGED";

export type ChainReport =
  | { ok: true; checked: number; anchored: { count: string; headSeq: string } | null }
  | {
      ok: false;
      checked: number;
      problem: ChainProblem;
      /** The first row found wrong (absent for problems of the chain as a whole). */
      seq?: string;
      id?: string;
      detail: string;
    };

export async function verifyAccessChain(
  db: Db,
  key: string,
  batchSize = 1000,
): Promise<ChainReport> {
  // the anchor first: rows appended while we walk only add to what it names
  const anchor = (await anchorTableExists(db)) ? await readAnchor(db) : undefined;
  if (anchor && !anchorIsSigned(key, anchor)) {
    return {
      ok: false,
      checked: 0,
      problem: "ANCHOR_FORGED",
      detail: "the anchored head is not signed with this AUDIT_CHAIN_KEY",
    };
  }
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let atHead: { count: number; hash: string } | undefined;
  let after: bigint | undefined;
  for (;;) {
    const rows = await db.accessEvent.findMany({
      where: after === undefined ? {} : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    for (const r of rows) {
      const at = { seq: r.seq.toString(), id: r.id, checked };
      if (r.prevHash !== prevHash) {
        return {
          ok: false,
          ...at,
          problem: "BROKEN_LINK",
          detail: "the event before this one is missing or was changed",
        };
      }
      const expected = chainHash(key, prevHash, {
        id: r.id,
        at: r.at,
        personId: r.personId,
        actor: r.actor,
        role: r.role,
        purpose: r.purpose,
        legalBasis: r.legalBasis,
        disclosed: r.disclosed,
        withheld: r.withheld,
        policyVersion: r.policyVersion,
        criteria: r.criteria,
        resultCount: r.resultCount,
      });
      if (expected !== r.hash) {
        return {
          ok: false,
          ...at,
          problem: "HASH_MISMATCH",
          detail: "this event is not as it was written (or was not written with this key)",
        };
      }
      prevHash = r.hash;
      checked++;
      if (anchor && r.seq === anchor.headSeq) atHead = { count: checked, hash: r.hash };
    }
    after = rows[rows.length - 1]?.seq;
  }
  if (!anchor) {
    return checked === 0
      ? { ok: true, checked, anchored: null }
      : {
          ok: false,
          checked,
          problem: "UNANCHORED",
          detail: "there are access events but no anchored head to check them against",
        };
  }
  const truncated = truncation(anchor, atHead);
  if (truncated) return { ok: false, checked, problem: "TRUNCATED", detail: truncated };
  return {
    ok: true,
    checked,
    anchored: { count: anchor.count.toString(), headSeq: anchor.headSeq.toString() },
  };
}

function truncation(
  anchor: StoredAnchor,
  atHead: { count: number; hash: string } | undefined,
): string | undefined {
  if (anchor.count === 0n) return undefined;
  if (!atHead) return `the anchored head (event seq ${anchor.headSeq}) is missing`;
  if (atHead.hash !== anchor.headHash) return "the event at the anchored head was replaced";
  if (BigInt(atHead.count) !== anchor.count) {
    return `${anchor.count} events were anchored up to seq ${anchor.headSeq}; ${atHead.count} are there`;
  }
  return undefined;
}

async function anchorTableExists(db: Db): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<Array<{ t: string | null }>>(
    `SELECT to_regclass('${ANCHOR_SCHEMA}.chain_head')::text AS t`,
  );
  return !!rows[0]?.t;
}
