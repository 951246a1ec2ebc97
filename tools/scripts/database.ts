// The database a command-line tool works on: DATABASE_URL, or the embedded PostgreSQL under
// DATA_DIR when none is set. The embedded one is refused (one line naming the holder) while
// another process, such as a running hub, has that directory open.
import type { Config } from "#config/index.ts";
import { startEmbeddedPostgres } from "#db/embedded.ts";

export interface ToolDatabase {
  url: string;
  /** For messages: "the embedded PostgreSQL under .data" or the URL without credentials. */
  description: string;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, tool: string): Promise<ToolDatabase> {
  const url = config.database.url;
  if (url) return { url, description: withoutCredentials(url), close: async () => undefined };
  const embedded = await startEmbeddedPostgres(config.database.dataDir, `npm run ${tool}`);
  return {
    url: embedded.url,
    description: `the embedded PostgreSQL under ${config.database.dataDir}`,
    close: () => embedded.stop(),
  };
}

function withoutCredentials(url: string): string {
  const u = new URL(url);
  u.username = "";
  u.password = "";
  u.search = "";
  return u.toString();
}
