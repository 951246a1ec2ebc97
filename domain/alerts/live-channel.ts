// Live delivery across replicas through PostgreSQL LISTEN/NOTIFY: the transaction that raises an
// in-app alert NOTIFYs its id, which PostgreSQL delivers to every listening hub only on commit.
import type { Tx } from "#db/client.ts";

export const ALERT_CHANNEL = "mash_alert_raised";

export async function notifyAlertRaised(tx: Tx, alertId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${ALERT_CHANNEL}, ${alertId})`;
}
