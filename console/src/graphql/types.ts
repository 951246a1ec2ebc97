// The shapes the console reads (a subset of the contract's schema.graphql).
export type Rag = "RED" | "AMBER" | "GREEN";
export type Agency = "CPIS" | "POLICE" | "HEALTH" | "EDUCATION" | "EARLY_HELP";

export interface RagReason {
  ruleId: string;
  rag: Rag;
  description: string;
  evidence: string[];
}

export interface Decision {
  outcome: string;
  rationale: string;
  decidedBy: string;
  decidedAt: string;
  withinTimescale: boolean;
}

export interface Escalation {
  id: string;
  notificationId: string;
  raisedBy: string;
  rationale: string;
  raisedAt: string;
  status: "OPEN" | "RESOLVED";
  resolution: string | null;
  decisionChanged: boolean | null;
  resolvedAt: string | null;
}

export interface NextAction {
  id: string;
  action: string;
  assignee: string | null;
  dueBy: string | null;
  completedAt: string | null;
}

export interface Referral {
  id: string;
  receivedAt: string;
  concerns: string | null;
  immediateRisk: boolean;
  referrer: { name: string; role: string; organisation: string | null };
}

export interface Notification {
  id: string;
  createdAt: string;
  dueBy: string;
  status: "AWAITING_SCREENING" | "SCREENED" | "STEPPED_UP" | "CLOSED";
  proposedRag: Rag;
  rag: Rag | null;
  reasons: RagReason[];
  rationale: string | null;
  screenedBy: string | null;
  nextActions: string[];
  child: {
    id: string;
    givenName: string | null;
    familyName: string | null;
    dateOfBirth: string | null;
  };
  kind?: string;
  decision?: Decision | null;
  escalations?: Escalation[];
  referral?: Referral | null;
  referrerInformedAt?: string | null;
  actions?: NextAction[];
}

export interface Alert {
  id: string;
  rag: Rag;
  raisedAt: string;
  acknowledgedAt: string | null;
  recipient: string;
  channels: string[];
  notification: {
    id: string;
    status: string;
    dueBy: string;
    rag: Rag | null;
    proposedRag: Rag;
    child: { id: string; givenName: string | null; familyName: string | null };
  };
}

export interface ChronologyEntry {
  at: string;
  source: string;
  kind: string;
  summary: string | null;
  rag: Rag | null;
  ref: string;
}

export interface GqlError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}
