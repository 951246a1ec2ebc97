// Recording consent, a refusal, a withdrawal, or (MASH managers) an override. An override shows
// its justification rules as the person types and cannot be sent until they are met.
import { useId, useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { RECORD_CONSENT } from "../graphql/operations.ts";
import { errorsOf } from "../graphql/errors.ts";
import type { Session } from "../auth/session.ts";
import { checkJustification, JustificationField } from "../components/Justification.tsx";
import { Done, Select, TextInput } from "../components/forms.tsx";
import { ErrorNotice } from "../components/Unavailable.tsx";
import { humanise } from "../components/format.ts";

const AGENCIES = ["POLICE", "HEALTH", "EDUCATION", "CPIS", "EARLY_HELP"] as const;

export function ConsentForm({
  childId,
  session,
  onDone,
}: {
  childId: string;
  session: Session;
  onDone: () => void;
}) {
  const id = useId();
  const manager = session.role === "MASH_MANAGER";
  const statuses = [
    "GIVEN",
    "REFUSED",
    "NOT_SOUGHT",
    "WITHDRAWN",
    ...(manager ? ["OVERRIDDEN"] : []),
  ];
  const [status, setStatus] = useState("GIVEN");
  const [scope, setScope] = useState<string[]>(["POLICE", "HEALTH", "EDUCATION"]);
  const [legalBasis, setLegalBasis] = useState("CONSENT");
  const [justification, setJustification] = useState("");
  const [expires, setExpires] = useState("");
  const [problem, setProblem] = useState<string>();
  const [run, { loading, error, data }] = useMutation(RECORD_CONSENT);
  const override = status === "OVERRIDDEN";
  const bases = override
    ? ["S47_SIGNIFICANT_HARM", "PUBLIC_INTEREST"]
    : ["CONSENT", "S17_CHILD_IN_NEED", "S47_SIGNIFICANT_HARM", "PUBLIC_INTEREST"];
  const basis = bases.includes(legalBasis) ? legalBasis : bases[0]!;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (scope.length === 0) return setProblem("Choose at least one agency the record covers.");
    if (override && !checkJustification(justification).ok) {
      return setProblem(
        "An override needs a justification of at least 20 visible characters and 3 words.",
      );
    }
    setProblem(undefined);
    const r = await run({
      variables: {
        input: {
          childId,
          status,
          scope,
          legalBasis: basis,
          ...(justification.trim() ? { justification } : {}),
          ...(expires ? { expiresAt: new Date(`${expires}T23:59:59Z`).toISOString() } : {}),
        },
      },
    });
    if (!r.error) onDone();
  };
  return (
    <form
      onSubmit={submit}
      className="subpanel"
      aria-labelledby={`${id}-h`}
      data-testid="consent-form"
    >
      <h3 id={`${id}-h`}>Record consent{manager ? " or an override" : ""}</h3>
      <Select
        label="What was recorded"
        value={status}
        onChange={setStatus}
        options={statuses.map((s) => ({ value: s, label: humanise(s) }))}
      />
      <fieldset className="field">
        <legend>Which agencies&apos; information it covers</legend>
        <div className="checkboxes">
          {AGENCIES.map((a) => (
            <div className="checkbox" key={a}>
              <input
                type="checkbox"
                id={`${id}-${a}`}
                checked={scope.includes(a)}
                onChange={(e) =>
                  setScope(e.target.checked ? [...scope, a] : scope.filter((s) => s !== a))
                }
              />
              <label htmlFor={`${id}-${a}`}>{a === "CPIS" ? "CP-IS" : humanise(a)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <Select
        label="Legal basis"
        value={basis}
        onChange={setLegalBasis}
        options={bases.map((b) => ({ value: b, label: humanise(b) }))}
      />
      <JustificationField
        label={override ? "Justification for sharing without consent" : "Justification (optional)"}
        value={justification}
        onChange={setJustification}
        required={override}
        enforce={override}
        hint={
          override
            ? "Say why sharing without consent is justified. Recorded in the audit."
            : undefined
        }
      />
      <TextInput label="Expires on (optional)" type="date" value={expires} onChange={setExpires} />
      {problem ? (
        <p className="error-message" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorNotice errors={errorsOf(error)} />
      {data && !error ? <Done>Recorded. The view below shows what it now allows.</Done> : null}
      <button
        type="submit"
        disabled={loading || (override && !checkJustification(justification).ok)}
      >
        {override ? "Record override" : "Record"}
      </button>
    </form>
  );
}
