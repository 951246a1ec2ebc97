// Who an alert is for, and who may see it. A recipient is a user id (the JWT `sub`), a role
// inbox — "ROLE:MASH" (every MASH_SCREENER and MASH_MANAGER) or "ROLE:MASH_MANAGER" (MASH
// managers only) — or "MASH_DUTY" (the duty e-mail inbox, MASH_DUTY_EMAIL, which has no in-app
// view). An alert to a role inbox is acknowledged by each of its users on their own.
import { isMashRole, type Viewer } from "#auth/viewer.ts";

export const MASH_DUTY = "MASH_DUTY";
export const ROLE_MASH = "ROLE:MASH";
export const ROLE_MASH_MANAGER = "ROLE:MASH_MANAGER";

export type Channel = "IN_APP" | "EMAIL";

/** The recipients whose in-app alerts this viewer sees. */
export function recipientsVisibleTo(viewer: Viewer): string[] {
  if (viewer.role === "MASH_MANAGER") return [viewer.sub, ROLE_MASH, ROLE_MASH_MANAGER];
  return isMashRole(viewer.role) ? [viewer.sub, ROLE_MASH] : [viewer.sub];
}

export function isVisibleTo(viewer: Viewer, recipient: string, channels: string[]): boolean {
  return channels.includes("IN_APP") && recipientsVisibleTo(viewer).includes(recipient);
}

/** A role inbox is shared: each of its users acknowledges for themselves. */
export const isRoleInbox = (recipient: string): boolean => recipient.startsWith("ROLE:");
