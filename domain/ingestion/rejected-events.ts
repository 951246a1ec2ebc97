// Rejected agency events, for MASH managers: the list (why each was refused: reason and issues,
// never what it said), the raw content only for a stated purpose that is audited, a replay (the
// event as it was, or fixed) and a discard, both audited. Rows go once replayed or discarded,
// and after REJECTED_EVENT_RETENTION_DAYS whatever happens (purge()).
import type { Db } from "#db/client.ts";
import type { Viewer } from "#auth/viewer.ts";
import type { AuditService } from "#audit/audit-service.ts";
import type { NewAccessEvent } from "#audit/append-access-events.ts";
import { POLICY_VERSION } from "#access/categories.ts";
import { statementProblem } from "#access/override-justification.ts";
import { isChildId } from "#access/request-access.ts";
import { badInput, forbidden, notFound, unauthenticated } from "#errors/domain-error.ts";
import { ingestEvent } from "./ingest-event.ts";
import { toResult } from "./submit-events.ts";
import type { RatingSettings } from "#notifications/rating-settings.ts";
import type { RejectReason, ValidationIssue } from "./validate-event.ts";

export interface RejectedEventView {
  id: string;
  via: string;
  agency: string | null;
  topic: string | null;
  partition: number | null;
  offset: string | null;
  reason: RejectReason;
  issues: ValidationIssue[];
  rejectedAt: Date;
  expiresAt: Date;
  sizeBytes: number;
}

