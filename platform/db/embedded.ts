// The embedded default: a real PostgreSQL (PGlite, WebAssembly) served on a loopback socket, so
// that `npm start` needs no database server. PGlite serves one connection at a time, so the
// pool that talks to it must have size 1. One process at a time opens a data directory
// (data-dir-lock.ts): a second one is refused with a line naming the first.
import net from "node:net";
import { mkdirSync } from "node:fs";
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
    const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1" });
    await server.start();
    const opened = db;
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
      async stop() {
        try {
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
