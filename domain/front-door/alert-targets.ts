// Who the front door alerts: MASH managers (their role inbox in the app, and the duty inbox by
// e-mail), and a family's early help manager and lead professional (as in version 1).
import type { Tx } from "#db/client.ts";
import type { AlertTarget } from "#alerts/raise-alerts.ts";
import { MASH_DUTY, ROLE_MASH_MANAGER } from "#alerts/recipients.ts";

export const MASH_MANAGERS: AlertTarget[] = [
  { recipient: ROLE_MASH_MANAGER, email: undefined, channels: ["IN_APP"] },
  { recipient: MASH_DUTY, email: undefined, channels: ["EMAIL"] },
];

/** The early help manager and lead professional of the child's open episode, if any. */
export async function earlyHelpTargets(tx: Tx, childId: string): Promise<AlertTarget[]> {
  const episode = await tx.earlyHelpEpisode.findFirst({
    where: { personId: childId, status: "OPEN" },
    orderBy: { openedAt: "desc" },
    select: {
      managerId: true,
      managerEmail: true,
      leadProfessionalId: true,
      leadProfessionalEmail: true,
    },
  });
  const targets: AlertTarget[] = [];
  if (episode?.managerId) {
    targets.push({
      recipient: episode.managerId,
      email: episode.managerEmail ?? undefined,
      channels: ["IN_APP", "EMAIL"],
    });
  }
  if (episode?.leadProfessionalId) {
    targets.push({
      recipient: episode.leadProfessionalId,
      email: episode.leadProfessionalEmail ?? undefined,
      channels: ["IN_APP", "EMAIL"],
    });
  }
  return targets;
}
