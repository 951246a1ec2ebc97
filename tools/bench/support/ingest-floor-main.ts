// ingest-floor.ts's consumer as its own process, so that ingest-throughput measures the hub and
// its floor in the same arrangement (each a child of the bench, which produces the stream):
//   node --import tsx tools/bench/support/ingest-floor-main.ts <brokers> <topic prefix> <group>
//        <partitions in flight> <database URL>
// Prints `ready` on stdout once it has joined its group; SIGTERM or SIGINT leaves the group and
// exits 0. The URL is on the command line (bench databases are local, trust auth).
import { startIngestFloor } from "./ingest-floor.ts";
import { stopOnSignal } from "./stop-on-signal.ts";

const [brokers, topicPrefix, groupId, concurrency, databaseUrl] = process.argv.slice(2);
if (!brokers || !topicPrefix || !groupId || !Number(concurrency) || !databaseUrl) {
  console.error(
    "usage: ingest-floor-main.ts <brokers> <topic prefix> <group> <partitions in flight> <database URL>",
  );
  process.exit(64);
}

const floor = await startIngestFloor({
  brokers,
  topicPrefix,
  groupId,
  databaseUrl,
  concurrency: Number(concurrency),
});
process.stdout.write("ready\n");

stopOnSignal(() => floor.stop());
