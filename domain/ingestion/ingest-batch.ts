// Takes in a batch of agency events (a Kafka batch of one partition, or the push API's events)
// in ONE transaction of set-based statements on plain `pg`, with the guarantees of events.md:
//  - each (source, eventId) is claimed with its content hash (claim-events.ts): a second
//    delivery with the same content is a no-op, other content is a conflict, rejected and kept;
//  - every subject is linked to a child (identity/resolve-batch.ts), in the batch's order;
//  - records, household links and ratings are written in rounds (rounds.ts), so each child's
//    picture is rated after each of its events in order, making the notifications one event at a
//    time would make;
//  - rejected events are kept as RejectedEvent rows with every issue, in the same transaction.
// Nothing is committed unless everything is: a failure rolls the whole batch back, and the
// caller (the consumer) splits the batch to find the event that fails.
import type { Db } from "#db/client.ts";
import { sqlPool, type SqlPool } from "#db/client.ts";
import { inPgTransaction, type SqlTx } from "#db/sql-tx.ts";
import { adapterForType } from "#connectors/registry.ts";
import { upsertRows } from "#connectors/shared/upsert-rows.ts";
import type { RowWrite } from "#connectors/shared/upsert-row.ts";
import { resolveBatch } from "#identity/resolve-batch.ts";
import { linkHouseholds } from "#household/link-households.ts";
import { householdRef } from "#household/household-ref.ts";
import { familiesWithPlans, type Family } from "#notifications/family.ts";

import { FAMILY_SOURCES, rateEvents } from "#notifications/rate-events.ts";
import { lockChildren } from "#notifications/rate-child.ts";
import { DEFAULT_RATING_SETTINGS, readsFamily } from "#notifications/rating-settings.ts";
import { validateEvent } from "./validate-event.ts";
import type { AgencyEvent } from "./event-schema.ts";
import { claimEvents, type Claim } from "./claim-events.ts";
import { recordRejections, type Rejection } from "./record-rejections.ts";
import { splitIntoRounds } from "./rounds.ts";
import { retryOnRace } from "./retry-transaction.ts";
import type { IngestMeta, IngestOptions, IngestOutcome } from "./ingest-event.ts";

export interface BatchInput {
  raw: Buffer | object;
  meta: IngestMeta;
  /** For a Kafka topic: the one source it carries. */
  expectedSource?: IngestOptions["expectedSource"];
}

export type BatchOptions = Omit<IngestOptions, "expectedSource">;

interface Valid {
  index: number;
  input: BatchInput;
  event: AgencyEvent;
  body: Record<string, unknown>;
  hash: string;
}

export async function ingestBatch(
  db: Db,
  inputs: readonly BatchInput[],
  options: BatchOptions,
): Promise<IngestOutcome[]> {
  const outcomes: Array<IngestOutcome | undefined> = inputs.map(() => undefined);
  const rejected: Rejection[] = [];
  const valid: Valid[] = [];
  inputs.forEach((input, index) => {
    const v = validateEvent(input.raw, {
      maxBytes: options.maxEventBytes,
      ...(options.now ? { now: options.now } : {}),
      ...(input.expectedSource ? { expectedSource: input.expectedSource } : {}),
    });
    if (v.ok) {
      valid.push({ index, input, event: v.event, body: v.body, hash: v.hash });
      return;
    }
    rejected.push({ raw: input.raw, meta: input.meta, reason: v.reason, issues: v.issues });
    outcomes[index] = {
      status: "REJECTED",
      reason: v.reason,
      issues: v.issues,
      eventId: v.eventId,
      source: v.source,
    };
  });
  const pool = sqlPool(db);
  const keep = options.keepRejected !== false;
  if (valid.length > 0) {
    const identified = await withRetry(pool, (tx) => identifyFirst(tx, valid));
    // the rejected events are kept in the batch's own transaction (one commit for the batch):
    // the invalid ones before it takes any rating lock, the conflicts its claim finds after
    const stored = await withRetry(pool, async (tx) => {
      if (keep) await recordRejections(tx, rejected);
      const batch = await storeBatch(tx, valid, identified, options);
      if (keep) await recordRejections(tx, batch.conflicts);
      return batch;
    });
    for (const [index, outcome] of stored.outcomes) outcomes[index] = outcome;
  } else if (keep && rejected.length > 0) {
    await inPgTransaction(pool, (tx) => recordRejections(tx, rejected));
  }
  return outcomes.map((o) => {
    if (!o) throw new Error("an event of the batch was left without an outcome");
    return o;
  });
}

