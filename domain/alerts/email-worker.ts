// Sends alert e-mails. Alerts are persisted first; this worker, on every replica, claims due
// rows with FOR UPDATE SKIP LOCKED (so two replicas never take the same row), sends, and marks
// the row SENT in the same transaction that holds the claim. A failure is recorded with the
// next attempt time (exponential backoff, capped); the row stays PENDING until it goes.
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "#db/client.ts";
import type { Logger } from "#logging/logger.ts";
import type { Config } from "#config/index.ts";
import type { Worker } from "#runtime/worker.ts";
import { alertEmail } from "./email-message.ts";
import { MASH_DUTY } from "./recipients.ts";
import type { AlertBus } from "./live-bus.ts";

const BATCH = 5;

interface DueRow {
  id: string;
  notificationId: string;
  recipient: string;
  recipientEmail: string | null;
  rag: string;
  stage: string;
  emailAttempts: number;
  dueBy: Date;
  childId: string;
}

export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

export function createEmailWorker(deps: {
  db: Db;
  config: Config;
  logger: Logger;
  bus: AlertBus | undefined;
}): Worker {
  const { smtp } = deps.config;
  const consoleUrl = `${deps.config.console.publicUrl ?? `http://localhost:${deps.config.server.port}`}/console`;
  const log = deps.logger.child({ component: "alert-email" });
  let transporter: Transporter | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let offBus: (() => void) | undefined;

  async function sendDue(): Promise<number> {
    return deps.db.$transaction(
      async (tx) => {
        const due = await tx.$queryRaw<DueRow[]>`
          SELECT a.id, a."notificationId", a.recipient, a."recipientEmail", a.rag, a.stage,
                 a."emailAttempts", n."dueBy", n."personId" AS "childId"
          FROM "Alert" a JOIN "MashNotification" n ON n.id = a."notificationId"
          WHERE a."emailStatus" = 'PENDING'
            AND (a."emailNextAttemptAt" IS NULL OR a."emailNextAttemptAt" <= now())
          ORDER BY a."raisedAt", a.id
          LIMIT ${BATCH}
          FOR UPDATE OF a SKIP LOCKED`;
        for (const row of due) {
          const to = row.recipient === MASH_DUTY ? smtp.dutyEmail : row.recipientEmail;
          if (!to) {
            await tx.alert.update({ where: { id: row.id }, data: { emailStatus: "NOT_REQUIRED" } });
            continue;
          }
          try {
            await transporter!.sendMail(alertEmail(row, smtp.from, to, consoleUrl));
            await tx.alert.update({
              where: { id: row.id },
              data: {
                emailStatus: "SENT",
                emailSentAt: new Date(),
                emailAttempts: { increment: 1 },
                emailLastError: null,
              },
            });
            log.info({ alertId: row.id }, "alert e-mail sent");
          } catch (err) {
            const attempts = row.emailAttempts + 1;
            const wait = backoffMs(attempts, smtp.retryBaseMs, smtp.retryMaxMs);
            await tx.alert.update({
              where: { id: row.id },
              data: {
                emailAttempts: attempts,
                emailNextAttemptAt: new Date(Date.now() + wait),
                emailLastError: errorCode(err),
              },
            });
            log.warn(
              { alertId: row.id, attempts, retryInMs: wait, code: errorCode(err) },
              "alert e-mail failed; will retry",
            );
          }
        }
        return due.length;
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  }

  async function loop() {
    while (!stopped) {
      let n = 0;
      try {
        n = await sendDue();
      } catch (err) {
        log.error({ err }, "alert e-mail pass failed");
      }
      if (n === BATCH) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, smtp.pollMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    name: "alert-email",
    async start() {
      if (!smtp.url) {
        log.warn("SMTP_URL is not set: alert e-mails wait (PENDING) for a replica that has it");
        return;
      }
      transporter = nodemailer.createTransport({
        url: smtp.url,
        connectionTimeout: 5_000,
        greetingTimeout: 5_000,
        socketTimeout: 15_000,
      });
      offBus = deps.bus?.onAlert(() => wake?.());
      running = loop();
    },
    async stop() {
      stopped = true;
      offBus?.();
      wake?.();
      await running;
      transporter?.close();
    },
    ready: () => true,
  };
}

/** A code for the log and the row, never the server's text (it may echo an address). */
function errorCode(err: unknown): string {
  if (err && typeof err === "object") {
    const e = err as { code?: unknown; responseCode?: unknown };
    const parts = [e.code, e.responseCode].filter((x) => x !== undefined).map(String);
    if (parts.length > 0) return parts.join(" ");
  }
  return "SEND_FAILED";
}
