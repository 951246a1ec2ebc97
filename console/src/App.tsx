// The console's shell: sign-in, then the screens the signed-in person's role uses, each at its
// own address. Focus moves to the new screen's heading on every navigation (WCAG 2.4.3).
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApolloProvider } from "@apollo/client/react";
import { createApolloClient } from "./graphql/client.ts";
import {
  CapabilitiesContext,
  probeCapabilities,
  type Capabilities,
} from "./graphql/capabilities.ts";
import {
  loadSession,
  saveSession,
  ROLE_LABEL,
  isMash,
  isEarlyHelp,
  type Session,
  type Role,
} from "./auth/session.ts";
import { loadSettings, type AuthSettings } from "./settings.ts";
import { SignIn, OidcCallback } from "./auth/SignIn.tsx";
import { CALLBACK_PATH } from "./auth/oidc.ts";
import { Link, match, navigate, useLocation } from "./router.tsx";
import { Queue } from "./screens/Queue.tsx";
import { ChildView } from "./screens/ChildView.tsx";
import { FindChild } from "./screens/FindChild.tsx";
import { MatchReviews } from "./screens/MatchReviews.tsx";
import { Escalations } from "./screens/Escalations.tsx";
import { DailyDiscussion } from "./screens/DailyDiscussion.tsx";
import { Alerts } from "./screens/Alerts.tsx";
import { AccessLog } from "./screens/AccessLog.tsx";
import { StepUpRequest } from "./screens/StepUpRequest.tsx";
import { Families } from "./screens/Families.tsx";

const Figures = lazy(() => import("./screens/Figures.tsx"));

interface NavItem {
  to: string;
  label: string;
}

function navFor(role: Role): NavItem[] {
  if (isMash(role)) {
    return [
      { to: "/queue", label: "Queue" },
      { to: "/find", label: "Find a child" },
      { to: "/matches", label: "Match reviews" },
      { to: "/escalations", label: "Escalations" },
      { to: "/daily", label: "Daily discussion" },
      ...(role === "MASH_MANAGER"
        ? [
            { to: "/figures", label: "Figures" },
            { to: "/access-log", label: "Access log" },
          ]
        : []),
    ];
  }
  if (isEarlyHelp(role)) {
    return [
      { to: "/alerts", label: "Alerts" },
      { to: "/families", label: "Families" },
      ...(role === "EARLY_HELP_MANAGER" ? [{ to: "/daily", label: "Daily discussion" }] : []),
    ];
  }
  if (role === "AUDITOR") {
    return [
      { to: "/access-log", label: "Access log" },
      { to: "/figures", label: "Figures" },
    ];
  }
  return [];
}

const homeFor = (role: Role) => navFor(role)[0]?.to ?? "/agency";

export function App() {
  const [settings, setSettings] = useState<AuthSettings>();
  const [settingsError, setSettingsError] = useState<string>();
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [signedOutReason, setSignedOutReason] = useState<string>();
  const loc = useLocation();

  useEffect(() => {
    loadSettings().then(
      (s) => setSettings(s.auth),
      (e: unknown) => setSettingsError(e instanceof Error ? e.message : String(e)),
    );
  }, []);

  const signIn = useCallback((s: Session, returnTo?: string) => {
    saveSession(s);
    setSignedOutReason(undefined);
    setSession(s);
    navigate(
      returnTo && returnTo !== "/" && !returnTo.startsWith("/callback")
        ? returnTo
        : homeFor(s.role),
      {
        replace: true,
      },
    );
  }, []);
  const signOut = useCallback((reason?: string) => {
    saveSession(undefined);
    setSession(undefined);
    setSignedOutReason(reason);
  }, []);

  useEffect(() => {
    if (!session) return;
    const t = setTimeout(
      () => signOut("Your sign-in has expired: sign in again."),
      Math.max(0, session.expiresAt - Date.now()),
    );
    return () => clearTimeout(t);
  }, [session, signOut]);

  if (settingsError) {
    return (
      <main id="main" className="narrow">
        <h1>MASH hub console</h1>
        <div className="notice notice-error" role="alert">
          {settingsError}
        </div>
      </main>
    );
  }
  if (!settings)
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  if (`/console${loc.path}` === CALLBACK_PATH && settings.mode === "oidc") {
    return <OidcCallback settings={settings} onSignedIn={signIn} />;
  }
  if (!session) {
    return (
      <SignIn
        settings={settings}
        onSignedIn={signIn}
        reason={signedOutReason}
        returnTo={`${loc.path}${loc.query.size ? `?${loc.query.toString()}` : ""}`}
      />
    );
  }
  return <SignedIn key={session.token} session={session} onSignOut={signOut} />;
}

