// Structured logs. No personal data: log ids (event ids, notification ids, person ids are random
// UUIDs), counts and codes; never names, dates of birth, NHS numbers, summaries or tokens. Errors
// go through serializeError (names, codes, stack frames; never a database error's echo of the
// values it refused). The redaction list is a second line of defence, not the first.
import pino from "pino";
import { serializeError } from "./serialize-error.ts";

export type Logger = pino.Logger;

export function createLogger(
  level: string,
  base: Record<string, unknown> = {},
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "mash-hub", ...base },
    serializers: { err: serializeError, error: serializeError, cause: serializeError },
    redact: {
      paths: [
        "*.authorization",
        "*.headers.authorization",
        "*.nhsNumber",
        "*.upn",
        "*.givenName",
        "*.familyName",
        "*.dateOfBirth",
        "*.postcode",
        "*.summary",
        "*.email",
        "*.token",
        "*.justification",
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Apollo Server's own logger, on ours. Apollo's lines may end with an error's text (": " and
 * the message), so only the part before the first colon is kept.
 */
export function apolloLogger(log: Logger) {
  const line = (message: unknown): string =>
    typeof message === "string" ? message.split(":")[0]!.slice(0, 120) : "apollo message";
  const child = log.child({ component: "apollo" });
  return {
    debug: (message?: unknown) => child.debug(line(message)),
    info: (message?: unknown) => child.info(line(message)),
    warn: (message?: unknown) => child.warn(line(message)),
    error: (message?: unknown) =>
      message instanceof Error
        ? child.error({ err: message }, "apollo error")
        : child.error(line(message)),
  };
}
