// The front door service as resolvers see it (services.frontDoor): referrals, decisions,
// escalations, step-up requests, the daily discussion meeting, the chronology and management
// information (front-door.md), with the referrer e-mail queue the e-mail worker sends from.
import type { Db } from "#db/client.ts";
import type { Config } from "#config/index.ts";
import type { Viewer } from "#auth/viewer.ts";
import type { RatingSettings } from "#notifications/rating-settings.ts";
import { completeNextAction } from "./complete-next-action.ts";
import { createContactLoaders } from "./contact-loaders.ts";
import { decideContact } from "./decide-contact.ts";
import { getChronology } from "./get-chronology.ts";
import { getMashPerformance } from "./get-mash-performance.ts";
import { listDailyDiscussion } from "./list-daily-discussion.ts";
import { raiseEscalation } from "./raise-escalation.ts";
import { recordDailyDiscussion } from "./record-daily-discussion.ts";
import { createReferrerMailQueue } from "./referrer-mail-queue.ts";
import { requestStepUp } from "./request-step-up.ts";
import { resolveEscalation } from "./resolve-escalation.ts";
import { submitReferral } from "./submit-referral.ts";

type Purpose = string | undefined;

export function createFrontDoorService(deps: { db: Db; config: Config; rating: RatingSettings }) {
  const { db, rating } = deps;
  const audit = (purpose: Purpose) => ({ purpose, chainKey: deps.config.audit.chainKey });
  return {
    /** For the e-mail worker (alerts/service.ts). */
    mailQueue: createReferrerMailQueue({ from: deps.config.smtp.from }),
    createLoaders: () => createContactLoaders(db),
    submitReferral: (viewer: Viewer, purpose: Purpose, input: unknown) =>
      submitReferral(db, rating, viewer, audit(purpose), input),
    decide: (viewer: Viewer, purpose: Purpose, input: unknown) =>
      decideContact(db, viewer, audit(purpose), input),
    raiseEscalation: (viewer: Viewer, purpose: Purpose, input: unknown) =>
      raiseEscalation(db, viewer, audit(purpose), input),
    resolveEscalation: (viewer: Viewer, purpose: Purpose, input: unknown) =>
      resolveEscalation(db, viewer, audit(purpose), input),
    requestStepUp: (viewer: Viewer, purpose: Purpose, input: unknown) =>
      requestStepUp(db, rating, viewer, audit(purpose), input),
    recordDailyDiscussion: (viewer: Viewer, purpose: Purpose, input: unknown) =>
      recordDailyDiscussion(db, viewer, audit(purpose), input),
    completeNextAction: (viewer: Viewer, purpose: Purpose, input: unknown) =>
      completeNextAction(db, viewer, audit(purpose), input),
    dailyDiscussion: (viewer: Viewer, input: unknown) =>
      listDailyDiscussion(db, rating.timescales.calendar, viewer, input),
    mashPerformance: (viewer: Viewer, input: unknown) => getMashPerformance(db, viewer, input),
    chronology: (childId: string, first: number) => getChronology(db, childId, first),
  };
}

export type FrontDoorService = ReturnType<typeof createFrontDoorService>;
