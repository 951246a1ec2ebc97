// tools/scripts/services-up.sh: makes the two roles and a database `mash` for them on the
// PostgreSQL at DATABASE_URL (a superuser), and prints the hub's two connection strings:
//   HUB_DATABASE_URL=…        the runtime role (give it to the hub as DATABASE_URL)
//   HUB_DATABASE_OWNER_URL=…  the owner role (DATABASE_OWNER_URL, for npm run migrate)
import pg from "pg";
import { DEFAULT_ROLES, ensureRoles, prepareDatabase, withDatabase } from "./database-roles.ts";

const adminUrl = process.env["DATABASE_URL"];
if (!adminUrl) {
  console.error("DATABASE_URL (a superuser) is required");
  process.exit(2);
}
const database = process.env["HUB_DATABASE_NAME"] ?? "mash";
await ensureRoles(adminUrl);
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
if (!rowCount) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
await admin.end();
await prepareDatabase(adminUrl, database);
console.log(`HUB_DATABASE_URL=${withDatabase(adminUrl, database, DEFAULT_ROLES.runtime)}`);
console.log(`HUB_DATABASE_OWNER_URL=${withDatabase(adminUrl, database, DEFAULT_ROLES.owner)}`);
