// The MASH queue: every kind of contact awaiting work, most urgent first (earliest due, then
// the more serious rating), overdue ones marked in words as well as colour.
import { useId, useMemo, useState } from "react";
import { useGqlQuery } from "../graphql/hooks.ts";
import { queueQuery } from "../graphql/operations.ts";
import { useCapabilities } from "../graphql/capabilities.ts";
import { errorsOf } from "../graphql/errors.ts";
import type { Notification, Rag } from "../graphql/types.ts";
import { RagBadge, RAG_ORDER } from "../components/Rag.tsx";
import { ErrorNotice } from "../components/Unavailable.tsx";
import { childName, dueText, formatDateTime, humanise } from "../components/format.ts";
import { Link } from "../router.tsx";

const STATUSES = ["AWAITING_SCREENING", "SCREENED", "STEPPED_UP", "CLOSED"] as const;
const KINDS = ["AGENCY_EVENT", "REFERRAL", "STEP_UP_REQUEST"] as const;

export function urgencyOrder(a: Notification, b: Notification): number {
  const due = new Date(a.dueBy).getTime() - new Date(b.dueBy).getTime();
  if (due !== 0) return due;
  return RAG_ORDER[a.rag ?? a.proposedRag] - RAG_ORDER[b.rag ?? b.proposedRag];
}

export function Queue() {
  const caps = useCapabilities();
  const ids = { status: useId(), rag: useId(), kind: useId(), overdue: useId() };
  const [status, setStatus] = useState<string>("AWAITING_SCREENING");
  const [rag, setRag] = useState<string>("");
  const [kind, setKind] = useState<string>("");
  const [overdueOnly, setOverdueOnly] = useState(false);
  const doc = useMemo(() => queueQuery(caps), [caps]);
  const filter = {
    ...(status ? { status } : {}),
    ...(rag ? { rag } : {}),
    ...(kind && caps.notificationKind ? { kind } : {}),
    ...(overdueOnly ? { overdueOnly: true } : {}),
  };
  const { data, loading, error, refetch } = useGqlQuery<{
    notifications: { edges: Notification[]; hasNextPage: boolean };
  }>(doc, { variables: { filter, first: 100 }, pollInterval: 30_000 });
  const rows = useMemo(() => [...(data?.notifications.edges ?? [])].sort(urgencyOrder), [data]);
  const now = Date.now();
  const overdue = rows.filter(
    (n) => new Date(n.dueBy).getTime() < now && n.status === "AWAITING_SCREENING",
  ).length;

  return (
    <>
      <h1>Queue</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter the queue">
        <div className="field-inline">
          <label htmlFor={ids.status}>Status</label>
          <select id={ids.status} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanise(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field-inline">
          <label htmlFor={ids.rag}>Rating</label>
          <select id={ids.rag} value={rag} onChange={(e) => setRag(e.target.value)}>
            <option value="">Any rating</option>
            {(["RED", "AMBER", "GREEN"] as Rag[]).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        {caps.notificationKind ? (
          <div className="field-inline">
            <label htmlFor={ids.kind}>Kind of contact</label>
            <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="">Every kind</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {humanise(k)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field-inline checkbox">
          <input
            id={ids.overdue}
            type="checkbox"
            checked={overdueOnly}
            onChange={(e) => setOverdueOnly(e.target.checked)}
          />
          <label htmlFor={ids.overdue}>Overdue only</label>
        </div>
        <button type="button" className="button-secondary" onClick={() => void refetch()}>
          Refresh
        </button>
      </form>
      <ErrorNotice errors={errorsOf(error)} />
      <p role="status" aria-live="polite" className="summary">
        {loading && !data
          ? "Loading the queue…"
          : `${rows.length} contact${rows.length === 1 ? "" : "s"}${overdue ? `, ${overdue} overdue` : ""}, most urgent first.`}
      </p>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="queue">
            <caption className="visually-hidden">Contacts, most urgent first</caption>
            <thead>
              <tr>
                <th scope="col">Rating</th>
                <th scope="col">Child</th>
                {caps.notificationKind ? <th scope="col">Kind</th> : null}
                <th scope="col">Why</th>
                <th scope="col">Received</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => {
                const due = dueText(n.dueBy, now);
                const late = due.overdue && n.status === "AWAITING_SCREENING";
                return (
                  <tr key={n.id} className={late ? "overdue" : undefined} data-testid="queue-row">
                    <td>
                      <RagBadge
                        rag={n.rag ?? n.proposedRag}
                        label={n.rag ? "Screened" : "Proposed"}
                      />
                    </td>
                    <td>
                      <Link
                        to={`/child/${encodeURIComponent(n.child.id)}?notification=${encodeURIComponent(n.id)}`}
                      >
                        {childName(n.child)}
                      </Link>
                    </td>
                    {caps.notificationKind ? <td>{n.kind ? humanise(n.kind) : "—"}</td> : null}
                    <td>
                      {n.reasons[0]?.description ?? "—"}
                      {n.reasons.length > 1 ? ` (+${n.reasons.length - 1} more)` : ""}
                    </td>
                    <td>{formatDateTime(n.createdAt)}</td>
                    <td>
                      {late ? (
                        <strong className="overdue-label">{due.text}</strong>
                      ) : n.status === "AWAITING_SCREENING" ? (
                        due.text
                      ) : (
                        formatDateTime(n.dueBy)
                      )}
                    </td>
                    <td>{humanise(n.status)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
