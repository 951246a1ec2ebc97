// OVERDUE (front-door.md "Decision timescales"): a contact that passes its dueBy undecided raises
// one alert to MASH managers, once. Every hub runs the worker; the claim is one UPDATE … WHERE
// "overdueAlertedAt" IS NULL over rows taken FOR UPDATE SKIP LOCKED, in the transaction that
// raises the alerts, so two replicas never alert the same contact (and the alert's own unique
// key (notification, recipient, stage) would refuse a second one anyway).
import { Prisma, type Db } from "#db/client.ts";
import type { Logger } from "#logging/logger.ts";
import type { Worker } from "#runtime/worker.ts";
import { raiseAlerts } from "#alerts/raise-alerts.ts";
import { ROLE_MASH_MANAGER } from "#alerts/recipients.ts";
import { isRag } from "#rag/index.ts";

/**
 * The one definition of "undecided" for the overdue check: no decision recorded (front-door.md:
 * every contact, screened or not, is decided with `decide`).
 */
export const undecided = (alias: string): Prisma.Sql =>
  Prisma.raw(`NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."notificationId" = ${alias}."id")`);

const BATCH = 100;

/** Alerts MASH managers about contacts overdue at `now`; returns how many it alerted. */
export async function alertOverdueContacts(db: Db, now: Date = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<Array<{ id: string; personId: string; rag: string }>>`
      UPDATE "MashNotification" n SET "overdueAlertedAt" = ${now}
       WHERE n."id" IN (
               SELECT c."id" FROM "MashNotification" c
                WHERE c."dueBy" < ${now} AND c."overdueAlertedAt" IS NULL AND ${undecided("c")}
                ORDER BY c."dueBy", c."id"
                LIMIT ${BATCH}
                FOR UPDATE SKIP LOCKED)
         AND n."overdueAlertedAt" IS NULL
      RETURNING n."id"::text AS "id", n."personId"::text AS "personId",
                coalesce(n."rag", n."proposedRag") AS "rag"`;
    for (const row of claimed) {
      await raiseAlerts(
        tx,
        { id: row.id, childId: row.personId },
        "OVERDUE",
        [{ recipient: ROLE_MASH_MANAGER, email: undefined, channels: ["IN_APP"] }],
        isRag(row.rag) ? row.rag : "AMBER",
      );
    }
    return claimed.length;
  });
}

export function createOverdueWorker(deps: { db: Db; logger: Logger; pollMs: number }): Worker {
  const log = deps.logger.child({ component: "overdue" });
  type State = "IDLE" | "RUNNING" | "STOPPING";
  let state: State = "IDLE";
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function loop() {
    while (state === "RUNNING") {
      let n = 0;
      try {
        n = await alertOverdueContacts(deps.db);
        if (n > 0) log.info({ alerted: n }, "overdue contacts alerted");
      } catch (err) {
        log.error({ err: err instanceof Error ? err.message : String(err) }, "overdue pass failed");
      }
      if (n === BATCH) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, deps.pollMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    name: "overdue-alerts",
    async start() {
      state = "RUNNING";
      running = loop();
    },
    async stop() {
      state = "STOPPING";
      wake?.();
      await running;
    },
    ready: () => true,
  };
}
