// Uncertain identity matches, side by side: the child the hub already knows and the provisional
// record, each field next to its counterpart, differences marked in words.
import { useMutation } from "@apollo/client/react";
import { useGqlQuery } from "../graphql/hooks.ts";
import { MATCH_REVIEWS, RESOLVE_MATCH } from "../graphql/operations.ts";
import { errorsOf } from "../graphql/errors.ts";
import { ErrorNotice } from "../components/Unavailable.tsx";
import { formatDate } from "../components/format.ts";

interface Person {
  id: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  postcode: string | null;
  nhsNumber: string | null;
  upn: string | null;
  agencyIdentifiers: { agency: string; kind: string; value: string }[] | null;
}
interface Review {
  id: string;
  score: number;
  status: string;
  candidate: Person;
  provisional: Person;
}

const ROWS: { label: string; get: (p: Person) => string }[] = [
  { label: "Given name", get: (p) => p.givenName ?? "—" },
  { label: "Family name", get: (p) => p.familyName ?? "—" },
  { label: "Date of birth", get: (p) => formatDate(p.dateOfBirth) },
  { label: "Postcode", get: (p) => p.postcode ?? "—" },
  { label: "NHS number", get: (p) => p.nhsNumber ?? "—" },
  { label: "UPN", get: (p) => p.upn ?? "—" },
  {
    label: "Agency identifiers",
    get: (p) => p.agencyIdentifiers?.map((i) => `${i.agency} ${i.value}`).join(", ") || "—",
  },
];

export function MatchReviews() {
  const { data, error, refetch, loading } = useGqlQuery<{ matchReviews: { edges: Review[] } }>(
    MATCH_REVIEWS,
  );
  const [resolve, r] = useMutation(RESOLVE_MATCH);
  const reviews = data?.matchReviews.edges.filter((m) => m.status === "OPEN") ?? [];
  const all = data?.matchReviews.edges ?? [];
  const shown = reviews.length ? reviews : all;
  const decide = async (id: string, decision: "SAME_CHILD" | "DIFFERENT_CHILD") => {
    await resolve({ variables: { id, decision } });
    await refetch();
  };
  return (
    <>
      <h1>Match reviews</h1>
      <ErrorNotice errors={[...errorsOf(error), ...errorsOf(r.error)]} />
      {loading && !data ? <p role="status">Loading…</p> : null}
      {data && shown.length === 0 ? <p>No uncertain matches are waiting.</p> : null}
      {shown.map((m) => (
        <section className="panel" key={m.id} aria-labelledby={`m-${m.id}`}>
          <h2 id={`m-${m.id}`}>
            Possible match, score {m.score.toFixed(2)} ({m.status.toLowerCase()})
          </h2>
          <div className="table-wrap">
            <table className="side-by-side">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Known child</th>
                  <th scope="col">Provisional record</th>
                  <th scope="col">Same?</th>
                </tr>
              </thead>
              <tbody>
                {ROWS.map((row) => {
                  const a = row.get(m.candidate);
                  const b = row.get(m.provisional);
                  const same = a.toLowerCase() === b.toLowerCase();
                  return (
                    <tr key={row.label} className={same ? undefined : "differs"}>
                      <th scope="row">{row.label}</th>
                      <td>{a}</td>
                      <td>{b}</td>
                      <td>{same ? "Same" : <strong>Differs</strong>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {m.status === "OPEN" ? (
            <div className="actions">
              <button
                type="button"
                onClick={() => void decide(m.id, "SAME_CHILD")}
                disabled={r.loading}
              >
                Same child: merge
              </button>
              <button
                type="button"
                className="button-secondary"
                onClick={() => void decide(m.id, "DIFFERENT_CHILD")}
                disabled={r.loading}
              >
                Different children
              </button>
            </div>
          ) : null}
        </section>
      ))}
    </>
  );
}
