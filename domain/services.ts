// The composition root for domain services: plain factory functions, no DI framework.
// `type Services = ReturnType<typeof createServices>` is what every resolver sees.
import type { Config } from "#config/index.ts";
import type { Db } from "#db/client.ts";
import type { Logger } from "#logging/logger.ts";
import type { TokenVerifier } from "#auth/verify-token.ts";
import type { Metrics } from "#metrics/metrics.ts";
import { createIngestionService } from "#ingestion/submit-events.ts";
import { createConsentService } from "#consent/consent-service.ts";
import { createAuditService } from "#audit/audit-service.ts";
import { createNotificationService } from "#notifications/service.ts";
import { ratingSettingsFrom } from "#notifications/rating-settings.ts";
import { createAlertService } from "#alerts/service.ts";
import { createChildViewService } from "#child-view/child-view-service.ts";
import { createIdentityService } from "#identity/identity-service.ts";
import { createRejectedEventService } from "#ingestion/rejected-events.ts";
import { createFrontDoorService } from "#front-door/service.ts";

export interface ServiceDeps {
  config: Config;
  db: Db;
  logger: Logger;
  metrics: Metrics;
  verifyToken: TokenVerifier;
}

export function createServices(deps: ServiceDeps) {
  const rating = ratingSettingsFrom(deps.config.mash);
  const audit = createAuditService(deps.db, deps.config.audit.chainKey);
  const maxEventBytes = deps.config.kafka.enabled ? deps.config.kafka.maxEventBytes : 256_000;
  const frontDoor = createFrontDoorService({ db: deps.db, config: deps.config, rating });
  return {
    ...deps,
    consent: createConsentService(deps.db, audit),
    audit,
    ingestion: createIngestionService({
      db: deps.db,
      logger: deps.logger,
      metrics: deps.metrics,
      maxEventBytes,
      rating,
    }),
    rejectedEvents: createRejectedEventService({
      db: deps.db,
      audit,
      maxEventBytes,
      retentionDays: deps.config.rejectedEvents.retentionDays,
      rating,
    }),
    notifications: createNotificationService({
      db: deps.db,
      logger: deps.logger,
      rating,
      overduePollMs: deps.config.mash.overduePollMs,
    }),
    alerts: createAlertService({
      db: deps.db,
      config: deps.config,
      logger: deps.logger,
      mailQueues: [frontDoor.mailQueue],
    }),
    childView: createChildViewService({ db: deps.db, config: deps.config, logger: deps.logger }),
    identity: createIdentityService(deps.db),
    frontDoor,
  };
}

export type Services = ReturnType<typeof createServices>;
