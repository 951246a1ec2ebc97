// What a log line may say about an error: its name, its codes and where it was thrown, never
// what it refused. Database errors (Prisma, the pg driver, PostgreSQL itself) quote the values
// they were given — in `message`, `meta`, `detail`, the adapter's `originalMessage`, and the
// first line of `stack` — so those are never logged. Only the messages of error types we
// write ourselves or that describe the machine (a refused connection) are kept.

/** Error types whose message is ours, or about the machine, and never quotes a value. */
const MESSAGE_KEPT = new Set([
  "DomainError",
  "ConfigError",
  "TypeError",
  "ReferenceError",
  "RangeError",
  "AbortError",
  "TimeoutError",
]);
const MAX_MESSAGE = 200;
const MAX_FRAMES = 12;
const MAX_DEPTH = 3;

export interface SerializedError {
  type: string;
  code?: string | number;
  /** PostgreSQL's SQLSTATE, from the driver or the adapter's wrapped error. */
  sqlState?: string;
  kind?: string;
  modelName?: string;
  errno?: number;
  syscall?: string;
  message?: string;
  stack?: string;
  cause?: SerializedError;
}

export function serializeError(value: unknown, depth = 0): SerializedError {
  if (!value || typeof value !== "object") return { type: typeof value };
  const e = value as Record<string, unknown> & Partial<Error>;
  const type = typeof e.name === "string" && e.name !== "" ? e.name : constructorName(value);
  const out: SerializedError = { type };
  if (typeof e["code"] === "string" || typeof e["code"] === "number") {
    out.code = e["code"];
  }
  const sqlState = stringField(e, "originalCode") ?? stringField(e, "sqlState");
  if (sqlState) out.sqlState = sqlState;
  const kind = stringField(e, "kind");
  if (kind) out.kind = kind;
  const meta = e["meta"];
  if (meta && typeof meta === "object") {
    const model = (meta as Record<string, unknown>)["modelName"];
    if (typeof model === "string") out.modelName = model;
  }
  if (typeof e["errno"] === "number") out.errno = e["errno"];
  const syscall = stringField(e, "syscall");
  if (syscall) out.syscall = syscall;
  if (typeof e.message === "string" && keepsMessage(type, e)) {
    out.message = e.message.slice(0, MAX_MESSAGE);
  }
  if (typeof e.stack === "string") out.stack = framesOnly(e.stack);
  if (e.cause !== undefined && depth < MAX_DEPTH) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

function keepsMessage(type: string, e: Record<string, unknown>): boolean {
  if (MESSAGE_KEPT.has(type) || type.startsWith("KafkaJS")) return true;
  // a system error (ECONNREFUSED, ETIMEDOUT): about the network, not about anyone
  return typeof e["syscall"] === "string";
}

/** The stack's frames without its first line(s), which repeat the message. */
function framesOnly(stack: string): string | undefined {
  const frames = stack
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => line.trim());
  return frames.length > 0 ? frames.join("\n") : undefined;
}

function stringField(e: Record<string, unknown>, name: string): string | undefined {
  const v = e[name];
  return typeof v === "string" && v.length <= 64 ? v : undefined;
}

function constructorName(value: object): string {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "" ? name : "Error";
}
