// Real Chromium for the console's browser tests: Debian's chromium (installed by
// tools/scripts/ensure-chromium.sh where it is missing), driven by playwright-core; axe-core
// injected into the page for the accessibility check; a screenshot of every page kept under
// tests/output/screenshots.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCREENSHOTS = path.join(root, "tests/output/screenshots");

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = execFileSync(
    "bash",
    [path.join(root, "tools/scripts/ensure-chromium.sh")],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  ).trim();
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
}

/** A browser window of its own (cookies, session storage) at a laptop's size, or a tablet's. */
export async function newWindow(
  browser: Browser,
  size: "laptop" | "tablet" = "laptop",
  /** Only problems of pages from here are counted (an identity provider's own pages are not ours). */
  origin?: string,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: size === "laptop" ? { width: 1280, height: 800 } : { width: 820, height: 1180 },
    locale: "en-GB",
    timezoneId: "Europe/London",
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const ours = () => !origin || page.url().startsWith(origin);
  page.on("pageerror", (e) => {
    if (ours()) problems.push(`page error: ${e.message}`);
  });
  page.on("console", (m) => {
    if (!ours()) return;
    // a Content-Security-Policy refusal or a script error is a problem; the capability probes'
    // 400 answers (operations this hub does not serve yet) are expected
    if (m.type() === "error" && !/status of 400/.test(m.text())) problems.push(m.text());
  });
  return { context, page, problems };
}

export async function signInWithToken(
  page: Page,
  baseUrl: string,
  token: string,
  path = "/console/",
) {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel("Development token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Signed in as").waitFor();
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
}

/**
 * axe-core's WCAG 2.x A/AA rules on the page as it is; returns the serious and critical
 * violations (empty when there are none). Injected through the DevTools protocol, which the
 * page's Content-Security-Policy does not govern.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(`
    axe
      .run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        resultTypes: ["violations"],
      })
      .then((result) =>
        result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.length,
          targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
        })),
      )
  `)) as AxeViolation[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
