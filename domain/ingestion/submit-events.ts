// The push API for agencies without Kafka (submitAgencyEvent and POST /events): the same ingest
// service and validation as the consumers, for AGENCY_SYSTEM callers submitting their own
// agency's events only.
import type { Db } from "#db/client.ts";
import type { Logger } from "#logging/logger.ts";
import type { Metrics } from "#metrics/metrics.ts";
import type { Viewer } from "#auth/viewer.ts";
import { AgencyName } from "#connectors/registry.ts";
import { forbidden, unauthenticated } from "#errors/domain-error.ts";
import { ingestEvent, type IngestOutcome } from "./ingest-event.ts";
import { ingestBatch } from "./ingest-batch.ts";
import type { RejectReason, ValidationIssue } from "./validate-event.ts";
import type { RatingSettings } from "#notifications/rating-settings.ts";

export interface SubmitResult {
  accepted: boolean;
  eventId: string;
  childId: string | null;
  duplicate: boolean;
  issues: ValidationIssue[];
  /** Why it was refused (not in the GraphQL type; POST /events answers with a status for it). */
  reason?: RejectReason;
}

export interface IngestionServiceDeps {
  db: Db;
  logger: Logger;
  metrics: Metrics;
  maxEventBytes: number;
  /** The rule set in force and the decision timescales (what an event's rating uses). */
  rating?: RatingSettings;
}

export function createIngestionService(deps: IngestionServiceDeps) {
  const log = deps.logger.child({ component: "push-api" });

  /** Every event is checked for the caller's agency before any is taken in. */
  function authorise(viewer: Viewer | null, events: ReadonlyArray<unknown>): AgencyName {
    if (!viewer) throw unauthenticated();
    if (viewer.role !== "AGENCY_SYSTEM" || !viewer.agency) {
      throw forbidden("Only agency systems may submit events");
    }
    for (const event of events) {
      const claimed = AgencyName.safeParse(
        event && typeof event === "object" ? (event as { source?: unknown }).source : undefined,
      );
      if (claimed.success && claimed.data !== viewer.agency) {
        throw forbidden(`This agency system may submit ${viewer.agency} events only`);
      }
    }
    return viewer.agency;
  }

  async function submitOne(raw: Buffer | object, agency: AgencyName): Promise<SubmitResult> {
    const outcome = await ingestEvent(
      deps.db,
      raw,
      { via: "API", agency },
      {
        maxEventBytes: deps.maxEventBytes,
        ...(deps.rating ? { rating: deps.rating } : {}),
      },
    );
    count(outcome);
    return toResult(outcome);
  }

  function count(outcome: IngestOutcome) {
    if (outcome.status === "REJECTED") {
      deps.metrics.eventsRejected.inc({ reason: outcome.reason, via: "API" });
      log.info({ reason: outcome.reason, issues: outcome.issues.length }, "event refused");
    } else if (outcome.status === "DUPLICATE") {
      deps.metrics.eventsDuplicate.inc({ source: outcome.source, via: "API" });
    } else {
      deps.metrics.eventsAccepted.inc({ source: outcome.source, via: "API" });
    }
  }

  return {
    /**
     * One event (GraphQL submitAgencyEvent, or a POST /events body that is one object). `bytes`:
     * the body as received, validated and kept as it came when given.
     */
    async submit(viewer: Viewer | null, event: unknown, bytes?: Buffer): Promise<SubmitResult> {
      const agency = authorise(viewer, [event]);
      return submitOne(bytes ?? asInput(event), agency);
    },
    /** A batch, in order; each event answered on its own. */
    async submitMany(viewer: Viewer | null, events: unknown[]): Promise<SubmitResult[]> {
      const agency = authorise(viewer, events);
      // one transaction for the lot (ingest-batch.ts); each event is answered on its own
      let outcomes: IngestOutcome[];
      try {
        outcomes = await ingestBatch(
          deps.db,
          events.map((event) => ({ raw: asInput(event), meta: { via: "API" as const, agency } })),
          { maxEventBytes: deps.maxEventBytes, ...(deps.rating ? { rating: deps.rating } : {}) },
        );
      } catch (error) {
        // one event that cannot be stored must not hold the others: one at a time, then
        if (events.length < 2) throw error;
        log.warn({ events: events.length }, "batch not stored; taking its events one at a time");
        const results: SubmitResult[] = [];
        for (const event of events) results.push(await submitOne(asInput(event), agency));
        return results;
      }
      for (const outcome of outcomes) count(outcome);
      return outcomes.map(toResult);
    },
  };
}

export type IngestionService = ReturnType<typeof createIngestionService>;

/** Anything that is not an object is still validated (and refused with its issue). */
function asInput(event: unknown): Buffer | object {
  if (Buffer.isBuffer(event)) return event;
  if (event && typeof event === "object") return event;
  return Buffer.from(JSON.stringify(event) ?? "");
}

export function toResult(outcome: IngestOutcome): SubmitResult {
  if (outcome.status === "REJECTED") {
    return {
      accepted: false,
      eventId: outcome.eventId ?? "",
      childId: null,
      duplicate: false,
      issues: outcome.issues,
      reason: outcome.reason,
    };
  }
  return {
    accepted: true,
    eventId: outcome.eventId,
    childId: outcome.personId ?? null,
    duplicate: outcome.status === "DUPLICATE",
    issues: [],
  };
}
