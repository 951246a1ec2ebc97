// Referrer e-mails as a mail queue for the e-mail worker (alerts/email-worker.ts): PENDING rows
// that are due, oldest first, locked for the worker's transaction. Sent once: a row is marked
// SENT (and the contact's referrerInformedAt is its sentAt) in the transaction that claimed it.
import type { Tx } from "#db/client.ts";
import type { MailQueue, QueuedMail } from "#alerts/mail-queue.ts";
import { referrerEmail } from "./referrer-email-message.ts";

interface DueRow {
  id: string;
  notificationId: string;
  toAddress: string;
  outcome: string;
  level: string;
  advice: string;
  reference: string | null;
  receivedAt: Date;
  attempts: number;
}

export function createReferrerMailQueue(settings: { from: string }): MailQueue {
  return {
    name: "referrer",
    async claimDue(tx: Tx, limit: number): Promise<QueuedMail[]> {
      const due = await tx.$queryRaw<DueRow[]>`
        SELECT id, "notificationId", "toAddress", outcome, level, advice, reference,
               "receivedAt", attempts
        FROM "ReferrerEmail"
        WHERE status = 'PENDING' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= now())
        ORDER BY "createdAt", id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
      return due.map((row) => ({
        id: row.id,
        attempts: row.attempts,
        message: referrerEmail(row, settings.from, row.toAddress),
        async markSent(t, at) {
          await t.referrerEmail.update({
            where: { id: row.id },
            data: { status: "SENT", sentAt: at, attempts: { increment: 1 }, lastError: null },
          });
        },
        async markFailed(t, attempts, nextAttemptAt, code) {
          await t.referrerEmail.update({
            where: { id: row.id },
            data: { attempts, nextAttemptAt, lastError: code },
          });
        },
        async markNotRequired(t) {
          await t.referrerEmail.update({ where: { id: row.id }, data: { status: "NOT_REQUIRED" } });
        },
      }));
    },
  };
}
