// Counting what a test's database holds, with a plain pg client (not the hub's).
import pg from "pg";

export async function countRows(
  url: string,
): Promise<{ inbound: number; rejected: number; rejectedByReason: Record<string, number> }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const inbound = await c.query<{ n: string }>(`SELECT count(*) AS n FROM "InboundEvent"`);
    const rejected = await c.query<{ reason: string; n: string }>(
      `SELECT reason, count(*) AS n FROM "RejectedEvent" WHERE via = 'KAFKA' GROUP BY reason`,
    );
    const rejectedByReason = Object.fromEntries(rejected.rows.map((r) => [r.reason, Number(r.n)]));
    return {
      inbound: Number(inbound.rows[0]?.n ?? 0),
      rejected: Object.values(rejectedByReason).reduce((a, b) => a + b, 0),
      rejectedByReason,
    };
  } finally {
    await c.end();
  }
}
