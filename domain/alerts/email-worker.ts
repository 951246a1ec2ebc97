// Sends the hub's e-mails: alerts, and whatever other mail queues it is given (the referrer's
// outcome e-mail). Every e-mail is persisted first; this worker, on every replica, claims due
// rows with FOR UPDATE SKIP LOCKED (so two replicas never take the same row), sends, and marks
// the row sent in the same transaction that holds the claim. A failure is recorded with the next
// attempt time (exponential backoff, capped); the row stays pending until it goes. A hub killed
// mid-send leaves the row unmarked (its transaction never commits) and another pass sends it
// again with the same Message-ID, which the receiving system uses to drop a repeat.
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "#db/client.ts";
import type { Logger } from "#logging/logger.ts";
import type { Config } from "#config/index.ts";
import type { Worker } from "#runtime/worker.ts";
import type { AlertBus } from "./live-bus.ts";
import type { MailQueue } from "./mail-queue.ts";

const BATCH = 5;

export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

export function createEmailWorker(deps: {
  db: Db;
  config: Config;
  logger: Logger;
  bus: AlertBus | undefined;
  queues: MailQueue[];
}): Worker {
  const { smtp } = deps.config;
  const log = deps.logger.child({ component: "email" });
  let transporter: Transporter | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let offBus: (() => void) | undefined;

  async function sendDue(queue: MailQueue): Promise<number> {
    return deps.db.$transaction(
      async (tx) => {
        const due = await queue.claimDue(tx, BATCH);
        for (const mail of due) {
          if (!mail.message) {
            await mail.markNotRequired(tx);
            continue;
          }
          try {
            await transporter!.sendMail(mail.message);
            await mail.markSent(tx, new Date());
            log.info({ queue: queue.name, mailId: mail.id }, "e-mail sent");
          } catch (err) {
            const attempts = mail.attempts + 1;
            const wait = backoffMs(attempts, smtp.retryBaseMs, smtp.retryMaxMs);
            await mail.markFailed(tx, attempts, new Date(Date.now() + wait), errorCode(err));
            log.warn(
              {
                queue: queue.name,
                mailId: mail.id,
                attempts,
                retryInMs: wait,
                code: errorCode(err),
              },
              "e-mail failed; will retry",
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
      let full = false;
      for (const queue of deps.queues) {
        try {
          if ((await sendDue(queue)) === BATCH) full = true;
        } catch (err) {
          log.error({ queue: queue.name, err }, "e-mail pass failed");
        }
      }
      if (full) continue;
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
        log.warn("SMTP_URL is not set: e-mails wait (pending) for a replica that has it");
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
