// The referrer's outcome e-mail (front-door.md; seed 003: "the referring professional will be
// notified of the appropriate level and required action"): the outcome, the level and the
// advice, with the referrer's own reference and the day they referred. Nothing else: not the
// rationale, not what any agency holds, not the child's name.
import type { SendMailOptions } from "nodemailer";
import { LEVEL_WORDS, outcomeMeaning } from "./outcomes.ts";
import { OUTCOMES, type Outcome } from "./types.ts";
import { toLondon } from "#notifications/london-time.ts";

export interface ReferrerEmailContent {
  notificationId: string;
  outcome: string;
  level: string;
  advice: string;
  reference: string | null;
  receivedAt: Date;
}

const isOutcome = (v: string): v is Outcome => (OUTCOMES as readonly string[]).includes(v);

export function referrerEmail(
  mail: ReferrerEmailContent,
  from: string,
  to: string,
): SendMailOptions {
  const outcome = isOutcome(mail.outcome) ? outcomeMeaning(mail.outcome).words : mail.outcome;
  const level = Number(mail.level) as 1 | 2 | 3 | 4;
  const yours = mail.reference ? ` (your reference ${mail.reference})` : "";
  return {
    from,
    to,
    // The same Message-ID every attempt, so a receiving system can drop a repeat.
    messageId: `<referral-outcome-${mail.notificationId}@mash-hub>`,
    subject: "Your referral to the MASH: the outcome",
    text: [
      `Thank you for your referral to the MASH made on ${toLondon(mail.receivedAt).date}${yours}.`,
      "",
      `Outcome: ${outcome}.`,
      `Level of need: ${LEVEL_WORDS[level] ?? mail.level}.`,
      `What to do next: ${mail.advice}`,
      "",
      "If you disagree with the decision, please contact the MASH with your reasons, with",
      "reference to the levels of need, and ask for it to be escalated to a MASH manager.",
      "",
      `MASH contact: ${mail.notificationId}`,
    ].join("\n"),
    headers: { "X-Mash-Notification-Id": mail.notificationId },
  };
}
