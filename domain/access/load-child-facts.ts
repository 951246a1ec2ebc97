// The data the policy needs about children, loaded in batches (one query per kind per tick).
// Prepared statements on plain pg (db.sql: no per-call query compilation, planned once per
// connection); rows are mapped here and never leave this file.
import type { Db, Statement } from "#db/client.ts";
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

const STATEMENTS = {
  consents: {
    name: "access.consents",
    text: `SELECT "personId", status, scope::text[] AS scope, "legalBasis", justification,
                  "recordedRole", "recordedAt", "expiresAt"
             FROM "ConsentRecord" WHERE "personId" = ANY($1::uuid[])
            ORDER BY "recordedAt" ASC`,
  },
  managedChildren: {
    name: "access.managed-children",
    text: `SELECT "personId" FROM "EarlyHelpEpisode"
            WHERE "personId" = ANY($1::uuid[]) AND status = 'OPEN' AND "managerId" = $2`,
  },
  ledChildren: {
    name: "access.led-children",
    text: `SELECT "personId" FROM "EarlyHelpEpisode"
            WHERE "personId" = ANY($1::uuid[]) AND status = 'OPEN' AND "leadProfessionalId" = $2`,
  },
} satisfies Record<string, Statement>;

export async function loadConsents(
  db: Db,
  childIds: readonly string[],
): Promise<Map<string, ConsentView[]>> {
  const rows = await db.sql.query<ConsentRow>(STATEMENTS.consents, [[...childIds]]);
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
  const statement =
    role === "EARLY_HELP_MANAGER"
      ? STATEMENTS.managedChildren
      : role === "LEAD_PROFESSIONAL"
        ? STATEMENTS.ledChildren
        : undefined;
  const rows = statement
    ? await db.sql.query<{ personId: string }>(statement, [[...childIds], sub])
    : [];
  return new Set(rows.map((r) => r.personId));
}
