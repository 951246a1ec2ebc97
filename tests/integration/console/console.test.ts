// The web console in real Chromium against a real hub with the demo day loaded: a screener
// screens a contact and an early help manager's open console shows the alert live; withheld
// fields say why; an unrelated early help manager sees no trace of another family; every page
// passes axe-core's WCAG 2.2 A/AA rules with no serious or critical violation, and a screenshot
// of each is kept in tests/output/screenshots.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Browser, Page } from "playwright-core";
import { startTestHub, type TestHub } from "../../support/hub.ts";
import {
  launchChromium,
  newWindow,
  screenshot,
  seriousAxeViolations,
  signInWithToken,
} from "../../support/browser.ts";
import { loadDemoDay, type DemoDay } from "#demo/load-day.ts";
import { DEMO_PEOPLE } from "#demo/people.ts";

describe("the web console", () => {
  let t: TestHub;
  let browser: Browser;
  let day: DemoDay;
  const tokens: Record<string, string> = {};

  /** axe-core on the page as it is now, and a screenshot named after it. */
  const check = async (page: Page, name: string, problems: string[]) => {
    await screenshot(page, name);
    expect({ page: name, violations: await seriousAxeViolations(page) }).toEqual({
      page: name,
      violations: [],
    });
    expect({ page: name, problems }).toEqual({ page: name, problems: [] });
  };

  beforeAll(async () => {
    t = await startTestHub();
    day = await loadDemoDay(t.url, (claims) => t.token(claims), {
      backdate: async (id, hours) => {
        await t.hub.services.db.$executeRaw`
          UPDATE "MashNotification"
             SET "createdAt" = now() - make_interval(hours => ${hours}),
                 "dueBy" = now() - make_interval(hours => ${hours}) + interval '4 hours'
           WHERE id = ${id}::uuid`;
      },
    });
    for (const [key, p] of Object.entries(DEMO_PEOPLE)) tokens[key] = await t.token(p);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it("serves the console from the hub with a policy that allows only the hub itself", async () => {
    const res = await fetch(`${t.url}/console/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:\/\//);
    const html = await res.text();
    // every script and stylesheet comes from the hub
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.filter((s) => !s.startsWith("/console/") && !s.startsWith("data:"))).toEqual([]);
    expect((await fetch(`${t.url}/console/child/anything`)).status).toBe(200); // a screen's address
    // and, for integrators, the machine-readable descriptions without a token
    const openapi = (await (await fetch(`${t.url}/openapi.json`)).json()) as { openapi: string };
    const asyncapi = (await (await fetch(`${t.url}/asyncapi.json`)).json()) as { asyncapi: string };
    expect([openapi.openapi, asyncapi.asyncapi]).toEqual(["3.1.0", "3.0.0"]);
  });

  it("signs a screener in with a pasted development token and shows the queue, most urgent first, overdue marked", async () => {
    const { page, problems, context } = await newWindow(browser);
    await page.goto(`${t.url}/console/`);
    await page.getByRole("heading", { name: "Sign in to the MASH hub" }).waitFor();
    expect(await page.getByText("npm run token -- --role MASH_SCREENER").count()).toBeGreaterThan(
      0,
    );
    await check(page, "01-sign-in", problems);

    await page.getByLabel("Development token").fill(tokens["screener"]!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Queue" }).waitFor();
    await page.getByTestId("queue-row").first().waitFor();
    const rows = await page.getByTestId("queue-row").allInnerTexts();
    // Noah's RED contact was received six hours ago: overdue, and first
    expect(rows[0]).toMatch(/RED[\s\S]*Noah Patel[\s\S]*Overdue by/);
    // ratings are words as well as colours
    expect(rows.every((r) => /\b(RED|AMBER|GREEN)\b/.test(r))).toBe(true);
    expect(rows.some((r) => r.includes("Freya Ahmed"))).toBe(true);
    await check(page, "02-screener-queue", problems);

    // keyboard: focus starts on the new screen's heading and moves on to its first control; the
    // skip link is the first thing in the page to tab to
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("Queue");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.id")).toBe(
      await page.getByLabel("Status").getAttribute("id"),
    );
    expect(
      await page.evaluate(
        'document.querySelector("a[href], button, input, select, textarea")?.textContent',
      ),
    ).toBe("Skip to main content");
    await context.close();
  });

  it("a screener screens a contact and the early help manager's open console shows the alert live", async () => {
    const ehm = await newWindow(browser);
    await signInWithToken(ehm.page, t.url, tokens["earlyHelpManager"]!, "/console/alerts");
    await ehm.page.getByTestId("live-state").getByText("Live:").waitFor();
    expect(await ehm.page.getByTestId("alert").filter({ hasText: "Freya Ahmed" }).count()).toBe(0);

    const screener = await newWindow(browser);
    await signInWithToken(screener.page, t.url, tokens["screener"]!);
    await screener.page
      .getByTestId("queue-row")
      .filter({ hasText: "Freya Ahmed" })
      .getByRole("link")
      .click();
    const panel = screener.page.getByTestId("notification-panel");
    await panel.waitFor();
    // the police summary is withheld: it says why, and what would lift it
    const withheld = screener.page.getByTestId("police-record").getByTestId("withheld").first();
    await withheld.waitFor();
    expect(await withheld.innerText()).toMatch(
      /No consent covering POLICE information[\s\S]*Record the family's consent covering POLICE/,
    );
    await check(screener.page, "03-screener-child-view", screener.problems);

    await panel
      .getByLabel("Rationale", { exact: true })
      .fill("Second domestic abuse incident at home; early help to know today.");
    await panel.getByRole("button", { name: "Confirm screening" }).click();
    await panel.getByRole("heading", { name: /Screened/ }).waitFor();

    // the alert arrives on the early help manager's open page, without a reload
    const alert = ehm.page.getByTestId("alert").filter({ hasText: "Freya Ahmed" });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.innerText()).toContain("AMBER");
    expect(await ehm.page.getByTestId("announcer").innerText()).toContain(
      "New AMBER alert for Freya Ahmed",
    );
    await check(ehm.page, "04-early-help-live-alert", ehm.problems);
    await alert.getByRole("button", { name: /Acknowledge/ }).click();
    await alert.getByText("Acknowledged").waitFor();
    await ehm.context.close();
    await screener.context.close();
  });

  it("a MASH manager decides the contact where the hub serves decide, and is told plainly where it does not", async () => {
    const { page, problems, context } = await newWindow(browser);
    await signInWithToken(
      page,
      t.url,
      tokens["manager"]!,
      `/console/child/${day.children["freya"]}?notification=${day.notifications["freya"]}`,
    );
    const panel = page.getByTestId("notification-panel");
    await panel.waitFor();
    const decideServed = await page.getByRole("heading", { name: "Decide" }).count();
    if (decideServed) {
      await panel.getByLabel("Outcome").selectOption("EARLY_HELP");
      await panel
        .getByLabel("Rationale for the decision")
        .fill("Early help is already working with the family; domestic abuse worker to join.");
      await panel.getByRole("button", { name: "Record decision" }).click();
      await panel.getByTestId("decision").waitFor();
      expect(await panel.getByTestId("decision").innerText()).toContain("Early help");
    } else {
      expect(
        await panel.getByTestId("not-served").filter({ hasText: "decide" }).innerText(),
      ).toContain("does not serve");
    }
    await check(page, "05-manager-decision", problems);

    // an override: the justification rules show as the manager types, and hold the button back
    const form = page.getByTestId("consent-form");
    await form.getByLabel("What was recorded").selectOption("OVERRIDDEN");
    const justification = form.getByLabel("Justification for sharing without consent");
    await justification.fill("too\u200b short");
    expect(
      await form.getByText(/At least 20 visible characters \(\d+ so far\) — not yet/).count(),
    ).toBe(1);
    expect(await form.getByRole("button", { name: "Record override" }).isDisabled()).toBe(true);
    await justification.fill(
      "Repeated domestic abuse with the child present: police detail needed now.",
    );
    expect(await form.getByText(/At least 3 words \(\d+ so far\) — met/).count()).toBe(1);
    await check(page, "06-manager-override", problems);
    await form.getByRole("button", { name: "Record override" }).click();
    // the police summary is now disclosed to the manager
    await page
      .getByTestId("police-record")
      .getByText("Verbal altercation between parents")
      .waitFor();
    await context.close();
  });

  it("an unrelated early help manager sees no trace of another family", async () => {
    const { page, problems, context } = await newWindow(browser);
    await signInWithToken(page, t.url, tokens["otherEarlyHelpManager"]!, "/console/alerts");
    await page.getByTestId("alert").filter({ hasText: "Mia Wilson" }).waitFor(); // their own family
    const others = /Amelia|Freya|Jones|Ahmed|Noah|Isla/;
    expect(await page.locator("body").innerText()).not.toMatch(others);
    await check(page, "07-other-early-help-alerts", problems);

    await page.goto(`${t.url}/console/child/${day.children["freya"]}`);
    await page.getByTestId("no-record").waitFor();
    expect(await page.locator("body").innerText()).not.toMatch(others);
    await check(page, "08-other-early-help-no-record", problems);

    await page.goto(`${t.url}/console/families`);
    await page.getByLabel("Family name").fill("Ahmed");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText("0 matches").waitFor();
    expect(await page.locator("body").innerText()).not.toMatch(others);
    await check(page, "09-other-early-help-families", problems);
    await context.close();
  });

  it("every other screen passes the accessibility check, at a laptop's size and a tablet's", async () => {
    let visited = 0;
    const visit = async (
      who: string,
      path: string,
      name: string,
      ready: (p: Page) => Promise<unknown>,
      size: "laptop" | "tablet" = "laptop",
    ) => {
      const w = await newWindow(browser, size);
      await signInWithToken(w.page, t.url, tokens[who]!, path);
      await ready(w.page);
      await check(w.page, name, w.problems);
      await w.context.close();
      visited++;
    };
    const h1 = (text: string | RegExp) => (p: Page) =>
      p.getByRole("heading", { level: 1, name: text }).waitFor();
    await visit("screener", "/console/find", "10-find-child", async (p) => {
      await p.getByLabel("Family name").fill("Jones");
      await p.getByRole("button", { name: "Search" }).click();
      await p.getByText(/\d+ match/).waitFor();
    });
    await visit("screener", "/console/matches", "11-match-reviews", h1("Match reviews"));
    await visit("screener", "/console/escalations", "12-escalations", h1("Escalations"));
    await visit("screener", "/console/daily", "13-daily-discussion", h1(/Daily discussion/));
    await visit("manager", "/console/figures", "14-figures", async (p) =>
      p.getByTestId("chart").first().waitFor(),
    );
    await visit(
      "manager",
      `/console/child/${day.children["amelia"]}/access-log`,
      "15-access-log-manager",
      async (p) => p.getByTestId("access-event").first().waitFor(),
    );
    await visit(
      "auditor",
      `/console/child/${day.children["amelia"]}/access-log`,
      "16-access-log-auditor",
      async (p) => p.getByTestId("access-event").first().waitFor(),
    );
    await visit("earlyHelpManager", "/console/families", "17-early-help-families", async (p) =>
      p.getByText("Amelia Jones").first().waitFor(),
    );
    await visit(
      "earlyHelpManager",
      `/console/child/${day.children["amelia"]}`,
      "18-early-help-child-view",
      async (p) => p.getByTestId("chronology-picture").waitFor(),
    );
    await visit(
      "earlyHelpManager",
      `/console/child/${day.children["amelia"]}/step-up`,
      "19-step-up-request",
      h1("Ask the MASH to step up"),
    );
    await visit("leadProfessional", "/console/alerts", "20-lead-professional-alerts", async (p) =>
      p.getByTestId("alert").first().waitFor(),
    );
    await visit(
      "screener",
      "/console/queue",
      "21-tablet-queue",
      async (p) => p.getByTestId("queue-row").first().waitFor(),
      "tablet",
    );
    await visit(
      "screener",
      `/console/child/${day.children["isla"]}`,
      "22-tablet-child-view",
      async (p) => p.getByTestId("chronology-picture").waitFor(),
      "tablet",
    );
    expect(visited).toBe(13);
  });

  it("the chronology picture opens a record from the keyboard", async () => {
    const { page, problems, context } = await newWindow(browser);
    await signInWithToken(
      page,
      t.url,
      tokens["screener"]!,
      `/console/child/${day.children["amelia"]}`,
    );
    const entry = page
      .getByTestId("chronology-entry")
      .filter({ has: page.locator("title", { hasText: "Police" }) })
      .first();
    await entry.focus();
    await page.keyboard.press("Enter");
    // the police record it stands for now has focus
    await page.waitForFunction(
      'document.activeElement?.getAttribute("data-testid") === "police-record"',
    );
    await check(page, "23-chronology", problems);
    await context.close();
  });
});
