// The one mapping from a MashNotification row to what services and resolvers return. Every
// object about a child carries `childId` (the person id) for the access policy. Reusable for
// Child.notifications.
import type { MashNotification as NotificationRow } from "#db/generated/client.ts";
import { isRag, type Rag } from "#rag/index.ts";
import { reasonsFromJson, type RagReason } from "./reasons.ts";
import type { StepUpReason } from "./next-actions.ts";

export type NotificationStatus = "AWAITING_SCREENING" | "SCREENED" | "STEPPED_UP" | "CLOSED";
/** What made the contact (front-door.md "One queue"). */
export type NotificationKind = "AGENCY_EVENT" | "REFERRAL" | "STEP_UP_REQUEST";
const KINDS: readonly NotificationKind[] = ["AGENCY_EVENT", "REFERRAL", "STEP_UP_REQUEST"];

export interface Notification {
  id: string;
  childId: string;
  kind: NotificationKind;
  createdAt: Date;
  dueBy: Date;
  status: NotificationStatus;
  proposedRag: Rag;
  /** The screened rating; null until screened. */
  rag: Rag | null;
  reasons: RagReason[];
  triggeringEvents: string[];
  rationale: string | null;
  screenedBy: string | null;
  screenedAt: Date | null;
  nextActions: string[];
  ruleVersion: number;
  stepUpReason: StepUpReason | null;
  stepUpRationale: string | null;
  steppedUpBy: string | null;
  steppedUpAt: Date | null;
}

const STATUSES: readonly NotificationStatus[] = [
  "AWAITING_SCREENING",
  "SCREENED",
  "STEPPED_UP",
  "CLOSED",
];

export function mapNotification(row: NotificationRow): Notification {
  const status = STATUSES.find((s) => s === row.status);
  const kind = KINDS.find((k) => k === row.kind);
  if (!status || !kind || !isRag(row.proposedRag)) {
    throw new Error(`notification ${row.id} has an unknown status, kind or rating`);
  }
  return {
    id: row.id,
    childId: row.personId,
    kind,
    createdAt: row.createdAt,
    dueBy: row.dueBy,
    status,
    proposedRag: row.proposedRag,
    rag: isRag(row.rag) ? row.rag : null,
    reasons: reasonsFromJson(row.reasons),
    triggeringEvents: [row.triggeringEventId],
    rationale: row.rationale,
    screenedBy: row.screenedBy,
    screenedAt: row.screenedAt,
    nextActions: row.nextActions,
    ruleVersion: row.ruleVersion,
    stepUpReason: row.stepUpReason === "CIN" || row.stepUpReason === "CP" ? row.stepUpReason : null,
    stepUpRationale: row.stepUpRationale,
    steppedUpBy: row.steppedUpBy,
    steppedUpAt: row.steppedUpAt,
  };
}

/** The announcement of a notification change on mash.notifications.v1 (ids and codes only). */
export function notificationMessage(n: Notification, change: string): Record<string, unknown> {
  return {
    change,
    notificationId: n.id,
    childId: n.childId,
    kind: n.kind,
    status: n.status,
    proposedRag: n.proposedRag,
    rag: n.rag,
    ruleIds: n.reasons.map((r) => r.ruleId),
    ruleVersion: n.ruleVersion,
    triggeringEvents: n.triggeringEvents,
    dueBy: n.dueBy.toISOString(),
    nextActions: n.nextActions,
    stepUpReason: n.stepUpReason,
    at: new Date().toISOString(),
  };
}