function SignedIn({
  session,
  onSignOut,
}: {
  session: Session;
  onSignOut: (reason?: string) => void;
}) {
  const client = useMemo(
    () =>
      createApolloClient(session.token, () =>
        onSignOut("The hub no longer accepts your sign-in: sign in again."),
      ),
    [session.token, onSignOut],
  );
  const [caps, setCaps] = useState<Capabilities>();
  useEffect(() => {
    probeCapabilities(session.token).then(setCaps, () => setCaps(undefined));
    return () => {
      void client.clearStore();
    };
  }, [session.token, client]);
  const loc = useLocation();
  const nav = navFor(session.role);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (loc.path === "/" || loc.path === "") navigate(homeFor(session.role), { replace: true });
  }, [loc.path, session.role]);
  // on each new screen, move focus to its heading so keyboard and screen-reader users start there
  useEffect(() => {
    const h1 = mainRef.current?.querySelector("h1");
    if (h1) {
      h1.setAttribute("tabindex", "-1");
      h1.focus({ preventScroll: false });
    }
  }, [loc.path, caps]);

  return (
    <ApolloProvider client={client}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="masthead">
        <div className="masthead-inner">
          <Link to={homeFor(session.role)} className="brand">
            MASH hub
          </Link>
          <p className="who">
            Signed in as <strong>{session.name ?? session.sub}</strong> ({ROLE_LABEL[session.role]})
          </p>
          <button
            type="button"
            className="button-secondary"
            onClick={() => onSignOut("You have signed out.")}
          >
            Sign out
          </button>
        </div>
        {nav.length > 0 ? (
          <nav aria-label="Main">
            <ul>
              {nav.map((n) => (
                <li key={n.to}>
                  <Link to={n.to} aria-current={loc.path.startsWith(n.to) ? "page" : undefined}>
                    {n.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {caps ? (
          <CapabilitiesContext.Provider value={caps}>
            <Suspense fallback={<p role="status">Loading…</p>}>
              <Screen path={loc.path} query={loc.query} session={session} />
            </Suspense>
          </CapabilitiesContext.Provider>
        ) : (
          <p role="status">Connecting to the hub…</p>
        )}
      </main>
    </ApolloProvider>
  );
}

function Screen({
  path,
  query,
  session,
}: {
  path: string;
  query: URLSearchParams;
  session: Session;
}) {
  const role = session.role;
  let m: Record<string, string> | undefined;
  if (path === "/queue" && isMash(role)) return <Queue />;
  if (path === "/find" && (isMash(role) || role === "AUDITOR")) return <FindChild />;
  if ((m = match("/child/:id/step-up", path)) && role === "EARLY_HELP_MANAGER")
    return <StepUpRequest childId={m["id"]!} />;
  if ((m = match("/child/:id/access-log", path))) return <AccessLog childId={m["id"]!} />;
  if ((m = match("/child/:id", path)))
    return (
      <ChildView
        id={m["id"]!}
        session={session}
        notificationId={query.get("notification") ?? undefined}
      />
    );
  if (path === "/matches" && isMash(role)) return <MatchReviews />;
  if (path === "/escalations" && isMash(role)) return <Escalations session={session} />;
  if (path === "/daily" && (isMash(role) || role === "EARLY_HELP_MANAGER"))
    return <DailyDiscussion session={session} date={query.get("date") ?? undefined} />;
  if (path === "/figures" && (role === "MASH_MANAGER" || role === "AUDITOR")) return <Figures />;
  if (path === "/alerts" && isEarlyHelp(role)) return <Alerts />;
  if (path === "/families" && isEarlyHelp(role)) return <Families session={session} />;
  if (path === "/access-log" && (role === "MASH_MANAGER" || role === "AUDITOR"))
    return <AccessLog />;
  if (role === "AGENCY_SYSTEM") {
    return (
      <>
        <h1>Agency systems</h1>
        <p>
          Agency systems send events to the hub rather than use this console: see{" "}
          <a href="/openapi.json">/openapi.json</a> (POST /events) and{" "}
          <a href="/asyncapi.json">/asyncapi.json</a> (Kafka topics).
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no such page for your role. <Link to={homeFor(role)}>Go to your first screen</Link>
        .
      </p>
    </>
  );
}
