// Find a child by identifier or by name, date of birth and postcode; best matches first. A child
// the person may not open is not in the answer at all (the hub decides).
import { useState, type FormEvent } from "react";
import { useLazyQuery } from "@apollo/client/react";
import { FIND_CHILDREN } from "../graphql/operations.ts";
import { errorsOf } from "../graphql/errors.ts";
import { TextInput } from "../components/forms.tsx";
import { ErrorNotice } from "../components/Unavailable.tsx";
import { childName, formatDate } from "../components/format.ts";
import { Link } from "../router.tsx";

interface Match {
  score: number;
  matchedOn: string[];
  child: {
    id: string;
    givenName: string | null;
    familyName: string | null;
    dateOfBirth: string | null;
    postcode: string | null;
  };
}

export function FindChild({
  heading = "Find a child",
  linkSuffix = "",
  nested = false,
}: {
  heading?: string;
  linkSuffix?: string;
  /** Inside another screen: its heading is a level lower. */
  nested?: boolean;
}) {
  const Heading = nested ? "h2" : "h1";
  const [search, setSearch] = useState({
    nhsNumber: "",
    upn: "",
    givenName: "",
    familyName: "",
    dateOfBirth: "",
    postcode: "",
  });
  const [run, result] = useLazyQuery(FIND_CHILDREN);
  const { error, loading, called } = result;
  const data = result.data as { findChildren: Match[] } | undefined;
  const set = (k: keyof typeof search) => (v: string) => setSearch({ ...search, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const criteria = Object.fromEntries(
      Object.entries(search)
        .filter(([, v]) => v.trim())
        .map(([k, v]) => [k, v.trim()]),
    );
    void run({ variables: { search: criteria } });
  };
  const matches = data?.findChildren ?? [];
  return (
    <>
      <Heading>{heading}</Heading>
      <form onSubmit={submit} className="search-form">
        <div className="grid-2">
          <TextInput label="NHS number" value={search.nhsNumber} onChange={set("nhsNumber")} />
          <TextInput label="Unique pupil number" value={search.upn} onChange={set("upn")} />
          <TextInput label="Given name" value={search.givenName} onChange={set("givenName")} />
          <TextInput label="Family name" value={search.familyName} onChange={set("familyName")} />
          <TextInput
            label="Date of birth"
            type="date"
            value={search.dateOfBirth}
            onChange={set("dateOfBirth")}
          />
          <TextInput label="Postcode" value={search.postcode} onChange={set("postcode")} />
        </div>
        <button type="submit" disabled={loading}>
          Search
        </button>
      </form>
      <ErrorNotice errors={errorsOf(error)} />
      {called && !loading ? (
        <p role="status">
          {matches.length} match{matches.length === 1 ? "" : "es"}
          {matches.length ? ", best first." : "."}
        </p>
      ) : null}
      <ul className="results">
        {matches.map((m) => (
          <li key={m.child.id}>
            <Link to={`/child/${encodeURIComponent(m.child.id)}${linkSuffix}`}>
              {childName(m.child)}
            </Link>
            , born {formatDate(m.child.dateOfBirth)}
            {m.child.postcode ? `, ${m.child.postcode}` : ""} — score {m.score.toFixed(2)} (matched
            on {m.matchedOn.join(", ")})
          </li>
        ))}
      </ul>
    </>
  );
}
