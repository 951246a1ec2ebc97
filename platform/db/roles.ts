// The two database roles (docs/threat-model.md): the owner, which owns every table and runs the
// migrations, and the hub's runtime role, which may read and write the hub's data but only add
// to the access events — it does not own them, so it can neither change, delete, truncate nor
// disable their triggers. After each migration the owner grants the runtime role exactly that.
import pg from "pg";

/** The role a connection string logs in as (the driver's default when the URL names none). */
export async function currentRole(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ role: string }>("SELECT current_user AS role");
    return rows[0]!.role;
  } finally {
    await c.end();
  }
}

/** Run as the owner: what the runtime role may do on the tables the migrations made. */
export async function grantRuntimeRole(ownerUrl: string, runtimeRole: string): Promise<void> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ role: string }>("SELECT current_user AS role");
    if (rows[0]?.role === runtimeRole) return; // one role for everything: nothing to grant
    const role = c.escapeIdentifier(runtimeRole);
    await c.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await c.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    // the access events: add and read, nothing else
    await c.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "AccessEvent" FROM ${role}`);
    // the migration history: read only (the hub checks that every migration is applied)
    await c.query(`REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM ${role}`);
    // the statistics keeper: ANALYZE a table of the hub's, through the owner's function
    await c.query(`GRANT EXECUTE ON FUNCTION "hub_analyze"(regclass) TO ${role}`);
  } finally {
    await c.end();
  }
}

export interface RoleFacts {
  role: string;
  superuser: boolean;
  ownsAccessEvents: boolean;
}

/** Whether the hub's own role could rewrite the audit: a superuser, or the table's owner. */
export async function roleFacts(url: string): Promise<RoleFacts> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<RoleFacts>(
      `SELECT current_user AS role,
              (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              coalesce((SELECT pg_has_role(current_user, c.relowner, 'USAGE')
                          FROM pg_class c WHERE c.oid = to_regclass('"AccessEvent"')), false)
                AS "ownsAccessEvents"`,
    );
    return rows[0]!;
  } finally {
    await c.end();
  }
}
