// GET a JSON document from an agency with a hard timeout. Failures become ConnectorError with a
// short reason that is safe to show in `Child.sources` (no personal data, no URLs).
export type ConnectorFailure =
  "TIMEOUT" | "UNREACHABLE" | "HTTP_ERROR" | "BAD_RESPONSE" | "CIRCUIT_OPEN";

export class ConnectorError extends Error {
  constructor(
    readonly reason: ConnectorFailure,
    message: string,
  ) {
    super(message);
    this.name = "ConnectorError";
  }
}

export async function fetchJson(
  url: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept: "application/json", ...headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError") {
      throw new ConnectorError("TIMEOUT", `No answer within ${timeoutMs} ms`);
    }
    throw new ConnectorError("UNREACHABLE", "Agency not reachable");
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new ConnectorError("HTTP_ERROR", `Agency answered HTTP ${res.status}`);
  }
  try {
    return await res.json();
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError") {
      throw new ConnectorError("TIMEOUT", `No answer within ${timeoutMs} ms`);
    }
    throw new ConnectorError("BAD_RESPONSE", "Agency answer is not JSON");
  }
}
