// A hub killed between the decision and the referrer's e-mail: the e-mail was persisted with the
// decision, so the hub started again on the same database tells the referrer — once.
import { afterAll, describe, expect, it } from "@jest/globals";
import { signDevelopmentToken, type TokenClaims } from "#auth/sign-token.ts";
import { createDb } from "#db/client.ts";
import { TEST_JWT_SECRET } from "../../support/hub.ts";
import { createTestDatabase } from "../../support/database.ts";
import { freePort, startHubProcess, type HubProcess } from "../ingestion/hub-process.ts";
import { eventually, newChild, startSmtpSink } from "../notifications/helpers.ts";
import { DECIDE, SCREEN, SUBMIT_REFERRAL, referralInput } from "./helpers.ts";

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  // each clean-up is given a minute (a hub that hangs must not keep the database alive)
  for (const c of cleanups.reverse()) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      c().catch(() => undefined),
      new Promise((r) => (timer = setTimeout(r, 60_000))),
    ]);
    clearTimeout(timer);
  }
}, 180_000);

async function gql<T>(
  hub: HubProcess,
  claims: TokenClaims,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data?: T; errors?: Array<{ message: string }> }> {
  const token = await signDevelopmentToken(TEST_JWT_SECRET, claims);
  const res = await fetch(`${hub.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
}

describe("a hub killed between the decision and the referrer's e-mail", () => {
  it("tells the referrer once, after it is started again", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const db = createDb(database.url, 2);
    cleanups.push(() => db.$disconnect());
    const smtp = await startSmtpSink();
    await smtp.stop(); // the mail server is down when the decision is made
    cleanups.push(() => smtp.stop());
    const env = (port: number) => ({
      NODE_ENV: "test",
      PORT: String(port),
      LOG_LEVEL: "error",
      DATABASE_URL: database.url,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      SMTP_URL: smtp.url,
      ALERT_EMAIL_POLL_MS: "100",
      ALERT_EMAIL_RETRY_BASE_MS: "100",
      ALERT_EMAIL_RETRY_MAX_MS: "300",
    });

    const first = await startHubProcess(env(await freePort()));
    cleanups.push(async () => void first.child.kill("SIGKILL"));
    const school = {
      sub: "hill-primary-portal",
      role: "AGENCY_SYSTEM",
      agency: "EDUCATION",
    } as const;
    const referred = await gql<{ submitReferral: { notificationId: string } }>(
      first,
      school,
      SUBMIT_REFERRAL,
      { input: referralInput(newChild()) },
    );
    const id = referred.data!.submitReferral.notificationId;
    const screened = await gql(first, { sub: "screener-1", role: "MASH_SCREENER" }, SCREEN, {
      id,
      rag: "AMBER",
      rationale: "Checks done.",
    });
    expect(screened.errors).toBeUndefined();
    const decided = await gql(first, { sub: "manager-1", role: "MASH_MANAGER" }, DECIDE, {
      id,
      outcome: "EARLY_HELP",
      rationale: "Early help assessment with the school as lead.",
    });
    expect(decided.errors).toBeUndefined();
    await eventually("an attempt while the mail server is down", async () => {
      const row = await db.referrerEmail.findUnique({ where: { notificationId: id } });
      return row !== null && row.attempts >= 1;
    });

    first.child.kill("SIGKILL");
    expect(await first.exited).toBe(null);
    expect(smtp.mails).toEqual([]);
    expect(
      (await db.referrerEmail.findUniqueOrThrow({ where: { notificationId: id } })).status,
    ).toBe("PENDING");

    await smtp.restart();
    const second = await startHubProcess(env(await freePort()));
    cleanups.push(async () => void second.child.kill("SIGKILL"));
    const mail = await eventually(
      "the referrer's e-mail after the restart",
      () => smtp.mails[0],
      60_000,
    );
    expect(mail.to).toEqual(["dsl@hill-primary.example.org"]);
    expect(mail.raw).toContain("early help");
    await new Promise((r) => setTimeout(r, 1_500)); // more worker passes
    expect(smtp.mails).toHaveLength(1);

    const seen = await gql<{
      notifications: { edges: Array<{ id: string; referrerInformedAt: string | null }> };
    }>(
      second,
      { sub: "manager-1", role: "MASH_MANAGER" },
      `query { notifications(filter: { kind: REFERRAL }) { edges { id referrerInformedAt } } }`,
      {},
    );
    expect(seen.data?.notifications.edges.find((n) => n.id === id)?.referrerInformedAt).toEqual(
      expect.any(String),
    );
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 240_000);
});
