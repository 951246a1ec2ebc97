// POST /events: the push API over plain HTTP. One event (a JSON object) or a batch (an array).
// The status says what happened, so that an integrator who checks it is never misled:
//   202 accepted (stored now)            200 duplicate (the same event was stored before)
//   400 not JSON (or not UTF-8)          413 larger than the limit
//   422 refused, with every issue        401 no valid token, 403 not the caller's agency
// A batch answers 202 when every event was accepted or a duplicate, 422 when any was refused
// (the body still answers each event, in order; resending the batch is safe: duplicates are
// no-ops). Every refused event is kept as a rejected event for a MASH manager to review.
import express, { type ErrorRequestHandler, type Router } from "express";
import { sendDomainError } from "../http-errors.ts";
import type { Services } from "#domain/services.ts";
import type { SubmitResult } from "#ingestion/submit-events.ts";

export function createEventsRouter(services: Services): Router {
  const router = express.Router();
  const limit = services.config.server.maxRequestBytes;
  router.post("/events", express.raw({ type: () => true, limit }), async (req, res, next) => {
    try {
      const viewer = await services.verifyToken(req.headers.authorization);
      const bytes: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const parsed = tryParse(bytes);
      if (Array.isArray(parsed)) {
        const results = await services.ingestion.submitMany(viewer, parsed);
        const refused = results.some((r) => !r.accepted);
        res.status(refused ? 422 : 202).json(results);
      } else {
        // the bytes as received: validated (and kept, if refused) exactly as they came
        const result = await services.ingestion.submit(viewer, parsed, bytes);
        res.status(statusFor(result)).json(result);
      }
    } catch (error) {
      if (!sendDomainError(res, error)) next(error);
    }
  });
  router.use("/events", tooLarge(limit));
  return router;
}

export function statusFor(result: SubmitResult): number {
  if (result.accepted) return result.duplicate ? 200 : 202;
  switch (result.reason) {
    case "NOT_JSON":
      return 400;
    case "TOO_LARGE":
      return 413;
    default:
      return 422;
  }
}

/** The body parser's refusal of a body over MAX_REQUEST_BYTES, in the API's own shape. */
function tooLarge(limit: number): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if ((error as { type?: unknown }).type !== "entity.too.large") return next(error);
    res.status(413).json({
      accepted: false,
      eventId: "",
      childId: null,
      duplicate: false,
      issues: [{ path: "$", message: `the request is larger than the limit of ${limit} bytes` }],
    });
  };
}

function tryParse(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}
