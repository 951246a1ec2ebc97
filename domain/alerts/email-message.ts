// The e-mail for an alert. It carries ids, the rating, the due time and a link to the contact in
// the console, never what happened or who the child is: the reader opens the hub (where access
// rules and the audit apply) to see more.
import type { SendMailOptions } from "nodemailer";

export interface EmailAlert {
  id: string;
  notificationId: string;
  rag: string;
  stage: string;
  dueBy: Date;
  /** The hub's id of the child: opaque, for the link only. */
  childId: string;
}

const LONDON = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/London",
});

/** Why the alert was raised, in words that name no one and say nothing of what happened. */
function whatHappened(alert: Pick<EmailAlert, "rag" | "stage">): string {
  const stage = alert.stage.startsWith("ESCALATION:") ? "ESCALATION" : alert.stage;
  switch (stage) {
    case "PROPOSED_RED":
      return "A new MASH notification has been proposed RED and needs screening now.";
    case "STEP_UP_REQUEST":
      return `Early help has asked the MASH to step a family up (proposed ${alert.rag}).`;
    case "ESCALATION":
      return "A disagreement with a MASH decision has been raised and needs a MASH manager.";
    case "DECIDED":
      return "The MASH has decided on a notification about a family you work with.";
    case "OVERDUE":
      return `A MASH contact (${alert.rag}) has passed its due time without a decision.`;
    default:
      return `A MASH notification has been screened ${alert.rag}.`;
  }
}

/** `consoleUrl`: the console's address, e.g. https://mash-hub.example/console (HUB_PUBLIC_URL). */
export function alertEmail(
  alert: EmailAlert,
  from: string,
  to: string,
  consoleUrl: string,
): SendMailOptions {
  const link = `${consoleUrl}/child/${encodeURIComponent(alert.childId)}?notification=${encodeURIComponent(alert.notificationId)}`;
  const what = whatHappened(alert);
  return {
    from,
    to,
    // The same Message-ID every attempt, so a receiving system can drop a repeat.
    messageId: `<alert-${alert.id}@mash-hub>`,
    subject: `MASH alert (${alert.rag})`,
    text: [
      what,
      "",
      `Decision due: ${LONDON.format(alert.dueBy)} (UK time), ${alert.dueBy.toISOString()}`,
      "",
      `Open it in the MASH hub console: ${link}`,
      `Acknowledge it there under Alerts: ${consoleUrl}/alerts`,
      "",
      `Notification: ${alert.notificationId}`,
      `Alert: ${alert.id}`,
    ].join("\n"),
    headers: { "X-Mash-Alert-Id": alert.id },
  };
}
