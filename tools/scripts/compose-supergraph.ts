// Composing the hub with other subgraphs (docs/federation.md): fetch each subgraph's
// `_service { sdl }`, compose them with @apollo/composition, and say what went wrong, all of it.
// Used by `npm run supergraph` and by the tests (the composition check, the gateway test).
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

export interface SubgraphSource {
  name: string;
  /** Where the router sends this subgraph's requests. */
  url: string;
  sdl: string;
}

export interface CompositionHintLine {
  level: "WARN" | "INFO" | "DEBUG";
  code: string;
  message: string;
}

export type Composition =
  | { ok: true; supergraphSdl: string; hints: CompositionHintLine[] }
  | { ok: false; errors: string[] };

export class SubgraphFetchError extends Error {
  constructor(
    readonly subgraph: string,
    message: string,
  ) {
    super(`${subgraph}: ${message}`);
    this.name = "SubgraphFetchError";
  }
}

/** The subgraph SDL a running subgraph serves, asked with the token when one is given. */
export async function fetchSubgraphSdl(
  name: string,
  url: string,
  token: string | undefined,
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: "query SubgraphSdl { _service { sdl } }" }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new SubgraphFetchError(name, `could not reach ${url} (${(err as Error).message})`);
  }
  let body: { data?: { _service?: { sdl?: unknown } }; errors?: Array<{ message?: string }> };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new SubgraphFetchError(name, `${url} answered HTTP ${res.status} without JSON`);
  }
  const sdl = body.data?._service?.sdl;
  if (typeof sdl === "string" && sdl.trim() !== "") return sdl;
  const why = body.errors?.map((e) => e.message).join("; ") || "no SDL in the answer";
  throw new SubgraphFetchError(name, `${url} answered HTTP ${res.status}: ${why}`);
}

/** The supergraph SDL, or every composition error (each naming its code). */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): Composition {
  const parseErrors: string[] = [];
  const services = subgraphs.flatMap((s) => {
    try {
      return [{ name: s.name, url: s.url, typeDefs: parse(s.sdl) }];
    } catch (err) {
      parseErrors.push(`${s.name}: [INVALID_GRAPHQL] ${(err as Error).message}`);
      return [];
    }
  });
  if (parseErrors.length > 0) return { ok: false, errors: parseErrors };
  const result = composeServices(services);
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map((e) => `[${String(e.extensions["code"] ?? "ERROR")}] ${e.message}`),
    };
  }
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((h) => ({
      level: levelName(h.definition.level.name),
      code: h.definition.code,
      message: h.message,
    })),
  };
}

/** A hint's level by name (the HintLevel enum is not exported by the package). */
function levelName(name: string): CompositionHintLine["level"] {
  return name === "INFO" || name === "DEBUG" ? name : "WARN";
}
