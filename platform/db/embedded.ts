// The embedded default: a real PostgreSQL (PGlite, WebAssembly) served on a loopback socket, so
// that `npm start` needs no database server. PGlite runs one statement at a time, so the hub's
// pool that talks to it has size 1; the socket admits a few more connections so that
// `npm run audit:verify` can check a running hub's database, whose address it finds in
// `<DATA_DIR>/embedded-db.json` while the hub runs. One process at a time opens a data
// directory (data-dir-lock.ts): a second one is refused with a line naming the first.
import net from "node:net";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { lockDataDir } from "./data-dir-lock.ts";

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** `owner` names this process in the message another process gets, e.g. "the hub". */
export async function startEmbeddedPostgres(
  dataDir: string,
  owner: string,
): Promise<EmbeddedPostgres> {
  const dir = path.resolve(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  const lock = lockDataDir(dataDir, owner);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(dir);
    const port = await freePort();
    const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 4 });
    await server.start();
    const opened = db;
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
    writeFileSync(listeningFile(dataDir), JSON.stringify({ url, pid: process.pid }));
    return {
      url,
      async stop() {
        try {
          rmSync(listeningFile(dataDir), { force: true });
          await server.stop();
          await opened.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
}

const listeningFile = (dataDir: string) => path.resolve(dataDir, "embedded-db.json");

/** Where a live process serves the embedded database of DATA_DIR, if one does. */
export function runningEmbedded(dataDir: string): { url: string; pid: number } | undefined {
  let found: { url?: unknown; pid?: unknown };
  try {
    found = JSON.parse(readFileSync(listeningFile(dataDir), "utf8")) as typeof found;
  } catch {
    return undefined;
  }
  if (typeof found.pid !== "number" || typeof found.url !== "string") return undefined;
  try {
    process.kill(found.pid, 0);
    return { url: found.url, pid: found.pid };
  } catch {
    return undefined; // the process that wrote it is gone
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
