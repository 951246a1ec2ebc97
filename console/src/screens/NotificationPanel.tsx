// One contact and what can be done with it: screening (confirm or change the rating, with a
// rationale), stepping up, the manager's decision, escalations. Version 2 actions the hub does
// not serve yet say so.
import { useMemo, useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { useCapabilities } from "../graphql/capabilities.ts";
import {
  decideMutation,
  RAISE_ESCALATION,
  screenMutation,
  stepUpMutation,
} from "../graphql/operations.ts";
import { errorsOf } from "../graphql/errors.ts";
import type { Notification, Rag } from "../graphql/types.ts";
import type { Session } from "../auth/session.ts";
import { isMash } from "../auth/session.ts";
import { RagBadge } from "../components/Rag.tsx";
import { dueText, formatDateTime, humanise } from "../components/format.ts";
import { ErrorNotice, NotServedYet } from "../components/Unavailable.tsx";
import { JustificationField } from "../components/Justification.tsx";
import { Done, Radios, Select, TextInput } from "../components/forms.tsx";

const RAGS = ["RED", "AMBER", "GREEN"] as const;
const OUTCOMES = [
  "NO_FURTHER_ACTION",
  "ADVICE_AND_SIGNPOSTING",
  "EARLY_HELP",
  "SINGLE_AGENCY",
  "CHILD_IN_NEED_ASSESSMENT",
  "STRATEGY_DISCUSSION",
] as const;

export function NotificationPanel({
  notification: n,
  session,
  onChanged,
}: {
  notification: Notification;
  session: Session;
  onChanged: () => void;
}) {
  const caps = useCapabilities();
  const due = dueText(n.dueBy);
  const late = due.overdue && n.status === "AWAITING_SCREENING";
  return (
    <section
      className="panel notification"
      aria-labelledby={`n-${n.id}`}
      data-testid="notification-panel"
    >
      <h2 id={`n-${n.id}`}>
        Contact of {formatDateTime(n.createdAt)} — {humanise(n.status)}
      </h2>
      <dl className="facts">
        <div>
          <dt>Proposed rating</dt>
          <dd>
            <RagBadge rag={n.proposedRag} />
          </dd>
        </div>
        <div>
          <dt>Screened rating</dt>
          <dd>
            <RagBadge rag={n.rag} />
          </dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd className={late ? "overdue-label" : undefined}>
            {formatDateTime(n.dueBy)} ({due.text})
          </dd>
        </div>
        {n.kind ? (
          <div>
            <dt>Kind</dt>
            <dd>{humanise(n.kind)}</dd>
          </div>
        ) : null}
        {n.screenedBy ? (
          <div>
            <dt>Screened by</dt>
            <dd>{n.screenedBy}</dd>
          </div>
        ) : null}
      </dl>
      <h3>Why</h3>
      <ul>
        {n.reasons.map((r) => (
          <li key={r.ruleId}>
            <RagBadge rag={r.rag} /> {r.description} <span className="muted">({r.ruleId})</span>
          </li>
        ))}
      </ul>
      {n.rationale ? (
        <p>
          <strong>Rationale:</strong> {n.rationale}
        </p>
      ) : null}
      {n.nextActions.length ? (
        <p>
          <strong>Next actions:</strong> {n.nextActions.map(humanise).join(", ")}
        </p>
      ) : null}
      {n.referral ? (
        <div className="subpanel">
          <h3>Referral</h3>
          <p>
            From {n.referral.referrer.name} ({humanise(n.referral.referrer.role)}
            {n.referral.referrer.organisation ? `, ${n.referral.referrer.organisation}` : ""}),
            received {formatDateTime(n.referral.receivedAt)}.{" "}
            {n.referral.immediateRisk ? <strong>Immediate risk.</strong> : null}
          </p>
          <p>{n.referral.concerns ?? "Concerns withheld."}</p>
        </div>
      ) : null}
      {n.decision ? (
        <div className="subpanel" data-testid="decision">
          <h3>Decision</h3>
          <p>
            <strong>{humanise(n.decision.outcome)}</strong> by {n.decision.decidedBy},{" "}
            {formatDateTime(n.decision.decidedAt)} —{" "}
            {n.decision.withinTimescale ? "within timescale" : "outside timescale"}.
          </p>
          <p>{n.decision.rationale}</p>
        </div>
      ) : null}
      {isMash(session.role) && n.status === "AWAITING_SCREENING" ? (
        <>
          <ScreenForm n={n} onDone={onChanged} />
          <StepUpForm n={n} onDone={onChanged} />
        </>
      ) : null}
      {session.role === "MASH_MANAGER" && !n.decision && n.status !== "CLOSED" ? (
        caps.decide ? (
          <DecideForm n={n} onDone={onChanged} />
        ) : (
          <NotServedYet operation="decide" what="Recording the manager's decision" />
        )
      ) : null}
      <EscalationsPart n={n} session={session} onDone={onChanged} />
    </section>
  );
}

function ScreenForm({ n, onDone }: { n: Notification; onDone: () => void }) {
  const caps = useCapabilities();
  const doc = useMemo(() => screenMutation(caps), [caps]);
  const [rag, setRag] = useState<Rag | "">(n.proposedRag);
  const [rationale, setRationale] = useState("");
  const [problem, setProblem] = useState<string>();
  const [run, { loading, error, data }] = useMutation(doc);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!rag || !rationale.trim()) return setProblem("Choose a rating and give a rationale.");
    setProblem(undefined);
    const r = await run({ variables: { id: n.id, rag, rationale } });
    if (!r.error) onDone();
  };
  return (
    <form className="subpanel" onSubmit={submit} aria-labelledby={`screen-${n.id}`}>
      <h3 id={`screen-${n.id}`}>Screen this contact</h3>
      <Radios
        legend="Rating"
        name="rag"
        options={RAGS}
        value={rag}
        onChange={setRag}
        render={(r) => <RagBadge rag={r} />}
      />
      <JustificationField
        label="Rationale"
        value={rationale}
        onChange={setRationale}
        required
        enforce={false}
        hint="Why this rating: what you weighed."
      />
      {problem ? (
        <p className="error-message" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorNotice errors={errorsOf(error)} />
      {data && !error ? <Done>Screened.</Done> : null}
      <button type="submit" disabled={loading}>
        Confirm screening
      </button>
    </form>
  );
}

function StepUpForm({ n, onDone }: { n: Notification; onDone: () => void }) {
  const caps = useCapabilities();
  const doc = useMemo(() => stepUpMutation(caps), [caps]);
  const [reason, setReason] = useState<"CIN" | "CP" | "">("");
  const [rationale, setRationale] = useState("");
  const [problem, setProblem] = useState<string>();
  const [run, { loading, error }] = useMutation(doc);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason || !rationale.trim())
      return setProblem("Choose child in need or child protection, and give a rationale.");
    setProblem(undefined);
    const r = await run({ variables: { id: n.id, reason, rationale } });
    if (!r.error) onDone();
  };
  return (
    <details className="subpanel">
      <summary>Step up to children&apos;s social care</summary>
      <form onSubmit={submit}>
        <Radios
          legend="Reason"
          name="stepup"
          options={["CIN", "CP"] as const}
          value={reason}
          onChange={setReason}
          render={(r) => (r === "CIN" ? "Child in need (CIN)" : "Child protection (CP)")}
        />
        <JustificationField
          label="Rationale for stepping up"
          value={rationale}
          onChange={setRationale}
          required
          enforce={false}
        />
        {problem ? (
          <p className="error-message" role="alert">
            {problem}
          </p>
        ) : null}
        <ErrorNotice errors={errorsOf(error)} />
        <button type="submit" disabled={loading}>
          Step up
        </button>
      </form>
    </details>
  );
}

