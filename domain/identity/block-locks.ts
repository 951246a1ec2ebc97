// The identity block locks: a transaction that may create a child first takes, in one order for
// everyone, a transaction advisory lock per block its subjects read (blocks.ts blockLockKeys), so
// that two transactions that could each make a child of one person — two batches, or a batch and
// a referral — run one after the other and the second finds the first's child.
import type { SqlTx } from "#db/sql-tx.ts";
import { blockArms, blockLockKeys, type BlockQuery } from "./blocks.ts";

/** Advisory-lock namespace of "reading an identity block to create a child". */
export const BLOCK_LOCK = 7_302;

/** Takes the block locks of these subjects; held until the transaction ends. */
export async function lockBlocks(tx: SqlTx, subjects: readonly BlockQuery[]): Promise<void> {
  const keys = [...new Set(subjects.flatMap((s) => blockLockKeys(blockArms(s))))];
  if (keys.length === 0) return;
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(${BLOCK_LOCK}::int, k.h))
      FROM (SELECT DISTINCT hashtext(key) AS h FROM unnest(${keys}::text[]) key ORDER BY 1) k`;
}
