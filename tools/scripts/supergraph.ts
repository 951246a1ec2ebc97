// npm run supergraph -- --subgraph hub=http://127.0.0.1:4000/graphql --subgraph cases=https://… [--token T]
// Composes the hub with other subgraphs and prints the supergraph SDL for a partnership's router
// (docs/federation.md). Each running subgraph is asked for `_service { sdl }` with the token
// (--token, else SUPERGRAPH_TOKEN); `name=./file.graphql` reads a subgraph's SDL from a file
// instead, and `name=./file.graphql@url` also names where the router should reach it.
// Exit 0 with the SDL on stdout; 1 with every fetch or composition error on stderr; 2 on misuse.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadSupergraphConfig } from "#config/supergraph.ts";
import {
  composeSupergraph,
  fetchSubgraphSdl,
  SubgraphFetchError,
  type SubgraphSource,
} from "./compose-supergraph.ts";

const USAGE = `Usage: npm run supergraph -- --subgraph NAME=URL [--subgraph NAME=URL …] [--token TOKEN]

Composes the hub with other Federation 2 subgraphs and prints the supergraph SDL.

  --subgraph NAME=URL         a running subgraph; its _service { sdl } is fetched from URL
  --subgraph NAME=FILE[@URL]  a subgraph's SDL from a .graphql file (URL: where the router reaches it)
  --token TOKEN               bearer token for fetching the SDL (default: $SUPERGRAPH_TOKEN);
                              the hub answers _service to a valid token of any role
  --help                      this text

Exit status: 0 supergraph printed; 1 a subgraph could not be fetched or composition failed
(every error is printed); 2 wrong usage.`;

function usageError(message: string): never {
  console.error(`supergraph: ${message} (see --help)`);
  process.exit(2);
}

let values: { subgraph?: string[]; token?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      subgraph: { type: "string", multiple: true },
      token: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  usageError((err as Error).message.split("\n")[0] ?? "bad arguments");
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const specs = values.subgraph ?? [];
if (specs.length === 0) usageError("give at least one --subgraph NAME=URL");

let token: string | undefined;
try {
  token = values.token ?? loadSupergraphConfig().token;
} catch (err) {
  usageError((err as Error).message);
}

interface Spec {
  name: string;
  url: string;
  file: string | undefined;
}

function parseSpec(spec: string): Spec {
  const eq = spec.indexOf("=");
  const name = eq > 0 ? spec.slice(0, eq) : "";
  const target = eq > 0 ? spec.slice(eq + 1) : "";
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name) || target === "") {
    usageError(`--subgraph ${JSON.stringify(spec)} is not NAME=URL or NAME=FILE`);
  }
  if (/^https?:\/\//.test(target)) return { name, url: target, file: undefined };
  const at = target.lastIndexOf("@");
  const file = at > 0 ? target.slice(0, at) : target;
  const url = at > 0 ? target.slice(at + 1) : `http://${name}.invalid/graphql`;
  if (!/^https?:\/\//.test(url)) usageError(`--subgraph ${name}: ${url} is not an http(s) URL`);
  return { name, url, file };
}

const parsed = specs.map(parseSpec);
const names = parsed.map((s) => s.name);
const twice = names.filter((n, i) => names.indexOf(n) !== i);
if (twice.length > 0) usageError(`subgraph name given twice: ${[...new Set(twice)].join(", ")}`);

const fetched = await Promise.allSettled(
  parsed.map(async (s): Promise<SubgraphSource> => {
    if (s.file === undefined) {
      return { name: s.name, url: s.url, sdl: await fetchSubgraphSdl(s.name, s.url, token) };
    }
    try {
      return { name: s.name, url: s.url, sdl: await readFile(s.file, "utf8") };
    } catch (err) {
      throw new SubgraphFetchError(s.name, `could not read ${s.file} (${(err as Error).message})`);
    }
  }),
);
const failures = fetched.flatMap((r) => (r.status === "rejected" ? [r.reason as Error] : []));
if (failures.length > 0) {
  for (const f of failures) console.error(`supergraph: ${f.message}`);
  process.exit(1);
}
const subgraphs = fetched.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
const composition = composeSupergraph(subgraphs);
if (!composition.ok) {
  console.error(`supergraph: composition failed with ${composition.errors.length} error(s):`);
  for (const e of composition.errors) console.error(`  ${e}`);
  process.exit(1);
}
for (const h of composition.hints.filter((x) => x.level === "WARN")) {
  console.error(`supergraph: hint ${h.code}: ${h.message}`);
}
process.stdout.write(
  composition.supergraphSdl.endsWith("\n")
    ? composition.supergraphSdl
    : `${composition.supergraphSdl}\n`,
);
