// The e-mail for an alert. It carries ids and the rating, never what happened or who the child
// is: the reader opens the hub (where access rules and the audit apply) to see more.
import type { SendMailOptions } from "nodemailer";

export interface EmailAlert {
  id: string;
  notificationId: string;
  rag: string;
  stage: string;
}

export function alertEmail(alert: EmailAlert, from: string, to: string): SendMailOptions {
  const what =
    alert.stage === "PROPOSED_RED"
      ? "A new MASH notification has been proposed RED and needs screening now."
      : `A MASH notification has been screened ${alert.rag}.`;
  return {
    from,
    to,
    // The same Message-ID every attempt, so a receiving system can drop a repeat.
    messageId: `<alert-${alert.id}@mash-hub>`,
    subject: `MASH alert (${alert.rag})`,
    text: [
      what,
      "",
      `Notification: ${alert.notificationId}`,
      `Alert: ${alert.id}`,
      "",
      "Open the MASH hub to see it and acknowledge the alert.",
    ].join("\n"),
    headers: { "X-Mash-Alert-Id": alert.id },
  };
}
