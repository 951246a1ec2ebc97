// What the e-mail worker sends from: persisted rows (alerts, referrer e-mails) that a queue
// claims inside the worker's transaction with FOR UPDATE SKIP LOCKED, so that two replicas never
// take the same row, and marks in that same transaction once the send has succeeded or failed.
import type { SendMailOptions } from "nodemailer";
import type { Tx } from "#db/client.ts";

export interface QueuedMail {
  /** The row's id, for logs (never an address). */
  id: string;
  attempts: number;
  /** What to send; undefined when there is nowhere to send it (the row is marked as such). */
  message: SendMailOptions | undefined;
  markSent(tx: Tx, at: Date): Promise<void>;
  markFailed(tx: Tx, attempts: number, nextAttemptAt: Date, code: string): Promise<void>;
  markNotRequired(tx: Tx): Promise<void>;
}

export interface MailQueue {
  /** For logs: "alert", "referrer". */
  name: string;
  /** Up to `limit` rows due now, locked for this transaction. */
  claimDue(tx: Tx, limit: number): Promise<QueuedMail[]>;
}
