// The operations the console sends, composed from the capabilities this hub has (see
// capabilities.ts): a version 2 field is asked for only when the hub serves it.
import { gql } from "@apollo/client";
import type { Capabilities } from "./capabilities.ts";

const CHILD_NAME = `child { id givenName familyName dateOfBirth }`;

/**
 * A notification's fields. The queue's list asks for the light set (its cost, counted by the
 * hub's query limits, grows with every list per row); one contact's panel asks for everything.
 */
export function notificationFields(
  c: Capabilities,
  extent: "list" | "full" | "escalations" = "full",
): string {
  const full = extent === "full";
  return [
    "id createdAt dueBy status proposedRag rag rationale screenedBy nextActions",
    full ? "reasons { ruleId rag description evidence }" : "reasons { ruleId rag description }",
    CHILD_NAME,
    c.notificationKind ? "kind" : "",
    c.decision && full
      ? "decision { outcome rationale decidedBy decidedAt withinTimescale } referrerInformedAt"
      : "",
    c.escalations && extent !== "list"
      ? "escalations { id notificationId raisedBy rationale raisedAt status resolution decisionChanged resolvedAt }"
      : "",
    c.referral && full
      ? "referral { id receivedAt concerns immediateRisk referrer { name role organisation } }"
      : "",
    c.actions && full ? "actions { id action assignee dueBy completedAt }" : "",
  ]
    .filter(Boolean)
    .join("\n");
}

export const queueQuery = (c: Capabilities, extent: "list" | "escalations" = "list") => gql`
  query Queue($filter: NotificationFilter, $first: Int) {
    notifications(filter: $filter, first: $first) {
      edges { ${notificationFields(c, extent)} }
      hasNextPage
    }
  }
`;

export const childQuery = (c: Capabilities) => gql`
  query ChildView($id: ID!) {
    child(id: $id) {
      id nhsNumber upn givenName familyName dateOfBirth expectedDueDate postcode
      household { personId givenName familyName dateOfBirth relationship }
      agencyIdentifiers { agency kind value }
      cpis { planType status startDate endDate responsibleOrganisation contactPhone }
      policeNotifications { id merlinRef occurredAt category riskLevel childPresent summary officer }
      hospitalAttendances { id arrivedAt site chiefComplaint injury safeguardingConcern dischargeDestination }
      attendancePattern { attendancesLast12Months injuryAttendancesLast12Months lastSixAttendancesConcern reasons }
      schoolAttendance { schoolName periodStart periodEnd attendanceRate persistentAbsence severeAbsence missingEducation permanentlyExcluded }
      earlyHelp { episodeId status openedAt leadProfessional earlyHelpManager }
      rag { rag screened assessedAt reasons { ruleId rag description evidence } }
      sources { agency ok asOf error }
      notifications { ${notificationFields(c)} }
      ${c.chronology ? "chronology(first: 500) { at source kind summary rag ref }" : ""}
    }
  }
`;

export const FIND_CHILDREN = gql`
  query FindChildren($search: ChildSearch!) {
    findChildren(search: $search, first: 20) {
      score
      matchedOn
      child {
        id
        givenName
        familyName
        dateOfBirth
        postcode
      }
    }
  }
`;

export const screenMutation = (c: Capabilities) => gql`
  mutation Screen($id: ID!, $rag: Rag!, $rationale: String!) {
    screenNotification(id: $id, rag: $rag, rationale: $rationale) { ${notificationFields(c)} }
  }
`;

export const stepUpMutation = (c: Capabilities) => gql`
  mutation StepUp($id: ID!, $reason: StepUpReason!, $rationale: String!) {
    stepUp(notificationId: $id, reason: $reason, rationale: $rationale) { ${notificationFields(c)} }
  }
`;

export const decideMutation = (c: Capabilities) => gql`
  mutation Decide($id: ID!, $outcome: Outcome!, $rationale: String!, $nextActions: [NextActionInput!]) {
    decide(notificationId: $id, outcome: $outcome, rationale: $rationale, nextActions: $nextActions) {
      ${notificationFields(c)}
    }
  }
`;

