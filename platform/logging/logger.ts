// Structured logs. No personal data: log ids (event ids, notification ids, person ids are random
// UUIDs), counts and codes; never names, dates of birth, NHS numbers, summaries or tokens. The
// redaction list is a second line of defence, not the first.
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: "mash-hub", ...base },
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
      ],
      censor: "[redacted]",
    },
  });
}
