// One of view-floor.ts's servers as its own process, so that view-unified compares the hub, the
// plain Apollo baseline and the floor in the same arrangement (each a child of the bench, which
// generates the load):
//   node --import tsx tools/bench/support/view-floor-main.ts floor|apollo <database URL>
// Prints `listening <url>` on stdout once it listens; SIGTERM or SIGINT closes it and exits 0.
// The URL is on the command line, so `ps` shows it: bench databases are local (trust auth); a
// password in BENCH_DATABASE_URL would be visible to the machine's other users.
import { startApolloBaseline, startViewFloor, type ViewServer } from "./view-floor.ts";
import { stopOnSignal } from "./stop-on-signal.ts";

const [kind, databaseUrl] = process.argv.slice(2);
if ((kind !== "floor" && kind !== "apollo") || !databaseUrl) {
  console.error("usage: view-floor-main.ts floor|apollo <database URL>");
  process.exit(64);
}

const server: ViewServer =
  kind === "floor" ? await startViewFloor(databaseUrl) : await startApolloBaseline(databaseUrl);
process.stdout.write(`listening ${server.url}\n`);

stopOnSignal(() => server.stop());
