// Walks the access event chain in order and recomputes every hash. Finds a row changed after
// it was written (its hash no longer matches) and a row removed (the next one's prevHash no
// longer names the one before it).
import type { Db } from "#db/client.ts";
import { GENESIS_HASH, chainHash } from "./chain-hash.ts";

export type ChainProblem = "HASH_MISMATCH" | "BROKEN_LINK";

export type ChainReport =
  | { ok: true; checked: number }
  | { ok: false; checked: number; seq: string; id: string; problem: ChainProblem };

export async function verifyAccessChain(db: Db, batchSize = 1000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let after: bigint | undefined;
  for (;;) {
    const rows = await db.accessEvent.findMany({
      where: after === undefined ? {} : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      const at = { seq: r.seq.toString(), id: r.id, checked };
      if (r.prevHash !== prevHash) return { ok: false, ...at, problem: "BROKEN_LINK" };
      const expected = chainHash(prevHash, {
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
      if (expected !== r.hash) return { ok: false, ...at, problem: "HASH_MISMATCH" };
      prevHash = r.hash;
      checked++;
    }
    after = rows[rows.length - 1]?.seq;
  }
}
