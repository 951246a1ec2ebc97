// Row → view mappings for the front door. Stored JSON is parsed on the way out so that a bad row
// fails loudly; every view names the child it is about.
import { z } from "zod";
import type {
  DailyDiscussion as DailyDiscussionRow,
  Decision as DecisionRow,
  Escalation as EscalationRow,
  NextAction as NextActionRow,
  Referral as ReferralRow,
  StepUpRequest as StepUpRow,
} from "#db/generated/client.ts";
import { outcomeMeaning } from "./outcomes.ts";
import {
  OUTCOMES,
  REFERRAL_CONSENTS,
  REFERRER_ROLES,
  type DailyDiscussionItemView,
  type DecisionView,
  type EscalationView,
  type NextActionView,
  type ReferralView,
  type StepUpRequestView,
  type ValidationIssue,
} from "./types.ts";

const ZIssues = z.array(z.object({ path: z.string(), message: z.string() }));
const ZFamily = z.array(
  z.object({
    givenName: z.string(),
    familyName: z.string(),
    dateOfBirth: z.string().nullable(),
    relationship: z.string(),
    livesWithChild: z.boolean(),
  }),
);

export const issuesFromJson = (json: unknown): ValidationIssue[] => ZIssues.parse(json);

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function mapReferral(row: ReferralRow, childId: string): ReferralView {
  const madeBy = row.submittedBy;
  return {
    childId,
    madeBy,
    id: row.id,
    receivedAt: row.receivedAt,
    referrer: {
      childId,
      name: row.referrerName,
      role: z.enum(REFERRER_ROLES).parse(row.referrerRole),
      organisation: row.referrerOrganisation,
      email: row.referrerEmail,
      phone: row.referrerPhone,
    },
    concerns: row.concerns,
    immediateRisk: row.immediateRisk,
    familyMembers: ZFamily.parse(row.familyMembers).map((m) => ({
      ...m,
      childId,
      madeBy,
      dateOfBirth: m.dateOfBirth ? new Date(`${m.dateOfBirth}T00:00:00Z`) : null,
    })),
    previousSupport: row.previousSupport,
    parentsInformed: row.parentsInformed,
    consent: z.enum(REFERRAL_CONSENTS).parse(row.consent),
    consentReason: row.consentReason,
    missing: issuesFromJson(row.missing),
    clientReference: row.clientReference,
  };
}

export function mapStepUpRequest(row: StepUpRow, childId: string): StepUpRequestView {
  const madeBy = row.requestedBy;
  return {
    childId,
    madeBy,
    id: row.id,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt,
    reason: z.enum(["CIN", "CP"]).parse(row.reason),
    urgent: row.urgent,
    managerSignOff: row.managerSignOff,
    answers: {
      childId,
      madeBy,
      riskOfSignificantHarm: row.riskOfSignificantHarm,
      needsUnmetAndWhy: row.needsUnmetAndWhy,
      familyEngagement: row.familyEngagement,
      familyToldOfStepUp: row.familyToldOfStepUp,
      timescaleForChange: row.timescaleForChange,
      lackOfEngagement: row.lackOfEngagement,
    },
    informationForSocialCare: row.informationForSocialCare,
  };
}

/** A step-up request as the referral the contract's Notification.referral shows. */
export function stepUpAsReferral(row: StepUpRow, childId: string): ReferralView {
  const view = mapStepUpRequest(row, childId);
  return {
    childId,
    madeBy: view.madeBy,
    id: row.id,
    receivedAt: row.requestedAt,
    referrer: {
      childId,
      name: row.requestedByName ?? row.requestedBy,
      role: "EARLY_HELP",
      organisation: null,
      email: null,
      phone: null,
    },
    concerns: row.informationForSocialCare,
    immediateRisk: row.urgent,
    familyMembers: [],
    previousSupport: row.familyEngagement,
    parentsInformed: row.familyToldOfStepUp,
    consent: "NOT_SOUGHT",
    consentReason: null,
    missing: [],
    clientReference: null,
  };
}

export function mapDecision(row: DecisionRow, childId: string): DecisionView {
  const outcome = z.enum(OUTCOMES).parse(row.outcome);
  const meaning = outcomeMeaning(outcome);
  return {
    childId,
    outcome,
    rationale: row.rationale,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    withinTimescale: row.withinTimescale,
    dueBy: row.dueBy,
    level: meaning.level,
    advice: row.advice ?? meaning.defaultAdvice,
  };
}

export function mapNextAction(row: NextActionRow, childId: string): NextActionView {
  return {
    childId,
    id: row.id,
    notificationId: row.notificationId,
    action: row.action,
    assignee: row.assignee,
    dueBy: row.dueBy,
    completedAt: row.completedAt,
    completedBy: row.completedBy,
  };
}

export function mapEscalation(row: EscalationRow, childId: string): EscalationView {
  return {
    childId,
    id: row.id,
    notificationId: row.notificationId,
    raisedBy: row.raisedBy,
    rationale: row.rationale,
    raisedAt: row.raisedAt,
    status: row.status === "RESOLVED" ? "RESOLVED" : "OPEN",
    resolution: row.resolution,
    decisionChanged: row.decisionChanged,
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedBy,
  };
}

export function mapDailyDiscussion(
  row: DailyDiscussionRow & { actions: NextActionRow[] },
  childId: string,
): DailyDiscussionItemView {
  return {
    childId,
    id: row.id,
    date: day(row.date)!,
    notificationId: row.notificationId,
    livedExperienceFromChild: row.livedExperienceFromChild,
    livedExperienceInferred: row.livedExperienceInferred,
    decision: row.decision,
    actions: row.actions.map((a) => mapNextAction(a, childId)),
    reviewOn: day(row.reviewOn),
    recorded: true,
    recordedBy: row.recordedBy,
  };
}
