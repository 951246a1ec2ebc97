// `npm run supergraph` as a partnership runs it: against the running hub (which wants a token for
// its _service SDL) and the case subgraph, printing the supergraph SDL; every failure said.
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import { startCaseSubgraph, type RunningSubgraph } from "../../support/partner-subgraphs.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function supergraph(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      path.join(root, "node_modules/.bin/tsx"),
      ["tools/scripts/supergraph.ts", ...args],
      { cwd: root, env: { PATH: process.env["PATH"] ?? "", ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("npm run supergraph", () => {
  let t: TestHub;
  let cases: RunningSubgraph;
  let token: string;

  beforeAll(async () => {
    t = await startTestHub();
    cases = await startCaseSubgraph([]);
    token = await t.token({ sub: "composer", role: "AUDITOR" });
  });
  afterAll(async () => {
    await cases?.stop();
    await t?.stop();
  });

  it("prints the supergraph of the hub and the case subgraph, with the token from --token or SUPERGRAPH_TOKEN", async () => {
    const subgraphs = ["--subgraph", `hub=${t.url}/graphql`, "--subgraph", `cases=${cases.url}`];
    const withFlag = await supergraph([...subgraphs, "--token", token]);
    expect(withFlag.stderr).toBe("");
    expect(withFlag.code).toBe(0);
    expect(withFlag.stdout).toContain(`HUB @join__graph(name: "hub", url: "${t.url}/graphql")`);
    expect(withFlag.stdout).toContain(`CASES @join__graph(name: "cases", url: "${cases.url}")`);
    expect(withFlag.stdout).toMatch(/caseStatus: CaseStatus @join__field\(graph: CASES\)/);

    const fromEnv = await supergraph(subgraphs, { SUPERGRAPH_TOKEN: token });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).toBe(withFlag.stdout);
  }, 120_000);

  it("says which subgraph refused its SDL without a token, and exits 1", async () => {
    const run = await supergraph(["--subgraph", `hub=${t.url}/graphql`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^supergraph: hub: .* answered HTTP 401: A bearer token is required/,
    );
  }, 60_000);

  it("prints every composition error and exits 1", async () => {
    const { writeFile, mkdtemp } = await import("node:fs/promises");
    const dir = await mkdtemp(path.join((await import("node:os")).tmpdir(), "supergraph-"));
    const file = path.join(dir, "clash.graphql");
    await writeFile(
      file,
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
       type Query { clash: Child }
       type Child @key(fields: "id") { id: ID! givenName: Int nhsNumber: Int }`,
    );
    const run = await supergraph([
      "--subgraph",
      `hub=${t.url}/graphql`,
      "--subgraph",
      `clash=${file}@http://clash.test/graphql`,
      "--token",
      token,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("composition failed with");
    expect(run.stderr).toContain('"Child.givenName"');
    expect(run.stderr).toContain('"Child.nhsNumber"');
  }, 60_000);

  it("answers --help, and an unknown option with one line and exit 2", async () => {
    const help = await supergraph(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--subgraph NAME=URL");
    const unknown = await supergraph(["--subgraf", "hub=http://x"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split("\n")).toEqual([
      "supergraph: Unknown option '--subgraf' (see --help)",
    ]);
  }, 60_000);
});
