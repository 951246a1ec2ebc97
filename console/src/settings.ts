// How this hub wants people to sign in (/console/config.json, served by the hub).
export type AuthSettings =
  | { mode: "development"; tokenCommand: string }
  | { mode: "oidc"; issuer: string; clientId: string; scope: string; audience: string | null }
  | { mode: "unavailable"; message: string };

export async function loadSettings(): Promise<{ auth: AuthSettings }> {
  const res = await fetch("/console/config.json", { credentials: "omit" });
  if (!res.ok) throw new Error(`The hub did not give the console its settings (${res.status}).`);
  return (await res.json()) as { auth: AuthSettings };
}
