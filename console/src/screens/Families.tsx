// An early help manager's or lead professional's families: the children their alerts are about,
// and a search that finds only children of their own families (the hub decides).
import { useGqlQuery } from "../graphql/hooks.ts";
import { MY_ALERTS } from "../graphql/operations.ts";
import { errorsOf } from "../graphql/errors.ts";
import type { Alert } from "../graphql/types.ts";
import type { Session } from "../auth/session.ts";
import { ErrorNotice } from "../components/Unavailable.tsx";
import { RagBadge } from "../components/Rag.tsx";
import { childName, formatDateTime } from "../components/format.ts";
import { Link } from "../router.tsx";
import { FindChild } from "./FindChild.tsx";

export function Families({ session }: { session: Session }) {
  const { data, error } = useGqlQuery<{ myAlerts: { edges: Alert[] } }>(MY_ALERTS);
  const byChild = new Map<string, Alert>();
  for (const a of data?.myAlerts.edges ?? [])
    if (!byChild.has(a.notification.child.id)) byChild.set(a.notification.child.id, a);
  return (
    <>
      <h1>Families</h1>
      <ErrorNotice errors={errorsOf(error)} />
      <h2>Children with alerts</h2>
      {byChild.size === 0 ? <p>No alerts about your families yet.</p> : null}
      <ul>
        {[...byChild.values()].map((a) => (
          <li key={a.notification.child.id}>
            <Link to={`/child/${encodeURIComponent(a.notification.child.id)}`}>
              {childName(a.notification.child)}
            </Link>{" "}
            — latest alert <RagBadge rag={a.rag} /> {formatDateTime(a.raisedAt)}
            {session.role === "EARLY_HELP_MANAGER" ? (
              <>
                {" "}
                ·{" "}
                <Link to={`/child/${encodeURIComponent(a.notification.child.id)}/step-up`}>
                  Ask for a step-up
                </Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <section aria-label="Search your families">
        <FindChild heading="Find a child in your families" nested />
      </section>
    </>
  );
}
