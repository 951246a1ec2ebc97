// The signed-in person: their bearer token (kept for this browser tab only) and the claims the
// console reads from it to choose screens. The hub decides what they may see; the claims here
// only pick which screens to offer.
export const ROLES = [
  "MASH_SCREENER",
  "MASH_MANAGER",
  "EARLY_HELP_MANAGER",
  "LEAD_PROFESSIONAL",
  "AGENCY_SYSTEM",
  "AUDITOR",
] as const;
export type Role = (typeof ROLES)[number];

export interface Session {
  token: string;
  sub: string;
  role: Role;
  name: string | undefined;
  expiresAt: number;
  /** How they signed in; an OpenID Connect session can be ended at the provider too. */
  via: "development" | "oidc";
}

const KEY = "mash-console-session";

export function decodeClaims(token: string): Record<string, unknown> | undefined {
  const part = token.split(".")[1];
  if (!part) return undefined;
  try {
    const json = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === "object" ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A session from a token, or the reason it cannot be one (shown to the person). */
export function sessionFromToken(
  raw: string,
  via: Session["via"],
): { session: Session } | { problem: string } {
  const token = raw.trim().replace(/^Bearer\s+/i, "");
  const claims = decodeClaims(token);
  if (!claims)
    return { problem: "That is not a token: paste the whole line npm run token printed." };
  const role = claims["role"];
  if (typeof role !== "string" || !(ROLES as readonly string[]).includes(role)) {
    return { problem: "The token names no role the hub knows." };
  }
  const exp = typeof claims["exp"] === "number" ? claims["exp"] * 1000 : 0;
  if (exp <= Date.now()) return { problem: "The token has expired: make a new one." };
  const sub = typeof claims["sub"] === "string" ? claims["sub"] : "";
  const name = typeof claims["name"] === "string" ? claims["name"] : undefined;
  return { session: { token, sub, role: role as Role, name, expiresAt: exp, via } };
}

export function loadSession(): Session | undefined {
  try {
    const stored = sessionStorage.getItem(KEY);
    if (!stored) return undefined;
    const s = JSON.parse(stored) as Session;
    return s.expiresAt > Date.now() ? s : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

export const ROLE_LABEL: Record<Role, string> = {
  MASH_SCREENER: "MASH screener",
  MASH_MANAGER: "MASH manager",
  EARLY_HELP_MANAGER: "Early help manager",
  LEAD_PROFESSIONAL: "Lead professional",
  AGENCY_SYSTEM: "Agency system",
  AUDITOR: "Auditor",
};

export const isMash = (role: Role) => role === "MASH_SCREENER" || role === "MASH_MANAGER";
export const isEarlyHelp = (role: Role) =>
  role === "EARLY_HELP_MANAGER" || role === "LEAD_PROFESSIONAL";
