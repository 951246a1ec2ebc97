// Live delivery across replicas through PostgreSQL LISTEN/NOTIFY: the transaction that raises an
// in-app alert NOTIFYs its id, which PostgreSQL delivers to every listening hub only on commit.
import type { SqlTx as Tx } from "#db/sql-tx.ts";

export const ALERT_CHANNEL = "mash_alert_raised";

/** One NOTIFY per alert, in one statement. */
export async function notifyAlertsRaised(tx: Tx, alertIds: readonly string[]): Promise<void> {
  if (alertIds.length === 0) return;
  await tx.$queryRaw`
    SELECT count(pg_notify(${ALERT_CHANNEL}, a.id)) FROM unnest(${alertIds}::text[]) AS a(id)`;
}
