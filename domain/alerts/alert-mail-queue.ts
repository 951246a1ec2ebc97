// Alert e-mails as a mail queue: alerts whose e-mail is PENDING and due, oldest first. The duty
// inbox's address comes from configuration at send time; an alert with no address is marked
// NOT_REQUIRED.
import type { Tx } from "#db/client.ts";
import { alertEmail } from "./email-message.ts";
import { MASH_DUTY } from "./recipients.ts";
import type { MailQueue, QueuedMail } from "./mail-queue.ts";

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

export function createAlertMailQueue(settings: {
  from: string;
  dutyEmail: string;
  /** The console's address (HUB_PUBLIC_URL/console): e-mails link into it. */
  consoleUrl: string;
}): MailQueue {
  return {
    name: "alert",
    async claimDue(tx: Tx, limit: number): Promise<QueuedMail[]> {
      const due = await tx.$queryRaw<DueRow[]>`
        SELECT a.id, a."notificationId", a.recipient, a."recipientEmail", a.rag, a.stage,
               a."emailAttempts", n."dueBy", n."personId" AS "childId"
        FROM "Alert" a JOIN "MashNotification" n ON n.id = a."notificationId"
        WHERE a."emailStatus" = 'PENDING'
          AND (a."emailNextAttemptAt" IS NULL OR a."emailNextAttemptAt" <= now())
        ORDER BY a."raisedAt", a.id
        LIMIT ${limit}
        FOR UPDATE OF a SKIP LOCKED`;
      return due.map((row) => {
        const to = row.recipient === MASH_DUTY ? settings.dutyEmail : row.recipientEmail;
        return {
          id: row.id,
          attempts: row.emailAttempts,
          message: to ? alertEmail(row, settings.from, to, settings.consoleUrl) : undefined,
          async markSent(t, at) {
            await t.alert.update({
              where: { id: row.id },
              data: {
                emailStatus: "SENT",
                emailSentAt: at,
                emailAttempts: { increment: 1 },
                emailLastError: null,
              },
            });
          },
          async markFailed(t, attempts, nextAttemptAt, code) {
            await t.alert.update({
              where: { id: row.id },
              data: {
                emailAttempts: attempts,
                emailNextAttemptAt: nextAttemptAt,
                emailLastError: code,
              },
            });
          },
          async markNotRequired(t) {
            await t.alert.update({ where: { id: row.id }, data: { emailStatus: "NOT_REQUIRED" } });
          },
        };
      });
    },
  };
}
