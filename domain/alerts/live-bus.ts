// Each hub's live alert feed. One dedicated `pg` connection per hub LISTENs on the alert channel;
// PostgreSQL delivers a NOTIFY to every hub on the database only when the raising transaction
// commits. The hub loads the alert once and hands it to its own subscribers, each of whom keeps
// only the alerts addressed to them. Without DATABASE_URL (embedded PGlite, one connection) the
// bus polls for new in-app alerts instead.
import pg from "pg";
import type { Db } from "#db/client.ts";
import type { Logger } from "#logging/logger.ts";
import type { Viewer } from "#auth/viewer.ts";
import type { Worker } from "#runtime/worker.ts";
import { ALERT_CHANNEL } from "./live-channel.ts";
import { mapAlert, type Alert } from "./map-alert.ts";
import { isVisibleTo } from "./recipients.ts";

type Listener = (alert: Alert) => void;

export interface AlertBus extends Worker {
  /** Alerts for this viewer, as they are raised, until the iterator is returned. */
  subscribe(viewer: Viewer): AsyncIterableIterator<Alert>;
  /** Called for every alert raised anywhere (the e-mail worker wakes on it). */
  onAlert(listener: Listener): () => void;
}

export function createAlertBus(deps: {
  db: Db;
  databaseUrl: string | undefined;
  logger: Logger;
  reconnectMs?: number;
}): AlertBus {
  const log = deps.logger.child({ component: "alert-bus" });
  const listeners = new Set<Listener>();
  let client: pg.Client | undefined;
  let stopped = false;
  let ready = false;
  let poll: NodeJS.Timeout | undefined;

  async function deliver(alertId: string) {
    if (listeners.size === 0) return; // nobody on this hub is subscribed: nothing to read
    const row = await deps.db.alert.findUnique({
      where: { id: alertId },
      include: { notification: { select: { personId: true } } },
    });
    if (!row) return;
    const alert = mapAlert(row);
    for (const l of listeners) l(alert);
  }

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: deps.databaseUrl });
    c.on("notification", (msg) => {
      if (msg.channel !== ALERT_CHANNEL || !msg.payload) return;
      deliver(msg.payload).catch((err: unknown) => log.error({ err }, "alert delivery failed"));
    });
    c.on("error", (err) => {
      log.warn({ err }, "alert listener connection lost; reconnecting");
      ready = false;
      void c.end().catch(() => undefined);
      if (!stopped) setTimeout(() => void connect().catch(retry), deps.reconnectMs ?? 1000);
    });
    await c.connect();
    await c.query(`LISTEN ${ALERT_CHANNEL}`);
    client = c;
    ready = true;
  }
  const retry = (err: unknown) => {
    log.warn({ err }, "alert listener failed");
    if (!stopped) setTimeout(() => void connect().catch(retry), deps.reconnectMs ?? 1000);
  };

  function startPolling() {
    let since = new Date();
    const seen = new Set<string>();
    ready = true;
    poll = setInterval(() => {
      // Look back a little: a transaction that began earlier may commit after a later one.
      const from = new Date(since.getTime() - 5_000);
      deps.db.alert
        .findMany({
          where: { raisedAt: { gte: from }, channels: { has: "IN_APP" } },
          select: { id: true, raisedAt: true },
        })
        .then(async (rows) => {
          for (const r of rows) {
            if (seen.has(r.id)) continue;
            seen.add(r.id);
            if (r.raisedAt > since) since = r.raisedAt;
            await deliver(r.id);
          }
          if (seen.size > 10_000) seen.clear();
        })
        .catch((err: unknown) => log.error({ err }, "alert poll failed"));
    }, 500);
  }

  return {
    name: "alert-bus",
    async start() {
      if (deps.databaseUrl) await connect();
      else startPolling();
    },
    async stop() {
      stopped = true;
      ready = false;
      if (poll) clearInterval(poll);
      await client?.end().catch(() => undefined);
    },
    ready: () => ready,
    onAlert(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribe(viewer) {
      const queue: Alert[] = [];
      let wake: (() => void) | undefined;
      let done = false;
      const off = this.onAlert((alert) => {
        if (!isVisibleTo(viewer, alert.recipient, alert.channels)) return;
        queue.push(alert);
        wake?.();
      });
      const finish = () => {
        done = true;
        off();
        wake?.();
      };
      const iterator: AsyncIterableIterator<Alert> = {
        async next() {
          while (!done && queue.length === 0) await new Promise<void>((r) => (wake = r));
          wake = undefined;
          const value = queue.shift();
          return value ? { value, done: false } : { value: undefined, done: true };
        },
        async return() {
          finish();
          return { value: undefined, done: true };
        },
        async throw(error: unknown) {
          finish();
          throw error;
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },
  };
}
