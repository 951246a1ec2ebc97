// Escalations: every contact with a disagreement raised about it, open ones first; a MASH
// manager resolves them (saying whether the decision changed).
import { useMemo, useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { useGqlQuery } from "../graphql/hooks.ts";
import { useCapabilities } from "../graphql/capabilities.ts";
import { queueQuery, RESOLVE_ESCALATION } from "../graphql/operations.ts";
import { errorsOf } from "../graphql/errors.ts";
import type { Escalation, Notification } from "../graphql/types.ts";
import type { Session } from "../auth/session.ts";
import { ErrorNotice, NotServedYet } from "../components/Unavailable.tsx";
import { JustificationField } from "../components/Justification.tsx";
import { Radios } from "../components/forms.tsx";
import { RagBadge } from "../components/Rag.tsx";
import { childName, formatDateTime } from "../components/format.ts";
import { Link } from "../router.tsx";

export function Escalations({ session }: { session: Session }) {
  const caps = useCapabilities();
  if (!caps.escalations) {
    return (
      <>
        <h1>Escalations</h1>
        <NotServedYet operation="Notification.escalations" what="The list of escalations" />
      </>
    );
  }
  return <EscalationList session={session} />;
}

function EscalationList({ session }: { session: Session }) {
  const caps = useCapabilities();
  const doc = useMemo(() => queueQuery(caps, "escalations"), [caps]);
  const { data, error, refetch } = useGqlQuery<{ notifications: { edges: Notification[] } }>(doc, {
    variables: { filter: null, first: 50 },
  });
  const rows = (data?.notifications.edges ?? [])
    .flatMap((n) => (n.escalations ?? []).map((e) => ({ n, e })))
    .sort((a, b) =>
      a.e.status === b.e.status
        ? b.e.raisedAt.localeCompare(a.e.raisedAt)
        : a.e.status === "OPEN"
          ? -1
          : 1,
    );
  return (
    <>
      <h1>Escalations</h1>
      <ErrorNotice errors={errorsOf(error)} />
      <p role="status">
        {rows.filter((r) => r.e.status === "OPEN").length} open,{" "}
        {rows.filter((r) => r.e.status === "RESOLVED").length} resolved.
      </p>
      {rows.map(({ n, e }) => (
        <section
          className="panel"
          key={e.id}
          aria-labelledby={`e-${e.id}`}
          data-testid="escalation"
        >
          <h2 id={`e-${e.id}`}>
            {e.status === "OPEN" ? "Open" : "Resolved"}: {childName(n.child)}{" "}
            <RagBadge rag={n.rag ?? n.proposedRag} />
          </h2>
          <p>
            Raised by {e.raisedBy} on {formatDateTime(e.raisedAt)}: {e.rationale}
          </p>
          {e.resolution ? (
            <p>
              Resolved {formatDateTime(e.resolvedAt)}: {e.resolution} (
              {e.decisionChanged ? "the decision changed" : "the decision stood"})
            </p>
          ) : null}
          <p>
            <Link
              to={`/child/${encodeURIComponent(n.child.id)}?notification=${encodeURIComponent(n.id)}`}
            >
              Open the contact
            </Link>
          </p>
          {e.status === "OPEN" && session.role === "MASH_MANAGER" ? (
            caps.resolveEscalation ? (
              <ResolveForm e={e} onDone={() => void refetch()} />
            ) : (
              <NotServedYet operation="resolveEscalation" what="Resolving an escalation" />
            )
          ) : null}
        </section>
      ))}
    </>
  );
}

function ResolveForm({ e, onDone }: { e: Escalation; onDone: () => void }) {
  const [resolution, setResolution] = useState("");
  const [changed, setChanged] = useState<"yes" | "no" | "">("");
  const [run, { loading, error }] = useMutation(RESOLVE_ESCALATION);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!changed) return;
    const r = await run({
      variables: { id: e.id, resolution, decisionChanged: changed === "yes" },
    });
    if (!r.error) onDone();
  };
  return (
    <form onSubmit={submit} className="subpanel">
      <JustificationField label="Resolution" value={resolution} onChange={setResolution} required />
      <Radios
        legend="Did the decision change?"
        name="changed"
        options={["yes", "no"] as const}
        value={changed}
        onChange={setChanged}
        render={(v) => (v === "yes" ? "Yes" : "No")}
      />
      <ErrorNotice errors={errorsOf(error)} />
      <button type="submit" disabled={loading || !changed}>
        Resolve
      </button>
    </form>
  );
}