export const RAISE_ESCALATION = gql`
  mutation RaiseEscalation($id: ID!, $raisedBy: String!, $rationale: String!) {
    raiseEscalation(notificationId: $id, raisedBy: $raisedBy, rationale: $rationale) {
      id
      status
    }
  }
`;

export const RESOLVE_ESCALATION = gql`
  mutation ResolveEscalation($id: ID!, $resolution: String!, $decisionChanged: Boolean!) {
    resolveEscalation(id: $id, resolution: $resolution, decisionChanged: $decisionChanged) {
      id
      status
      resolvedAt
    }
  }
`;

export const RECORD_CONSENT = gql`
  mutation RecordConsent($input: ConsentInput!) {
    recordConsent(input: $input) {
      id
      status
      scope
      legalBasis
      recordedAt
      expiresAt
    }
  }
`;

export const MATCH_REVIEWS = gql`
  query MatchReviews {
    matchReviews(first: 50) {
      edges {
        id
        score
        status
        candidate {
          id
          givenName
          familyName
          dateOfBirth
          postcode
          nhsNumber
          upn
          agencyIdentifiers {
            agency
            kind
            value
          }
        }
        provisional {
          id
          givenName
          familyName
          dateOfBirth
          postcode
          nhsNumber
          upn
          agencyIdentifiers {
            agency
            kind
            value
          }
        }
      }
    }
  }
`;

export const RESOLVE_MATCH = gql`
  mutation ResolveMatch($id: ID!, $decision: MatchDecision!) {
    resolveMatchReview(id: $id, decision: $decision) {
      id
      status
    }
  }
`;

const ALERT_FIELDS = `
  id rag raisedAt acknowledgedAt recipient channels
  notification { id status dueBy rag proposedRag child { id givenName familyName } }
`;

export const MY_ALERTS = gql`
  query MyAlerts { myAlerts(first: 100) { edges { ${ALERT_FIELDS} } } }
`;

export const ALERT_RAISED = gql`
  subscription AlertRaised { alertRaised { ${ALERT_FIELDS} } }
`;

export const ACKNOWLEDGE = gql`
  mutation Acknowledge($id: ID!) {
    acknowledgeAlert(id: $id) {
      id
      acknowledgedAt
    }
  }
`;

export const ACCESS_LOG = gql`
  query AccessLog($childId: ID!) {
    accessLog(childId: $childId, first: 200) {
      edges {
        id
        at
        actor
        role
        purpose
        legalBasis
        disclosed
        withheld
      }
      hasNextPage
    }
  }
`;

export const dailyDiscussionQuery = (c: Capabilities) => gql`
  query DailyDiscussion($date: Date!) {
    dailyDiscussion(date: $date) {
      id date reviewOn decision livedExperienceFromChild livedExperienceInferred
      actions { id action assignee dueBy completedAt }
      notification { ${notificationFields(c)} }
    }
  }
`;

export const RECORD_DAILY_DISCUSSION = gql`
  mutation RecordDailyDiscussion($input: DailyDiscussionInput!) {
    recordDailyDiscussion(input: $input) {
      id
      decision
    }
  }
`;

export const REQUEST_STEP_UP = gql`
  mutation RequestStepUp($input: StepUpRequestInput!) {
    requestStepUp(input: $input) {
      id
      status
      proposedRag
      dueBy
    }
  }
`;

export const MASH_PERFORMANCE = gql`
  query MashPerformance($from: Date!, $to: Date!) {
    mashPerformance(from: $from, to: $to) {
      contactsByKind {
        key
        count
      }
      contactsByReferrerRole {
        key
        count
      }
      decisionsByOutcome {
        key
        count
      }
      noFurtherActionShareByReferrerRole {
        key
        share
        of
      }
      withinTimescaleShareByRag {
        key
        share
        of
      }
      medianHoursToDecision
      escalationsRaised
      escalationsResolved
      escalationsThatChangedDecision
      overdueOpenNow
    }
  }
`;

export const RAG_RULES = gql`
  query RagRules {
    ragRules {
      id
      rag
      description
      source
      version
    }
  }
`;
