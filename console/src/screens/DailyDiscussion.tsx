// The daily discussion meeting's agenda for a date, and (MASH managers) recording what the
// meeting decided, keeping the child's own words apart from what is inferred.
import { useId, useMemo, useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { useGqlQuery } from "../graphql/hooks.ts";
import { useCapabilities } from "../graphql/capabilities.ts";
import { dailyDiscussionQuery, RECORD_DAILY_DISCUSSION } from "../graphql/operations.ts";
import { errorsOf } from "../graphql/errors.ts";
import type { NextAction, Notification } from "../graphql/types.ts";
import type { Session } from "../auth/session.ts";
import { ErrorNotice, NotServedYet } from "../components/Unavailable.tsx";
import { JustificationField } from "../components/Justification.tsx";
import { Done, TextInput } from "../components/forms.tsx";
import { RagBadge } from "../components/Rag.tsx";
import { childName, formatDate, humanise } from "../components/format.ts";
import { Link, navigate } from "../router.tsx";

interface Item {
  id: string;
  date: string;
  reviewOn: string | null;
  decision: string | null;
  livedExperienceFromChild: string | null;
  livedExperienceInferred: string | null;
  actions: NextAction[];
  notification: Notification;
}

const today = () => new Date().toISOString().slice(0, 10);

export function DailyDiscussion({ session, date }: { session: Session; date: string | undefined }) {
  const caps = useCapabilities();
  const id = useId();
  const day = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : today();
  return (
    <>
      <h1>Daily discussion, {formatDate(day)}</h1>
      <div className="field-inline">
        <label htmlFor={id}>Meeting date</label>
        <input
          id={id}
          type="date"
          value={day}
          onChange={(e) =>
            e.target.value && navigate(`/daily?date=${e.target.value}`, { replace: true })
          }
        />
      </div>
      {caps.dailyDiscussion ? (
        <Agenda day={day} session={session} />
      ) : (
        <NotServedYet operation="dailyDiscussion" what="The daily discussion agenda" />
      )}
    </>
  );
}

function Agenda({ day, session }: { day: string; session: Session }) {
  const caps = useCapabilities();
  const doc = useMemo(() => dailyDiscussionQuery(caps), [caps]);
  const { data, error, loading, refetch } = useGqlQuery<{ dailyDiscussion: Item[] }>(doc, {
    variables: { date: day },
  });
  const items = data?.dailyDiscussion ?? [];
  return (
    <>
      <ErrorNotice errors={errorsOf(error)} />
      {loading && !data ? (
        <p role="status">Loading the agenda…</p>
      ) : (
        <p role="status">
          {items.length} item{items.length === 1 ? "" : "s"} on the agenda.
        </p>
      )}
      <ol className="agenda">
        {items.map((item) => (
          <li key={item.id} className="panel" data-testid="agenda-item">
            <h2>
              <Link
                to={`/child/${encodeURIComponent(item.notification.child.id)}?notification=${encodeURIComponent(item.notification.id)}`}
              >
                {childName(item.notification.child)}
              </Link>{" "}
              <RagBadge rag={item.notification.rag ?? item.notification.proposedRag} />
            </h2>
            <p>{item.notification.reasons.map((r) => r.description).join("; ")}</p>
            {item.decision ? (
              <>
                <p>
                  <strong>Decision:</strong> {item.decision}
                </p>
                {item.livedExperienceFromChild ? (
                  <p>
                    <strong>From the child:</strong> {item.livedExperienceFromChild}
                  </p>
                ) : null}
                {item.livedExperienceInferred ? (
                  <p>
                    <strong>Inferred:</strong> {item.livedExperienceInferred}
                  </p>
                ) : null}
                {item.actions.length ? (
                  <ul>
                    {item.actions.map((a) => (
                      <li key={a.id}>
                        {a.action}
                        {a.assignee ? ` — ${a.assignee}` : ""}
                        {a.completedAt ? " (done)" : ""}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {item.reviewOn ? <p>Review on {formatDate(item.reviewOn)}.</p> : null}
              </>
            ) : session.role === "MASH_MANAGER" ? (
              caps.recordDailyDiscussion ? (
                <RecordForm
                  notificationId={item.notification.id}
                  day={day}
                  onDone={() => void refetch()}
                />
              ) : (
                <NotServedYet
                  operation="recordDailyDiscussion"
                  what="Recording the meeting's decision"
                />
              )
            ) : (
              <p>Not yet discussed ({humanise(item.notification.status)}).</p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

function RecordForm({
  notificationId,
  day,
  onDone,
}: {
  notificationId: string;
  day: string;
  onDone: () => void;
}) {
  const [fromChild, setFromChild] = useState("");
  const [inferred, setInferred] = useState("");
  const [decision, setDecision] = useState("");
  const [action, setAction] = useState("");
  const [reviewOn, setReviewOn] = useState("");
  const [run, { loading, error, data }] = useMutation(RECORD_DAILY_DISCUSSION);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run({
      variables: {
        input: {
          notificationId,
          date: day,
          ...(fromChild.trim() ? { livedExperienceFromChild: fromChild } : {}),
          ...(inferred.trim() ? { livedExperienceInferred: inferred } : {}),
          decision,
          actions: action.trim() ? [{ action: action.trim() }] : [],
          ...(reviewOn ? { reviewOn } : {}),
        },
      },
    });
    if (!r.error) onDone();
  };
  return (
    <details>
      <summary>Record the discussion</summary>
      <form onSubmit={submit}>
        <JustificationField
          label="The child's lived experience: what came from the child"
          value={fromChild}
          onChange={setFromChild}
          enforce={false}
        />
        <JustificationField
          label="What is inferred (kept apart)"
          value={inferred}
          onChange={setInferred}
          enforce={false}
        />
        <JustificationField label="Decision" value={decision} onChange={setDecision} required />
        <TextInput label="Action (optional)" value={action} onChange={setAction} />
        <TextInput
          label="Review on (optional)"
          type="date"
          value={reviewOn}
          onChange={setReviewOn}
        />
        <ErrorNotice errors={errorsOf(error)} />
        {data && !error ? <Done>Recorded.</Done> : null}
        <button type="submit" disabled={loading}>
          Record
        </button>
      </form>
    </details>
  );
}
