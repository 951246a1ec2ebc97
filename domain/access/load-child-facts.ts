// The data the policy needs about children, loaded in batches (one query per kind per tick).
// Rows (raw SQL: no per-call query compilation) are mapped here and never leave this file.
import type { Db } from "#db/client.ts";
import type { AgencyName, Role } from "#auth/viewer.ts";
import type { ConsentStatus, ConsentView } from "./consent-standing.ts";

interface ConsentRow {
  personId: string;
  status: string;
  scope: string[];
  legalBasis: string;
  justification: string | null;
  recordedRole: string;
  recordedAt: Date;
  expiresAt: Date | null;
}

export async function loadConsents(
  db: Db,
  childIds: readonly string[],
): Promise<Map<string, ConsentView[]>> {
  const rows = await db.$queryRaw<ConsentRow[]>`
    SELECT "personId", status, scope::text[] AS scope, "legalBasis", justification,
           "recordedRole", "recordedAt", "expiresAt"
      FROM "ConsentRecord" WHERE "personId" = ANY(${[...childIds]}::uuid[])
     ORDER BY "recordedAt" ASC`;
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
  const rows =
    role === "EARLY_HELP_MANAGER"
      ? await db.$queryRaw<Array<{ personId: string }>>`
          SELECT "personId" FROM "EarlyHelpEpisode"
           WHERE "personId" = ANY(${[...childIds]}::uuid[]) AND status = 'OPEN'
             AND "managerId" = ${sub}`
      : role === "LEAD_PROFESSIONAL"
        ? await db.$queryRaw<Array<{ personId: string }>>`
            SELECT "personId" FROM "EarlyHelpEpisode"
             WHERE "personId" = ANY(${[...childIds]}::uuid[]) AND status = 'OPEN'
               AND "leadProfessionalId" = ${sub}`
        : [];
  return new Set(rows.map((r) => r.personId));
}
