// The data the policy needs about children, loaded in batches (one query per kind per tick).
// Rows are mapped here and never leave this file as Prisma rows.
import type { Db } from "../db/client.ts";
import type { AgencyName, Role } from "../auth/viewer.ts";
import type { ConsentStatus, ConsentView } from "./consent-standing.ts";

export async function loadConsents(
  db: Db,
  childIds: readonly string[],
): Promise<Map<string, ConsentView[]>> {
  const rows = await db.consentRecord.findMany({
    where: { personId: { in: [...childIds] } },
    orderBy: { recordedAt: "asc" },
    select: {
      personId: true,
      status: true,
      scope: true,
      legalBasis: true,
      justification: true,
      recordedRole: true,
      recordedAt: true,
      expiresAt: true,
    },
  });
  const byChild = new Map<string, ConsentView[]>();
  for (const r of rows) {
    const list = byChild.get(r.personId) ?? [];
    list.push({
      status: r.status as ConsentStatus,
      scope: r.scope as AgencyName[],
      legalBasis: r.legalBasis,
      justification: r.justification,
      recordedRole: r.recordedRole,
      recordedAt: r.recordedAt,
      expiresAt: r.expiresAt,
    });
    byChild.set(r.personId, list);
  }
  return byChild;
}

/** Children (of those asked) whose OPEN early help episode names the caller in their role. */
export async function loadRelatedChildren(
  db: Db,
  sub: string,
  role: Role,
  childIds: readonly string[],
): Promise<Set<string>> {
  const names =
    role === "EARLY_HELP_MANAGER"
      ? { managerId: sub }
      : role === "LEAD_PROFESSIONAL"
        ? { leadProfessionalId: sub }
        : undefined;
  if (!names) return new Set();
  const rows = await db.earlyHelpEpisode.findMany({
    where: { personId: { in: [...childIds] }, status: "OPEN", ...names },
    select: { personId: true },
  });
  return new Set(rows.map((r) => r.personId));
}
