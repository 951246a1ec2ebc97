// Runs a transaction again when it lost a race: a unique-key insert that another transaction made
// first, a serialisation failure or a deadlock. Anything else is the caller's to handle.
import type { Db, Tx } from "#db/client.ts";

const RETRYABLE_CODES = new Set(["P2002", "P2034", "23505", "40001", "40P01"]);
const RETRYABLE_SQLSTATES = /\b(40001|40P01|23505)\b|deadlock detected|could not serialize/i;

export function isRaceError(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && RETRYABLE_CODES.has(code)) return true;
  return error instanceof Error && RETRYABLE_SQLSTATES.test(error.message);
}

/** Runs `run` again (up to `attempts` times, with a short growing pause) while it loses a race. */
export async function retryOnRace<T>(
  run: () => Promise<T>,
  attempts = 5,
  jitterMs = 10,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRaceError(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * jitterMs));
    }
  }
}

/** A Prisma transaction, run again while it loses a race. */
export function retryTransaction<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  attempts = 5,
): Promise<T> {
  return retryOnRace(() => db.$transaction(work, { maxWait: 10_000, timeout: 30_000 }), attempts);
}
