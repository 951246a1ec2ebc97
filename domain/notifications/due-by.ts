// When a screening decision is due (rag-rules.md): RED 4 hours after creation; AMBER and GREEN
// one working day, the next weekday at the same time. Weekdays are judged on the UTC date; bank
// holidays are not known to the hub.
import type { Rag } from "#rag/index.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function dueBy(rag: Rag, createdAt: Date): Date {
  if (rag === "RED") return new Date(createdAt.getTime() + 4 * HOUR_MS);
  let next = new Date(createdAt.getTime() + DAY_MS);
  while (next.getUTCDay() === 0 || next.getUTCDay() === 6) {
    next = new Date(next.getTime() + DAY_MS);
  }
  return next;
}
