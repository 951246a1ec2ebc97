// An early help manager's or lead professional's alerts, arriving live over graphql-ws
// (alertRaised) and announced to screen readers; acknowledging one records who and when.
import { useEffect, useState } from "react";
import { useMutation, useSubscription } from "@apollo/client/react";
import { useGqlQuery } from "../graphql/hooks.ts";
import { subscribeLiveState, type LiveState } from "../graphql/client.ts";
import { ACKNOWLEDGE, ALERT_RAISED, MY_ALERTS } from "../graphql/operations.ts";
import { errorsOf } from "../graphql/errors.ts";
import type { Alert } from "../graphql/types.ts";
import { RagBadge } from "../components/Rag.tsx";
import { ErrorNotice } from "../components/Unavailable.tsx";
import { childName, dueText, formatDateTime, humanise } from "../components/format.ts";
import { Link } from "../router.tsx";

export function Alerts() {
  const { data, error, refetch } = useGqlQuery<{ myAlerts: { edges: Alert[] } }>(MY_ALERTS);
  const [live, setLive] = useState<Alert[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const sub = useSubscription<{ alertRaised: Alert }>(ALERT_RAISED, {
    onData: ({ data: d }) => {
      const a = d.data?.alertRaised;
      if (!a) return;
      setLive((prev) => [a, ...prev.filter((p) => p.id !== a.id)]);
      setAnnouncement(`New ${a.rag} alert for ${childName(a.notification.child)}.`);
    },
  });
  const [ack, ackState] = useMutation(ACKNOWLEDGE);
  const [liveState, setLiveState] = useState<LiveState>("idle");
  useEffect(() => subscribeLiveState(setLiveState), []);
  const connected = liveState === "connected";
  const known = data?.myAlerts.edges ?? [];
  const alerts = [...live, ...known.filter((k) => !live.some((l) => l.id === k.id))];
  const open = alerts.filter((a) => !a.acknowledgedAt);
  return (
    <>
      <h1>Alerts</h1>
      <p className="live-state" data-testid="live-state">
        {sub.error
          ? "Live alerts are not connected: refresh the page."
          : connected
            ? "Live: new alerts appear here as they are raised."
            : "Connecting to live alerts…"}
      </p>
      <div role="status" aria-live="assertive" className="visually-hidden" data-testid="announcer">
        {announcement}
      </div>
      <ErrorNotice errors={[...errorsOf(error), ...errorsOf(ackState.error)]} />
      <p>
        {open.length} to acknowledge, {alerts.length - open.length} acknowledged.
      </p>
      <ul className="alerts">
        {alerts.map((a) => {
          const due = dueText(a.notification.dueBy);
          return (
            <li
              key={a.id}
              className={`panel alert${a.acknowledgedAt ? " acknowledged" : ""}`}
              data-testid="alert"
            >
              <h2>
                <RagBadge rag={a.rag} />{" "}
                <Link to={`/child/${encodeURIComponent(a.notification.child.id)}`}>
                  {childName(a.notification.child)}
                </Link>
              </h2>
              <p>
                Raised {formatDateTime(a.raisedAt)} by the MASH ({humanise(a.notification.status)});
                by {a.channels.map(humanise).join(" and ")}. {due.overdue ? "" : due.text}
              </p>
              {a.acknowledgedAt ? (
                <p>Acknowledged {formatDateTime(a.acknowledgedAt)}.</p>
              ) : (
                <button
                  type="button"
                  onClick={async () => {
                    const r = await ack({ variables: { id: a.id } });
                    if (!r.error) {
                      setLive((prev) =>
                        prev.map((p) =>
                          p.id === a.id ? { ...p, acknowledgedAt: new Date().toISOString() } : p,
                        ),
                      );
                      await refetch();
                    }
                  }}
                  disabled={ackState.loading}
                >
                  Acknowledge{" "}
                  <span className="visually-hidden">
                    the alert for {childName(a.notification.child)}
                  </span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {alerts.length === 0 ? <p>No alerts.</p> : null}
    </>
  );
}
