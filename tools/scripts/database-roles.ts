// Prepares a PostgreSQL database for the two roles (docs/threat-model.md), as a superuser:
//  - MASH_OWNER_ROLE (default mash_owner) owns the database and, through the migrations it
//    runs, every table, the access events included;
//  - MASH_RUNTIME_ROLE (default mash_app) is what the hub logs in as. It owns the schema
//    audit_anchor, where the hub keeps the chain's signed head, and nothing else.
// Used by tools/scripts/services-up.sh (through prepare-database.ts) and the test harness.
import pg from "pg";

export interface DatabaseRoles {
  owner: string;
  runtime: string;
}

export const DEFAULT_ROLES: DatabaseRoles = { owner: "mash_owner", runtime: "mash_app" };

/** Creates the two login roles if they are missing (no password: for trust/peer set-ups). */
export async function ensureRoles(adminUrl: string, roles = DEFAULT_ROLES): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    for (const name of [roles.owner, roles.runtime]) {
      const { rowCount } = await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [name]);
      if (rowCount) continue;
      try {
        await c.query(`CREATE ROLE ${c.escapeIdentifier(name)} LOGIN`);
      } catch (error) {
        // another process made it at the same moment
        if ((error as { code?: string }).code !== "42710") throw error;
      }
    }
  } finally {
    await c.end();
  }
}

/** Gives the database to the owner role and the anchor schema to the runtime role. */
export async function prepareDatabase(
  adminUrl: string,
  database: string,
  roles = DEFAULT_ROLES,
): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(
      `ALTER DATABASE ${admin.escapeIdentifier(database)} OWNER TO ${admin.escapeIdentifier(roles.owner)}`,
    );
  } finally {
    await admin.end();
  }
  const inDb = new pg.Client({ connectionString: withDatabase(adminUrl, database) });
  await inDb.connect();
  try {
    await giveToOwner(inDb, roles.owner);
    await inDb.query(
      `CREATE SCHEMA IF NOT EXISTS audit_anchor AUTHORIZATION ${inDb.escapeIdentifier(roles.runtime)}`,
    );
  } finally {
    await inDb.end();
  }
}

/**
 * A database migrated before the roles existed (by a superuser, say): its tables, sequences,
 * enum types and functions in `public` pass to the owner role, which the migrations run as.
 */
async function giveToOwner(c: pg.Client, owner: string): Promise<void> {
  const to = c.escapeIdentifier(owner);
  const { rows } = await c.query<{ kind: string; name: string }>(
    `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END AS kind,
            c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'S')
        AND pg_get_userbyid(c.relowner) <> $1
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
              WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT 'TYPE', t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> $1
     UNION ALL
     SELECT 'FUNCTION', p.proname || '()' FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.pronargs = 0 AND pg_get_userbyid(p.proowner) <> $1`,
    [owner],
  );
  for (const r of rows) {
    const name =
      r.kind === "FUNCTION"
        ? `${c.escapeIdentifier(r.name.slice(0, -2))}()`
        : c.escapeIdentifier(r.name);
    await c.query(`ALTER ${r.kind} ${name} OWNER TO ${to}`);
  }
}

/** The same server, another database and (optionally) another role. */
export function withDatabase(url: string, database: string, role?: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (role !== undefined) {
    u.username = role;
    u.password = "";
  }
  return u.toString();
}
