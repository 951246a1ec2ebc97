// Who saw what about a child, when, in which role, for what purpose and on what legal basis; the
// fields disclosed and those withheld. For MASH managers and auditors.
import { useGqlQuery } from "../graphql/hooks.ts";
import { ACCESS_LOG } from "../graphql/operations.ts";
import { errorsOf } from "../graphql/errors.ts";
import { ErrorNotice } from "../components/Unavailable.tsx";
import { formatDateTime, humanise } from "../components/format.ts";
import { FindChild } from "./FindChild.tsx";

interface AccessEvent {
  id: string;
  at: string;
  actor: string;
  role: string;
  purpose: string | null;
  legalBasis: string | null;
  disclosed: string[];
  withheld: string[];
}

export function AccessLog({ childId }: { childId?: string }) {
  if (!childId) return <FindChild heading="Access log: find the child" linkSuffix="/access-log" />;
  return <Log childId={childId} />;
}

function Log({ childId }: { childId: string }) {
  const { data, error, loading } = useGqlQuery<{
    accessLog: { edges: AccessEvent[]; hasNextPage: boolean };
  }>(ACCESS_LOG, {
    variables: { childId },
  });
  const events = data?.accessLog.edges ?? [];
  return (
    <>
      <h1>Access log</h1>
      <p>
        Every disclosure about this child, newest first. The log is append-only and hash-chained;{" "}
        <code>npm run audit:verify</code> checks the chain on the server.
      </p>
      <ErrorNotice errors={errorsOf(error)} />
      {loading && !data ? (
        <p role="status">Loading…</p>
      ) : (
        <p role="status">
          {events.length} access events{data?.accessLog.hasNextPage ? " (the most recent 200)" : ""}
          .
        </p>
      )}
      {events.length ? (
        <div className="table-wrap">
          <table className="access-log">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Role</th>
                <th scope="col">Purpose</th>
                <th scope="col">Legal basis</th>
                <th scope="col">Disclosed</th>
                <th scope="col">Withheld</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} data-testid="access-event">
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>{humanise(e.role)}</td>
                  <td>{e.purpose ?? "—"}</td>
                  <td>{e.legalBasis ? humanise(e.legalBasis) : "—"}</td>
                  <td>
                    <FieldList fields={e.disclosed} />
                  </td>
                  <td>
                    <FieldList fields={e.withheld} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

function FieldList({ fields }: { fields: string[] }) {
  if (fields.length === 0) return <>none</>;
  if (fields.length <= 3) return <>{fields.join(", ")}</>;
  return (
    <details>
      <summary>{fields.length} fields</summary>
      {fields.join(", ")}
    </details>
  );
}
