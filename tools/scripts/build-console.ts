// npm run build:console — builds the web console (console/) with Vite into console/dist, which
// the hub serves at /console. With --if-stale (what start, test and demo run first) it builds
// only when console/dist is missing or older than a source file, the lockfile or this script.
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const consoleRoot = path.join(root, "console");
const dist = path.join(consoleRoot, "dist");
const stamp = path.join(dist, ".built");

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === "dist" || entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function consoleIsStale(): boolean {
  if (!existsSync(stamp) || !existsSync(path.join(dist, "index.html"))) return true;
  const inputs = [
    consoleRoot,
    path.join(root, "package-lock.json"),
    fileURLToPath(import.meta.url),
  ];
  const newestInput = Math.max(...inputs.filter(existsSync).map(newestMtime));
  return newestInput > statSync(stamp).mtimeMs;
}

export async function buildConsole(): Promise<void> {
  await build({
    root: consoleRoot,
    base: "/console/",
    configFile: false,
    logLevel: "warn",
    clearScreen: false,
    esbuild: { jsx: "automatic" },
    build: {
      outDir: dist,
      emptyOutDir: true,
      sourcemap: false,
      // one chunk for the app, one for the charting library (loaded with the figures screen)
      chunkSizeWarningLimit: 900,
      modulePreload: { polyfill: false },
    },
  });
  writeFileSync(stamp, new Date().toISOString() + "\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes("--if-stale");
  if (ifStale && !consoleIsStale()) process.exit(0);
  const started = Date.now();
  await buildConsole();
  console.error(`console built in ${((Date.now() - started) / 1000).toFixed(1)}s → console/dist`);
}
