// Which of the contract's operations this hub serves. Each probe is a document whose only field
// is skipped (@skip(if: true)): the hub validates it against its schema (an unknown field or
// argument fails validation) but runs nothing. Screens built on an operation the hub does not
// serve yet say so instead of failing, and light up when the hub serves it.
import { createContext, useContext } from "react";

const PROBES = {
  chronology: `query { child(id: "0") @skip(if: true) { chronology(first: 1) { at source kind summary rag ref } } }`,
  notificationKind: `query { notifications(first: 1) @skip(if: true) { edges { kind } } }`,
  referral: `query { notifications(first: 1) @skip(if: true) { edges { referral { id receivedAt concerns immediateRisk referrer { name role organisation } } } } }`,
  decision: `query { notifications(first: 1) @skip(if: true) { edges { decision { outcome rationale decidedBy decidedAt withinTimescale } referrerInformedAt } } }`,
  escalations: `query { notifications(first: 1) @skip(if: true) { edges { escalations { id raisedBy rationale raisedAt status resolution decisionChanged resolvedAt } } } }`,
  actions: `query { notifications(first: 1) @skip(if: true) { edges { actions { id action assignee dueBy completedAt } } } }`,
  dailyDiscussion: `query { dailyDiscussion(date: "2026-01-05") @skip(if: true) { id date reviewOn decision livedExperienceFromChild livedExperienceInferred actions { id action } notification { id } } }`,
  mashPerformance: `query { mashPerformance(from: "2026-01-01", to: "2026-01-31") @skip(if: true) { escalationsRaised overdueOpenNow medianHoursToDecision contactsByKind { key count } } }`,
  ragRuleSet: `query { ragRuleSet @skip(if: true) { version inForceSince rules { id rag description source parameters } } }`,
  decide: `mutation { decide(notificationId: "0", outcome: NO_FURTHER_ACTION, rationale: "probe") @skip(if: true) { id } }`,
  raiseEscalation: `mutation { raiseEscalation(notificationId: "0", raisedBy: "probe", rationale: "probe") @skip(if: true) { id } }`,
  resolveEscalation: `mutation { resolveEscalation(id: "0", resolution: "probe", decisionChanged: false) @skip(if: true) { id } }`,
  requestStepUp: `mutation($i: StepUpRequestInput!) { requestStepUp(input: $i) @skip(if: true) { id } }`,
  recordDailyDiscussion: `mutation($i: DailyDiscussionInput!) { recordDailyDiscussion(input: $i) @skip(if: true) { id } }`,
  completeNextAction: `mutation { completeNextAction(id: "0") @skip(if: true) { id } }`,
} as const;

export type Capability = keyof typeof PROBES;
export type Capabilities = Record<Capability, boolean>;

/** Variables that make the input-typed probes valid (never used: the field is skipped). */
const PROBE_VARIABLES: Partial<Record<Capability, Record<string, unknown>>> = {
  requestStepUp: {
    i: {
      childId: "0",
      reason: "CIN",
      urgent: false,
      informationForSocialCare: "probe",
      answers: {
        riskOfSignificantHarm: false,
        needsUnmetAndWhy: "probe",
        familyEngagement: "probe",
        familyToldOfStepUp: true,
        timescaleForChange: "probe",
        lackOfEngagement: false,
      },
    },
  },
  recordDailyDiscussion: {
    i: { notificationId: "0", date: "2026-01-05", decision: "probe", actions: [] },
  },
};

export async function probeCapabilities(token: string): Promise<Capabilities> {
  const entries = await Promise.all(
    (Object.keys(PROBES) as Capability[]).map(async (name) => {
      try {
        const res = await fetch("/graphql", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: PROBES[name], variables: PROBE_VARIABLES[name] ?? {} }),
          credentials: "omit",
        });
        const body = (await res.json()) as { errors?: unknown[] };
        return [name, res.ok && !body.errors?.length] as const;
      } catch {
        return [name, false] as const;
      }
    }),
  );
  return Object.fromEntries(entries) as Capabilities;
}

export const CapabilitiesContext = createContext<Capabilities | undefined>(undefined);

export function useCapabilities(): Capabilities {
  const c = useContext(CapabilitiesContext);
  if (!c) throw new Error("useCapabilities outside the signed-in console");
  return c;
}

/** Contract names of the operations each capability stands for (for "not served yet" messages). */
export const OPERATION_NAME: Record<Capability, string> = {
  chronology: "Child.chronology",
  notificationKind: "Notification.kind",
  referral: "Notification.referral",
  decision: "Notification.decision",
  escalations: "Notification.escalations",
  actions: "Notification.actions",
  dailyDiscussion: "dailyDiscussion",
  mashPerformance: "mashPerformance",
  ragRuleSet: "ragRuleSet",
  decide: "decide",
  raiseEscalation: "raiseEscalation",
  resolveEscalation: "resolveEscalation",
  requestStepUp: "requestStepUp",
  recordDailyDiscussion: "recordDailyDiscussion",
  completeNextAction: "completeNextAction",
};
