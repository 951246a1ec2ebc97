// Live alerts for the access tests: an alert raised the way the hub raises one (a row, then
// NOTIFY on commit) and a real graphql-ws client that keeps every result it is sent.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { ALERT_CHANNEL } from "#alerts/live-channel.ts";
import { ROLE_MASH } from "#alerts/recipients.ts";
import type { Db } from "#db/client.ts";
import { createNotification } from "./fixtures.ts";

export interface LiveResult {
  data?: Record<string, unknown> | null;
  errors?: Array<{
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }>;
}

/** A new notification about the child and an in-app alert for it; resolves to the alert's id. */
export async function raiseAlert(db: Db, childId: string, recipient = ROLE_MASH): Promise<string> {
  const notificationId = await createNotification(db, childId);
  return db.$transaction(async (tx) => {
    const alert = await tx.alert.create({
      data: { notificationId, rag: "AMBER", recipient, channels: ["IN_APP"], stage: "SCREENED" },
    });
    await tx.$executeRaw`SELECT pg_notify(${ALERT_CHANNEL}, ${alert.id})`;
    return alert.id;
  });
}

export interface LiveClient {
  results: LiveResult[];
  /** The close code, once the socket is closed. */
  closedWith: number | undefined;
  /** Waits for a result (already received or still to come) that satisfies `match`. */
  until(
    what: string,
    match: (r: LiveResult, index: number) => boolean,
    ms?: number,
  ): Promise<LiveResult>;
  /** Raises alerts until one reaches this subscriber: from then on, it receives every alert. */
  ready(raise: () => Promise<string>): Promise<void>;
  close(): Promise<void>;
}

export const alertIdOf = (r: LiveResult): string | undefined =>
  (r.data?.["alertRaised"] as { id?: string } | null | undefined)?.id;

/** A graphql-ws client with one subscription (or operation) open. */
export async function openLive(
  hubUrl: string,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<LiveClient> {
  const results: LiveResult[] = [];
  const live: LiveClient = {
    results,
    closedWith: undefined,
    async until(what, match, ms = 20_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = results.find(match);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(`still waiting for: ${what} (got ${JSON.stringify(results)})`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async ready(raise) {
      for (let attempt = 0; attempt < 40; attempt++) {
        const id = await raise();
        const deadline = Date.now() + 500;
        while (Date.now() < deadline) {
          if (results.some((r) => alertIdOf(r) === id) || results.some((r) => r.errors)) return;
          await new Promise((r) => setTimeout(r, 25));
        }
      }
      throw new Error("the subscription never received an alert");
    },
    close: () => client.dispose() as Promise<void>,
  };
  const client: Client = createClient({
    url: hubUrl.replace(/^http/, "ws") + "/graphql",
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined, // a close is recorded in closedWith
  });
  client.on("closed", (e) => {
    live.closedWith = (e as { code?: number }).code;
  });
  client.subscribe(
    { query, ...(variables ? { variables } : {}) },
    {
      next: (r) => void results.push(r as LiveResult),
      error: (e) => {
        if (Array.isArray(e)) results.push({ errors: e as LiveResult["errors"] });
      },
      complete: () => undefined,
    },
  );
  return live;
}
