// Pulls CP-IS (by NHS number) and education (by UPN) on demand for the children in view, stores
// each answer with the adapter's writer that pushed events use (origin PULL, fetchedAt) and
// reuses it while fresh. A slow or failing agency never fails the view: its outcome says why, and
// what was stored before stays.
import type { Db, Tx } from "#db/client.ts";
import type { Logger } from "#logging/logger.ts";
import type { AgencyName } from "#auth/viewer.ts";
import type { CpisClient } from "#connectors/cpis/client.ts";
import type { EducationClient } from "#connectors/education/client.ts";
import { cpis } from "#connectors/cpis/index.ts";
import { education } from "#connectors/education/index.ts";
import { ConnectorError } from "#connectors/shared/fetch-json.ts";

export type PulledAgency = Extract<AgencyName, "CPIS" | "EDUCATION">;

export interface PullOutcome {
  ok: boolean;
  /** When the agency last answered for this child. */
  asOf: Date | null;
  error: string | null;
}

export interface PullDeps {
  db: Db;
  logger: Logger;
  cpis: CpisClient | undefined;
  education: EducationClient | undefined;
  freshnessMs: number;
  now?: () => Date;
  /** Counts database round trips (bench). */
  onQuery?: () => void;
}

export interface PullRequest {
  personId: string;
  nhsNumber: string | undefined;
  upn: string | undefined;
}

const MAX_PARALLEL = 8;

/** One outcome per configured pulled agency per child (an agency not configured is absent). */
export async function pullSources(
  deps: PullDeps,
  requests: readonly PullRequest[],
): Promise<Map<string, Partial<Record<PulledAgency, PullOutcome>>>> {
  const now = deps.now ?? (() => new Date());
  const result = new Map<string, Partial<Record<PulledAgency, PullOutcome>>>(
    requests.map((r) => [r.personId, {}]),
  );
  if ((!deps.cpis && !deps.education) || requests.length === 0) return result;
  deps.onQuery?.();
  const previous = await deps.db.sourcePull.findMany({
    where: { personId: { in: requests.map((r) => r.personId) } },
  });
  const last = new Map(previous.map((p) => [`${p.personId}|${p.agency}`, p]));
  const tasks: Array<() => Promise<void>> = [];
  for (const r of requests) {
    const outcomes = result.get(r.personId)!;
    const plan: Array<[PulledAgency, string | undefined, string]> = [];
    if (deps.cpis) plan.push(["CPIS", r.nhsNumber, "NO_NHS_NUMBER: CP-IS is asked by NHS number"]);
    if (deps.education) plan.push(["EDUCATION", r.upn, "NO_UPN: schools are asked by UPN"]);
    for (const [agency, key, missing] of plan) {
      const before = last.get(`${r.personId}|${agency}`);
      const lastSuccess = before?.lastSuccessAt ?? null;
      if (!key) {
        outcomes[agency] = { ok: false, asOf: lastSuccess, error: missing };
        continue;
      }
      if (lastSuccess && now().getTime() - lastSuccess.getTime() < deps.freshnessMs) {
        outcomes[agency] = { ok: true, asOf: lastSuccess, error: null };
        continue;
      }
      tasks.push(async () => {
        outcomes[agency] = await pullOne(deps, now, agency, r.personId, key, lastSuccess);
      });
    }
  }
  await runLimited(tasks, MAX_PARALLEL);
  return result;
}

async function pullOne(
  deps: PullDeps,
  now: () => Date,
  agency: PulledAgency,
  personId: string,
  key: string,
  lastSuccess: Date | null,
): Promise<PullOutcome> {
  const attemptAt = now();
  try {
    if (agency === "CPIS") {
      const plans = await deps.cpis!.plansFor(key);
      await storePulled(deps, personId, agency, attemptAt, (tx) =>
        cpis.pull.store(tx, personId, plans, attemptAt),
      );
    } else {
      const rows = await deps.education!.attendanceFor(key);
      await storePulled(deps, personId, agency, attemptAt, (tx) =>
        education.pull.store(tx, personId, rows, attemptAt),
      );
    }
    return { ok: true, asOf: attemptAt, error: null };
  } catch (error) {
    const reason =
      error instanceof ConnectorError ? `${error.reason}: ${error.message}` : "FAILED: pull failed";
    if (!(error instanceof ConnectorError)) {
      deps.logger.error({ err: error, personId, agency }, "pull failed unexpectedly");
    } else {
      deps.logger.warn({ personId, agency, reason: error.reason }, "agency did not answer");
    }
    await recordAttempt(deps, personId, agency, attemptAt, null, reason).catch(() => undefined);
    return { ok: false, asOf: lastSuccess, error: reason };
  }
}

async function recordAttempt(
  deps: PullDeps,
  personId: string,
  agency: PulledAgency,
  at: Date,
  successAt: Date | null,
  error: string | null,
): Promise<void> {
  deps.onQuery?.();
  await deps.db.sourcePull.upsert({
    where: { personId_agency: { personId, agency } },
    create: { personId, agency, lastAttemptAt: at, lastSuccessAt: successAt, lastError: error },
    update: {
      lastAttemptAt: at,
      lastError: error,
      ...(successAt ? { lastSuccessAt: successAt } : {}),
    },
  });
}

/** The answer, with the writer pushed events use, and the successful pull, in one transaction. */
async function storePulled(
  deps: PullDeps,
  personId: string,
  agency: PulledAgency,
  at: Date,
  write: (tx: Tx) => Promise<void>,
) {
  deps.onQuery?.();
  await deps.db.$transaction(async (tx) => {
    await write(tx);
    await tx.sourcePull.upsert({
      where: { personId_agency: { personId, agency } },
      create: { personId, agency, lastAttemptAt: at, lastSuccessAt: at, lastError: null },
      update: { lastAttemptAt: at, lastSuccessAt: at, lastError: null },
    });
  });
}

async function runLimited(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      await task();
    }
  });
  await Promise.all(workers);
}
