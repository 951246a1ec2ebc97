// Sign-in. Development: paste a token that `npm run token` printed. Production: OpenID Connect
// (authorization code with PKCE) against the hub's identity provider.
import { useEffect, useId, useState, type FormEvent } from "react";
import type { AuthSettings } from "../settings.ts";
import { sessionFromToken, type Session } from "./session.ts";
import { completeSignIn, startSignIn, type OidcSettings } from "./oidc.ts";

const ROLE_COMMANDS = [
  "npm run token -- --role MASH_SCREENER --sub screener-1 --name 'Sam Screener'",
  "npm run token -- --role MASH_MANAGER --sub manager-1 --name 'Morgan Manager'",
  "npm run token -- --role EARLY_HELP_MANAGER --sub ehm-1 --name 'Erin Early-Help'",
  "npm run token -- --role LEAD_PROFESSIONAL --sub lp-1 --name 'Lee Lead'",
  "npm run token -- --role AUDITOR --sub auditor-1 --name 'Ali Auditor'",
];

export function SignIn({
  settings,
  onSignedIn,
  reason,
  returnTo,
}: {
  settings: AuthSettings;
  onSignedIn: (s: Session, returnTo?: string) => void;
  reason: string | undefined;
  returnTo: string;
}) {
  return (
    <main id="main" className="narrow">
      <h1>Sign in to the MASH hub</h1>
      {reason ? (
        <div className="notice notice-info" role="status">
          {reason}
        </div>
      ) : null}
      {settings.mode === "development" ? (
        <DevelopmentSignIn onSignedIn={(s) => onSignedIn(s, returnTo)} />
      ) : settings.mode === "oidc" ? (
        <OidcSignIn settings={settings} returnTo={returnTo} />
      ) : (
        <div className="notice notice-error" role="alert">
          {settings.message}
        </div>
      )}
    </main>
  );
}

function DevelopmentSignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const id = useId();
  const [token, setToken] = useState("");
  const [problem, setProblem] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = sessionFromToken(token, "development");
    if ("problem" in result) setProblem(result.problem);
    else onSignedIn(result.session);
  };
  return (
    <>
      <p>
        This hub runs in development: sign in with a development token. Make one in a terminal in
        the project&apos;s folder, for the role you want to try:
      </p>
      <ul className="commands">
        {ROLE_COMMANDS.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={id}>Development token</label>
          <p className="hint" id={`${id}-hint`}>
            Paste the whole line the command printed. It stays in this browser tab only.
          </p>
          <textarea
            id={id}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            rows={4}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ""}`}
            aria-invalid={problem ? true : undefined}
          />
          {problem ? (
            <p className="error-message" id={`${id}-error`} role="alert">
              {problem}
            </p>
          ) : null}
        </div>
        <button type="submit">Sign in</button>
      </form>
    </>
  );
}

function OidcSignIn({ settings, returnTo }: { settings: OidcSettings; returnTo: string }) {
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const go = () => {
    setBusy(true);
    startSignIn(settings, returnTo).catch((e: unknown) => {
      setBusy(false);
      setProblem(e instanceof Error ? e.message : String(e));
    });
  };
  return (
    <>
      <p>Sign in with your organisation&apos;s account.</p>
      {problem ? (
        <div className="notice notice-error" role="alert">
          {problem}
        </div>
      ) : null}
      <button type="button" onClick={go} disabled={busy}>
        {busy ? "Opening sign-in…" : "Sign in with your organisation"}
      </button>
    </>
  );
}

export function OidcCallback({
  settings,
  onSignedIn,
}: {
  settings: OidcSettings;
  onSignedIn: (s: Session, returnTo?: string) => void;
}) {
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let done = false;
    completeSignIn(settings).then(
      ({ accessToken, returnTo }) => {
        if (done) return;
        const result = sessionFromToken(accessToken, "oidc");
        if ("problem" in result)
          setProblem(`The identity provider's token is not usable: ${result.problem}`);
        else onSignedIn(result.session, returnTo);
      },
      (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      done = true;
    };
  }, [settings, onSignedIn]);
  return (
    <main id="main" className="narrow">
      <h1>Signing you in</h1>
      {problem ? (
        <>
          <div className="notice notice-error" role="alert">
            {problem}
          </div>
          <p>
            <a href="/console/">Start again</a>
          </p>
        </>
      ) : (
        <p role="status">Completing sign-in…</p>
      )}
    </main>
  );
}
