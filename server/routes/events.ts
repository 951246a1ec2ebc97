// POST /events: the push API over plain HTTP. One event (a JSON object) or a batch (an array).
// 401 without a valid token, 403 for anything but the caller's own agency's events; otherwise
// 200 with the answer for each event (accepted, eventId, childId, duplicate, issues).
import express, { type Router } from "express";
import { sendDomainError } from "../http-errors.ts";
import type { Services } from "#domain/services.ts";

export function createEventsRouter(services: Services): Router {
  const router = express.Router();
  router.post(
    "/events",
    express.raw({ type: () => true, limit: services.config.server.maxRequestBytes }),
    async (req, res, next) => {
      try {
        const viewer = await services.verifyToken(req.headers.authorization);
        const bytes: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const parsed = tryParse(bytes);
        if (Array.isArray(parsed)) {
          res.json(await services.ingestion.submitMany(viewer, parsed));
        } else {
          // not JSON at all: the event's own validation explains it, as the DLQ would
          res.json(await services.ingestion.submit(viewer, parsed ?? bytes));
        }
      } catch (error) {
        if (!sendDomainError(res, error)) next(error);
      }
    },
  );
  return router;
}

function tryParse(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}
