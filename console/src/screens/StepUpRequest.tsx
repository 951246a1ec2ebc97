// An early help manager asks the MASH to step a family up (requestStepUp): the questions the
// partnership's step-up form asks, and the information for children's social care.
import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { useCapabilities } from "../graphql/capabilities.ts";
import { REQUEST_STEP_UP } from "../graphql/operations.ts";
import { errorsOf } from "../graphql/errors.ts";
import { ErrorNotice, NotServedYet } from "../components/Unavailable.tsx";
import { JustificationField } from "../components/Justification.tsx";
import { Done, Radios } from "../components/forms.tsx";
import { Link } from "../router.tsx";

type YesNo = "yes" | "no" | "";
const yesNo = ["yes", "no"] as const;
const label = (v: string) => (v === "yes" ? "Yes" : "No");

export function StepUpRequest({ childId }: { childId: string }) {
  const caps = useCapabilities();
  return (
    <>
      <h1>Ask the MASH to step up</h1>
      <p>
        <Link to={`/child/${encodeURIComponent(childId)}`}>Back to the child</Link>
      </p>
      {caps.requestStepUp ? (
        <Form childId={childId} />
      ) : (
        <NotServedYet operation="requestStepUp" what="Asking for a step-up" />
      )}
    </>
  );
}

function Form({ childId }: { childId: string }) {
  const [reason, setReason] = useState<"CIN" | "CP" | "">("");
  const [risk, setRisk] = useState<YesNo>("");
  const [needs, setNeeds] = useState("");
  const [engagement, setEngagement] = useState("");
  const [told, setTold] = useState<YesNo>("");
  const [timescale, setTimescale] = useState("");
  const [lackOfEngagement, setLack] = useState<YesNo>("");
  const [info, setInfo] = useState("");
  const [urgent, setUrgent] = useState<YesNo>("");
  const [signOff, setSignOff] = useState<YesNo>("");
  const [problem, setProblem] = useState<string>();
  const [run, { loading, error, data }] = useMutation(REQUEST_STEP_UP);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason || !risk || !told || !lackOfEngagement || !urgent)
      return setProblem("Answer every question.");
    setProblem(undefined);
    await run({
      variables: {
        input: {
          childId,
          reason,
          urgent: urgent === "yes",
          informationForSocialCare: info,
          ...(signOff ? { managerSignOff: signOff === "yes" } : {}),
          answers: {
            riskOfSignificantHarm: risk === "yes",
            needsUnmetAndWhy: needs,
            familyEngagement: engagement,
            familyToldOfStepUp: told === "yes",
            timescaleForChange: timescale,
            lackOfEngagement: lackOfEngagement === "yes",
          },
        },
      },
    });
  };
  return (
    <form onSubmit={submit}>
      <Radios
        legend="What are you asking for?"
        name="reason"
        options={["CIN", "CP"] as const}
        value={reason}
        onChange={setReason}
        render={(r) => (r === "CIN" ? "Child in need assessment" : "Child protection")}
      />
      <Radios
        legend="Is there a risk of significant harm?"
        name="risk"
        options={yesNo}
        value={risk}
        onChange={setRisk}
        render={label}
      />
      <JustificationField
        label="Which needs are unmet, and why"
        value={needs}
        onChange={setNeeds}
        required
      />
      <JustificationField
        label="How the family has engaged"
        value={engagement}
        onChange={setEngagement}
        required
      />
      <Radios
        legend="Has the family been told of the step-up?"
        name="told"
        options={yesNo}
        value={told}
        onChange={setTold}
        render={label}
      />
      <JustificationField
        label="Timescale for change"
        value={timescale}
        onChange={setTimescale}
        required
        enforce={false}
      />
      <Radios
        legend="Is the step-up for lack of engagement?"
        name="lack"
        options={yesNo}
        value={lackOfEngagement}
        onChange={setLack}
        render={label}
      />
      <Radios
        legend="Manager sign-off (required for lack of engagement with a child under 5 or unborn)"
        name="signoff"
        options={yesNo}
        value={signOff}
        onChange={setSignOff}
        render={label}
      />
      <JustificationField
        label="Information for children's social care"
        value={info}
        onChange={setInfo}
        required
      />
      <Radios
        legend="Is it urgent?"
        name="urgent"
        options={yesNo}
        value={urgent}
        onChange={setUrgent}
        render={label}
      />
      {problem ? (
        <p className="error-message" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorNotice errors={errorsOf(error)} />
      {data && !error ? <Done>Sent to the MASH.</Done> : null}
      <button type="submit" disabled={loading}>
        Send to the MASH
      </button>
    </form>
  );
}