interface Stored {
  outcomes: Array<[number, IngestOutcome]>;
  conflicts: Rejection[];
}

/**
 * A batch transaction (index probes costed for a database in memory), run again while it loses
 * a race: a deadlock, or an identifier or event another transaction added first.
 */
function withRetry<T>(pool: SqlPool, work: (tx: SqlTx) => Promise<T>): Promise<T> {
  return retryOnRace(() => inPgTransaction(pool, work, { memoryCosts: true }), 5, 20);
}

/**
 * Links the subjects of the events not taken in yet to children, in a short transaction of its
 * own: a child made here is committed before the batch's long transaction, so the identity block
 * locks (which make concurrent batches that could make two children of one person wait for each
 * other) are held for milliseconds, not for the whole batch. It is idempotent: should the batch's
 * own transaction fail, a later delivery finds the same children by their identifiers. An event
 * already received (a duplicate, or a conflict that must make nothing) is left out.
 */
async function identifyFirst(tx: SqlTx, valid: readonly Valid[]): Promise<Map<Valid, string>> {
  const held = await tx.$queryRaw<Array<{ source: string; eventId: string }>>`
    SELECT e."source"::text AS "source", e."eventId"
      FROM unnest(${valid.map((v) => v.event.source)}::"Agency"[],
                  ${valid.map((v) => v.event.eventId)}::text[]) AS w(source, event_id)
      JOIN "InboundEvent" e ON e."source" = w.source AND e."eventId" = w.event_id`;
  const received = new Set(held.map((h) => `${h.source}|${h.eventId}`));
  const fresh = valid.filter((v) => {
    const key = `${v.event.source}|${v.event.eventId}`;
    if (received.has(key)) return false;
    received.add(key); // a second event with this id in the batch follows the first
    return true;
  });
  const resolved = await resolveBatch(
    tx,
    fresh.map((v) => ({ source: v.event.source, subject: v.event.subject })),
  );
  return new Map(fresh.map((v, i) => [v, resolved[i]!.personId]));
}

/**
 * The child of each claimed event: the one identified first, unless it was merged into another
 * meanwhile (a screener's review) or was not identified (a claim that raced); those are resolved
 * again here.
 */
