// Which failures are worth waiting out (the database or the broker away, a pool exhausted) and
// which are a fault in handling one event (retried a few times, then dead-lettered as
// PROCESSING_FAILED with the original bytes, so that it can be replayed once fixed).
const TRANSIENT_CODES = new Set([
  "P1001", // can't reach database server
  "P1002", // database server timed out
  "P1008", // operations timed out
  "P1017", // server closed the connection
  "P2024", // timed out fetching a connection from the pool
  "P2028", // transaction API error (e.g. the transaction expired while waiting)
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01", // admin shutdown / terminated
  "57P02",
  "57P03", // cannot connect now
  "53300", // too many connections
  "55000", // database not accepting connections (ALLOW_CONNECTIONS false)
  "3D000", // database does not exist (yet)
]);

const TRANSIENT_TEXT =
  /connection (terminated|refused|reset|closed|ended)|terminating connection|not currently accepting connections|can't reach database|timed out|ECONNREFUSED|ECONNRESET|Connection terminated|pool|KafkaJS|broker|leader/i;

export function isTransient(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== "object") break;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    const meta = (e as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } })
      .meta;
    const original = meta?.driverAdapterError?.cause?.originalCode;
    if (typeof original === "string" && TRANSIENT_CODES.has(original)) return true;
    if (e instanceof Error && TRANSIENT_TEXT.test(e.message)) return true;
    if ((e as { name?: unknown }).name === "KafkaJSError") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** A short, personal-data-free description of a processing failure for the dead letter. */
export function describeFailure(error: unknown): string {
  const code = error && typeof error === "object" ? (error as { code?: unknown }).code : undefined;
  const name = error instanceof Error ? error.name : "Error";
  return `the hub could not store this event (${name}${typeof code === "string" ? ` ${code}` : ""}); it can be replayed from this record`;
}