export interface RejectedEventPage {
  edges: RejectedEventView[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface ReplayResult {
  rejectedEventId: string;
  replayed: boolean;
  eventId: string;
  childId: string | null;
  duplicate: boolean;
  issues: ValidationIssue[];
}

export interface RejectedEventDeps {
  db: Db;
  audit: Pick<AuditService, "appendInTx">;
  maxEventBytes: number;
  retentionDays: number;
  /** The rule set and timescales a replayed event is rated with (as for any event). */
  rating?: RatingSettings;
}

const DAY = 86_400_000;

export function createRejectedEventService(deps: RejectedEventDeps) {
  const { db } = deps;
  const retentionMs = deps.retentionDays * DAY;

  function manager(viewer: Viewer | null): Viewer {
    if (!viewer) throw unauthenticated();
    if (viewer.role !== "MASH_MANAGER") {
      throw forbidden("Only a MASH manager may review rejected events");
    }
    return viewer;
  }

  function purposeOf(purpose: string): string {
    const problem = statementProblem(purpose, "a purpose is needed");
    if (problem) throw badInput(problem, { field: "purpose" });
    return purpose.trim().slice(0, 500);
  }

  const event = (
    viewer: Viewer,
    purpose: string,
    what: string,
    personId: string | null = null,
  ): NewAccessEvent => ({
    personId,
    actor: viewer.sub,
    role: viewer.role,
    purpose,
    legalBasis: undefined,
    disclosed: [what],
    withheld: [],
    policyVersion: POLICY_VERSION,
  });

  function toView(r: {
    id: string;
    via: string;
    agency: string | null;
    topic: string | null;
    partition: number | null;
    offset: string | null;
    reason: string;
    issues: unknown;
    rejectedAt: Date;
    size: number;
  }): RejectedEventView {
    return {
      id: r.id,
      via: r.via,
      agency: r.agency,
      topic: r.topic,
      partition: r.partition,
      offset: r.offset,
      reason: r.reason as RejectReason,
      issues: Array.isArray(r.issues) ? (r.issues as ValidationIssue[]) : [],
      rejectedAt: r.rejectedAt,
      expiresAt: new Date(r.rejectedAt.getTime() + retentionMs),
      sizeBytes: r.size,
    };
  }

  async function findRow(id: string) {
    if (!isChildId(id)) throw notFound("Rejected event");
    const row = await db.rejectedEvent.findUnique({ where: { id } });
    if (!row) throw notFound("Rejected event");
    return row;
  }

  return {
    /** Newest first, paged by (rejectedAt, id); no raw content. */
    async list(
      viewer: Viewer | null,
      first: number,
      after: string | null | undefined,
      reason: RejectReason | null | undefined,
    ): Promise<RejectedEventPage> {
      manager(viewer);
      if (!Number.isInteger(first) || first < 1 || first > 200) {
        throw badInput("first must be between 1 and 200", { field: "first" });
      }
      const from = after ? decodeCursor(after) : undefined;
      const rows = await db.rejectedEvent.findMany({
        where: {
          ...(reason ? { reason } : {}),
          ...(from
            ? {
                OR: [{ rejectedAt: { lt: from.at } }, { rejectedAt: from.at, id: { lt: from.id } }],
              }
            : {}),
        },
        orderBy: [{ rejectedAt: "desc" }, { id: "desc" }],
        take: first + 1,
        omit: { rawBytes: true },
      });
      const sizes = await db.$queryRaw<Array<{ id: string; size: number }>>`
        SELECT id::text AS id, octet_length("rawBytes")::int AS size FROM "RejectedEvent"
         WHERE id = ANY(${rows.map((r) => r.id)}::uuid[])`;
      const sizeOf = new Map(sizes.map((s) => [s.id, s.size]));
      const page = rows.slice(0, first);
      const last = page.at(-1);
      return {
        edges: page.map((r) => toView({ ...r, size: sizeOf.get(r.id) ?? 0 })),
        endCursor: last ? encodeCursor(last.rejectedAt, last.id) : null,
        hasNextPage: rows.length > first,
      };
    },

    /** The event as received (UTF-8), once the stated purpose is on the audit chain. */
    async rawContent(viewer: Viewer | null, id: string, purpose: string): Promise<string> {
      const v = manager(viewer);
      const why = purposeOf(purpose);
      const row = await findRow(id);
      await db.$transaction((tx) =>
        deps.audit.appendInTx(tx, [event(v, why, `RejectedEvent.rawContent:${row.id}`)]),
      );
      return Buffer.from(row.rawBytes).toString("utf8");
    },

    /**
     * Takes the event in again through the same validation — `fixed` when given, else the bytes
     * as received — for the agency it came from. Stored: the rejected row goes. Refused again:
     * the row stays and the answer says why. Either way the attempt is audited.
     */
    async replay(
      viewer: Viewer | null,
      id: string,
      fixed: unknown,
      purpose: string,
    ): Promise<ReplayResult> {
      const v = manager(viewer);
      const why = purposeOf(purpose);
      const row = await findRow(id);
      const input: Buffer | object =
        fixed === null || fixed === undefined
          ? Buffer.from(row.rawBytes)
          : typeof fixed === "object"
            ? fixed
            : Buffer.from(JSON.stringify(fixed) ?? "");
      const agency = row.agency ?? undefined;
      const outcome = await ingestEvent(
        db,
        input,
        { via: "REPLAY", ...(agency ? { agency } : {}) },
        {
          maxEventBytes: deps.maxEventBytes,
          keepRejected: false,
          ...(deps.rating ? { rating: deps.rating } : {}),
          ...(agency ? { expectedSource: agency } : {}),
        },
      );
      const result = toResult(outcome);
      const stored = outcome.status !== "REJECTED";
      await db.$transaction(async (tx) => {
        if (stored) await tx.rejectedEvent.deleteMany({ where: { id: row.id } });
        const what = `Mutation.replayRejectedEvent:${row.id}:${stored ? "STORED" : "REFUSED"}`;
        await deps.audit.appendInTx(tx, [event(v, why, what, result.childId)]);
      });
      return {
        rejectedEventId: row.id,
        replayed: stored,
        eventId: result.eventId,
        childId: result.childId,
        duplicate: result.duplicate,
        issues: result.issues,
      };
    },

    /** Removes the rejected event without taking it in; audited. */
    async discard(viewer: Viewer | null, id: string, purpose: string) {
      const v = manager(viewer);
      const why = purposeOf(purpose);
      if (!isChildId(id)) throw notFound("Rejected event");
      await db.$transaction(async (tx) => {
        const gone = await tx.rejectedEvent.deleteMany({ where: { id } });
        if (gone.count === 0) throw notFound("Rejected event");
        await deps.audit.appendInTx(tx, [event(v, why, `Mutation.discardRejectedEvent:${id}`)]);
      });
      return { rejectedEventId: id, discarded: true };
    },

    /** Deletes what is older than the retention period; the number deleted. */
    async purge(now = new Date()): Promise<number> {
      const before = new Date(now.getTime() - retentionMs);
      const { count } = await db.rejectedEvent.deleteMany({
        where: { rejectedAt: { lt: before } },
      });
      return count;
    },
  };
}

export type RejectedEventService = ReturnType<typeof createRejectedEventService>;

const encodeCursor = (at: Date, id: string) =>
  Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(at ?? "");
  if (!id || !isChildId(id) || Number.isNaN(date.getTime())) {
    throw badInput("after is not a cursor from this list", { field: "after" });
  }
  return { at: date, id };
}