async function childrenOf(
  tx: SqlTx,
  claimed: readonly Valid[],
  identified: ReadonlyMap<Valid, string>,
): Promise<string[]> {
  const ids = [...new Set(claimed.flatMap((v) => identified.get(v) ?? []))];
  const merged = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id"::text AS "id" FROM "Person"
     WHERE "id" = ANY(${ids}::uuid[]) AND "mergedIntoId" IS NOT NULL`;
  const stale = new Set(merged.map((m) => m.id));
  const again = claimed.filter((v) => {
    const id = identified.get(v);
    return !id || stale.has(id);
  });
  const resolved =
    again.length > 0
      ? await resolveBatch(
          tx,
          again.map((v) => ({ source: v.event.source, subject: v.event.subject })),
        )
      : [];
  const fresh = new Map(again.map((v, i) => [v, resolved[i]!.personId]));
  return claimed.map((v) => fresh.get(v) ?? identified.get(v)!);
}

async function storeBatch(
  tx: SqlTx,
  valid: Valid[],
  identified: ReadonlyMap<Valid, string>,
  options: BatchOptions,
): Promise<Stored> {
  const settings = options.rating ?? DEFAULT_RATING_SETTINGS;
  const out: Array<[number, IngestOutcome]> = [];
  const conflicts: Rejection[] = [];
  const conflict = (v: Valid) => {
    const issues = [
      {
        path: "eventId",
        message: `an event with this eventId from ${v.event.source} was already received with different content; the first is kept`,
      },
    ];
    conflicts.push({ raw: v.input.raw, meta: v.input.meta, reason: "CONFLICT", issues });
    out.push([
      v.index,
      {
        status: "REJECTED",
        reason: "CONFLICT",
        issues,
        eventId: v.event.eventId,
        source: v.event.source,
      },
    ]);
  };

  // the same (source, eventId) twice in one batch: the first is claimed, the rest follow it
  const firsts: Valid[] = [];
  const repeats: Array<{ v: Valid; first: Valid }> = [];
  const seen = new Map<string, Valid>();
  for (const v of valid) {
    const key = `${v.event.source}|${v.event.eventId}`;
    const first = seen.get(key);
    if (first) repeats.push({ v, first });
    else {
      seen.set(key, v);
      firsts.push(v);
    }
  }
  const claims = await claimEvents(
    tx,
    firsts.map((v) => ({
      event: v.event,
      body: v.body,
      hash: v.hash,
      via: v.input.meta.via,
      personId: identified.get(v),
    })),
  );
  const claimOf = new Map<Valid, Claim>(firsts.map((v, i) => [v, claims[i]!]));
  const claimed = firsts.filter((v) => claimOf.get(v)?.status === "CLAIMED");

  const children = await childrenOf(tx, claimed, identified);
  const events = claimed.map((v, i) => {
    const claim = claimOf.get(v) as Extract<Claim, { status: "CLAIMED" }>;
    const personId = children[i]!;
    const adapter = adapterForType(v.event.type);
    if (!adapter) throw new Error(`no adapter for event type ${v.event.type}`);
    const ctx = {
      personId,
      inboundEventId: claim.inboundEventId,
      occurredAt: new Date(v.event.occurredAt),
    };
    return { v, ctx, adapter, row: adapter.row(ctx, v.event.payload) };
  });
  // an event is claimed with the child identified first; only one whose child changed since (a
  // merge meanwhile, or a claim that raced) is linked again
  await linkEventsToChildren(
    tx,
    events.filter((e) => e.ctx.personId !== identified.get(e.v)).map((e) => e.ctx),
  );

  // rounds: what each event touches (its child, its record, and its family when that is rated)
  const familyMatters = readsFamily(settings.ruleSet);
  const families = familyMatters
    ? await familiesWithPlans(
        tx,
        events.filter((e) => FAMILY_SOURCES.has(e.adapter.source)).map((e) => e.ctx.personId),
      )
    : new Map<string, Family>();
  const items = events.map((e) => {
    const family = familyMatters && FAMILY_SOURCES.has(e.adapter.source);
    // the children its rating may rate: its own, and its family's when the family is read
    const rated = [
      e.ctx.personId,
      ...(family ? (families.get(e.ctx.personId)?.members ?? []).map((m) => m.personId) : []),
    ];
    return {
      ...e,
      rated,
      keys: [
        ...rated.map((c) => `c:${c}`),
        recordKey(e.row),
        ...(family ? householdKeys(e.adapter, e.v.event.payload) : []),
      ],
    };
  });
  // Every child the rounds will rate, locked at once in the one order. Each round's rating locks
  // its own children; a later round's children taken after an earlier round's are out of that
  // order, and two batches doing so deadlocked, which PostgreSQL finds only after
  // deadlock_timeout (1 s) with both partitions waiting (decision 75).
  await lockChildren(
    tx,
    items.flatMap((e) => e.rated),
  );
  const notifications = new Map<string, string | undefined>();
  for (const round of splitIntoRounds(items)) {
    await upsertRows(
      tx,
      round.map((e) => e.row),
    );
    await linkHouseholds(
      tx,
      round.map((e) => ({
        adapter: e.adapter,
        childId: e.ctx.personId,
        payload: e.v.event.payload,
      })),
    );
    const made = await rateEvents(
      tx,
      round.map((e) => ({ ...e.ctx, source: e.adapter.source })),
      settings,
    );
    round.forEach((e, i) => notifications.set(e.ctx.inboundEventId, made[i]));
  }

  const byFirst = new Map<Valid, IngestOutcome>();
  events.forEach((e, i) => {
    const outcome: IngestOutcome = {
      status: "ACCEPTED",
      eventId: e.v.event.eventId,
      source: e.v.event.source,
      inboundEventId: e.ctx.inboundEventId,
      personId: children[i]!,
      notificationId: notifications.get(e.ctx.inboundEventId),
    };
    byFirst.set(e.v, outcome);
    out.push([e.v.index, outcome]);
  });
  for (const v of firsts) {
    const claim = claimOf.get(v)!;
    if (claim.status === "CONFLICT") conflict(v);
    if (claim.status === "DUPLICATE") {
      const outcome: IngestOutcome = {
        status: "DUPLICATE",
        eventId: v.event.eventId,
        source: v.event.source,
        inboundEventId: claim.inboundEventId,
        personId: claim.personId,
        notificationId: undefined,
      };
      byFirst.set(v, outcome);
      out.push([v.index, outcome]);
    }
  }
  // a repeat is compared with what is stored under its id: the first's content, or (when the
  // first was itself a conflict) the event received before the batch
  for (const { v, first } of repeats) {
    const claim = claimOf.get(first);
    const before = byFirst.get(first);
    const stored =
      before && before.status !== "REJECTED"
        ? { hash: first.hash, inboundEventId: before.inboundEventId, personId: before.personId }
        : claim?.status === "CONFLICT"
          ? claim.held
          : undefined;
    if (!stored || v.hash !== stored.hash) {
      conflict(v);
      continue;
    }
    out.push([
      v.index,
      {
        status: "DUPLICATE",
        eventId: v.event.eventId,
        source: v.event.source,
        inboundEventId: stored.inboundEventId,
        personId: stored.personId,
        notificationId: undefined,
      },
    ]);
  }
  return { outcomes: out, conflicts };
}

/** InboundEvent.personId for the events whose child is not the one they were claimed with. */
async function linkEventsToChildren(
  tx: SqlTx,
  links: ReadonlyArray<{ inboundEventId: string; personId: string }>,
): Promise<void> {
  if (links.length === 0) return;
  await tx.$executeRaw`
    UPDATE "InboundEvent" e SET "personId" = l.person
      FROM unnest(${links.map((l) => l.inboundEventId)}::uuid[], ${links.map((l) => l.personId)}::uuid[])
        AS l(id, person)
     WHERE e."id" = l.id`;
}

/** The record an event writes, by its table's unique key. */
function recordKey(row: RowWrite): string {
  return `r:${row.table}:${row.key.map(([, v]) => (v instanceof Date ? v.toISOString() : String(v))).join("|")}`;
}

/** The households an event joins (a family id, a parents' reference) and the parents it names. */
function householdKeys(
  adapter: NonNullable<ReturnType<typeof adapterForType>>,
  payload: unknown,
): string[] {
  const links = adapter.household;
  if (!links) return [];
  const family = links.family?.(payload);
  const parents = links.parents?.(payload);
  return [
    ...(family !== undefined ? [`h:${householdRef(adapter.source, family)}`] : []),
    ...(parents ? [`h:${householdRef(adapter.source, parents.reference)}`] : []),
    ...(parents?.adults ?? []).map(
      (a) => `a:${a.givenName}|${a.familyName}|${a.dateOfBirth ?? ""}`,
    ),
  ];
}