function DecideForm({ n, onDone }: { n: Notification; onDone: () => void }) {
  const caps = useCapabilities();
  const doc = useMemo(() => decideMutation(caps), [caps]);
  const [outcome, setOutcome] = useState<string>(OUTCOMES[0]);
  const [rationale, setRationale] = useState("");
  const [action, setAction] = useState("");
  const [assignee, setAssignee] = useState("");
  const [run, { loading, error }] = useMutation(doc);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const nextActions = action.trim()
      ? [{ action: action.trim(), ...(assignee.trim() ? { assignee: assignee.trim() } : {}) }]
      : [];
    const r = await run({ variables: { id: n.id, outcome, rationale, nextActions } });
    if (!r.error) onDone();
  };
  return (
    <form className="subpanel" onSubmit={submit} aria-labelledby={`decide-${n.id}`}>
      <h3 id={`decide-${n.id}`}>Decide</h3>
      <Select
        label="Outcome"
        value={outcome}
        onChange={setOutcome}
        options={OUTCOMES.map((o) => ({ value: o, label: humanise(o) }))}
      />
      <JustificationField
        label="Rationale for the decision"
        value={rationale}
        onChange={setRationale}
        required
      />
      <TextInput label="Next action (optional)" value={action} onChange={setAction} />
      <TextInput label="Who does it (optional)" value={assignee} onChange={setAssignee} />
      <ErrorNotice errors={errorsOf(error)} />
      <button type="submit" disabled={loading}>
        Record decision
      </button>
    </form>
  );
}

function EscalationsPart({
  n,
  session,
  onDone,
}: {
  n: Notification;
  session: Session;
  onDone: () => void;
}) {
  const caps = useCapabilities();
  const [raisedBy, setRaisedBy] = useState(session.name ?? session.sub);
  const [rationale, setRationale] = useState("");
  const [run, { loading, error, data }] = useMutation(RAISE_ESCALATION);
  if (!caps.escalations && !caps.raiseEscalation) {
    return isMash(session.role) ? (
      <NotServedYet operation="raiseEscalation" what="Escalating a disagreement" />
    ) : null;
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run({ variables: { id: n.id, raisedBy, rationale } });
    if (!r.error) onDone();
  };
  return (
    <div className="subpanel">
      <h3>Escalations</h3>
      {n.escalations?.length ? (
        <ul>
          {n.escalations.map((e) => (
            <li key={e.id}>
              {humanise(e.status)}: raised by {e.raisedBy} on {formatDateTime(e.raisedAt)} —{" "}
              {e.rationale}
              {e.resolution ? ` Resolved: ${e.resolution}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p>No escalations.</p>
      )}
      {caps.raiseEscalation ? (
        <details>
          <summary>Raise an escalation</summary>
          <form onSubmit={submit}>
            <TextInput
              label="Raised by (name and agency)"
              value={raisedBy}
              onChange={setRaisedBy}
              required
            />
            <JustificationField
              label="What you disagree with, and why"
              value={rationale}
              onChange={setRationale}
              required
            />
            <ErrorNotice errors={errorsOf(error)} />
            {data && !error ? <Done>Escalation raised.</Done> : null}
            <button type="submit" disabled={loading}>
              Raise escalation
            </button>
          </form>
        </details>
      ) : null}
    </div>
  );
}
