// Links an event's subject to a child, inside the caller's transaction.
// Exact links first (a known (source, sourcePersonId), NHS number, UPN); then the probabilistic
// stage (identity/score.ts over blocked candidates): link, hold for review, or a new child.
// A referral's child has no agency person id: `source` null, the same stages on the rest.
import { randomUUID } from "node:crypto";
import { Prisma } from "#db/client.ts";
import type { SqlTx as Tx } from "#db/sql-tx.ts";
import { findCandidates } from "./candidates.ts";
import { lockBlocks } from "./block-locks.ts";
import { blockingKeys } from "./normalise.ts";
import {
  compareDateOfBirth,
  compareFamilyName,
  compareGivenName,
  compareRecords,
  chooseCandidate,
  type MatchScore,
} from "./score.ts";
import type { Resolution, Subject, SubjectSource, UnsourcedSubject } from "./subject.ts";

type AnySubject = Subject | UnsourcedSubject;

export async function resolveSubject(
  tx: Tx,
  source: SubjectSource | null,
  subject: AnySubject,
): Promise<Resolution> {
  const exact = await findExact(tx, source, subject);
  if (exact.hit) {
    const { personId, matchedOn, person } = exact.hit;
    const held = person ?? (await readDemographics(tx, personId));
    if (isSharedIdentifier(matchedOn) && held && demographicsContradict(subject, held)) {
      return holdForReview(tx, source, subject, exact.found, personId, matchedOn, held);
    }
    await attachIdentifiers(tx, personId, source, subject, exact.found);
    await fillMissingDemographics(tx, personId, subject, held ?? undefined);
    return { personId, matchedOn, outcome: "LINKED", score: undefined, reviewId: undefined };
  }

  const choice = chooseCandidate(await rankCandidates(tx, subject));
  if (choice.kind === "LINK") {
    const best = choice.to;
    await attachIdentifiers(tx, best.personId, source, subject);
    await fillMissingDemographics(tx, best.personId, subject);
    return {
      personId: best.personId,
      outcome: "LINKED",
      matchedOn: best.match.matchedOn,
      score: best.match.score,
      reviewId: undefined,
    };
  }
  if (choice.kind === "REVIEW") {
    const reviewAgainst = choice.against;
    const provisional = await createChild(tx, subject, "PROVISIONAL");
    await attachIdentifiers(tx, provisional.id, source, subject);
    const review = await createReview(tx, {
      candidateId: reviewAgainst.personId,
      provisionalId: provisional.id,
      score: reviewAgainst.match.score,
      matchedOn: reviewAgainst.match.matchedOn,
    });
    return {
      personId: provisional.id,
      outcome: "PROVISIONAL",
      matchedOn: reviewAgainst.match.matchedOn,
      score: reviewAgainst.match.score,
      reviewId: review.id,
    };
  }
  const person = await createChild(tx, subject, "ACTIVE");
  await attachIdentifiers(tx, person.id, source, subject);
  return {
    personId: person.id,
    outcome: "NEW",
    matchedOn: [],
    score: choice.best?.match.score,
    reviewId: undefined,
  };
}

/**
 * An NHS number or UPN that agrees while the name and the date of birth both disagree is not
 * the same child on its own word: a mistyped or borrowed identifier would otherwise link an
 * event — and, for early help, its lead professional's relationship — to somebody else's
 * child. It becomes a provisional child and a match review; nothing is linked (no episode, no
 * relationship) to the established child until a screener decides.
 */
async function holdForReview(
  tx: Tx,
  source: SubjectSource | null,
  subject: AnySubject,
  found: FoundIdentifier[],
  candidateId: string,
  matchedOn: string[],
  held: PersonDemographics,
): Promise<Resolution> {
  const provisional = await createChild(tx, subject, "PROVISIONAL");
  // the identifier stays with the established child; the agency's own id goes with its record
  await attachIdentifiers(tx, provisional.id, source, subject, found);
  const match = compareRecords(subject, comparable(held));
  const why = [...matchedOn.map((k) => `${k}:exact`), ...match.matchedOn];
  const review = await createReview(tx, {
    candidateId,
    provisionalId: provisional.id,
    score: match.score,
    matchedOn: why,
  });
  return {
    personId: provisional.id,
    outcome: "PROVISIONAL",
    matchedOn: why,
    score: match.score,
    reviewId: review.id,
  };
}

const isSharedIdentifier = (matchedOn: string[]) =>
  matchedOn[0] === "NHS_NUMBER" || matchedOn[0] === "UPN";

/** Both the date of birth and a name disagree (as the scorer judges them: not a typo). */
export function demographicsContradict(
  subject: Omit<Subject, "sourcePersonId">,
  held: PersonDemographics,
): boolean {
  const h = comparable(held);
  const dob = compareDateOfBirth(subject.dateOfBirth, h.dateOfBirth);
  const given = compareGivenName(subject.givenName, h.givenName);
  const family = compareFamilyName(subject.familyName, h.familyName);
  return dob === "different" && (given === "different" || family === "different");
}

function comparable(p: PersonDemographics) {
  return {
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth ? p.dateOfBirth.toISOString().slice(0, 10) : null,
    postcode: p.postcode,
  };
}

async function readDemographics(tx: Tx, personId: string): Promise<PersonDemographics | null> {
  const [row] = await tx.$queryRaw<PersonDemographics[]>`
    SELECT "givenName", "familyName", "dateOfBirth", "expectedDueDate", "postcode"
      FROM "Person" WHERE "id" = ${personId}::uuid`;
  return row ?? null;
}

export interface ReviewRow {
  candidateId: string;
  provisionalId: string;
  score: number;
  matchedOn: string[];
}

/** An open match review (one raw insert). */
export async function createReview(tx: Tx, r: ReviewRow): Promise<{ id: string }> {
  const id = randomUUID();
  await tx.$executeRaw`
    INSERT INTO "MatchReview" ("id", "candidateId", "provisionalId", "score", "matchedOn")
    VALUES (${id}::uuid, ${r.candidateId}::uuid, ${r.provisionalId}::uuid, ${r.score}::float8,
            ${r.matchedOn}::text[])`;
  return { id };
}

/** Candidates scored against the subject, best first; those with a conflicting identifier dropped. */
export async function rankCandidates(
  tx: Tx,
  subject: Omit<Subject, "sourcePersonId">,
): Promise<Array<{ personId: string; provisional: boolean; match: MatchScore }>> {
  const hasDemographics = !!subject.dateOfBirth || (!!subject.givenName && !!subject.familyName);
  if (!hasDemographics) return [];
  // the blocks' locks before their candidates: a child another transaction is making in one of
  // them is committed (and found) before this one may make its own
  await lockBlocks(tx, [subject]);
  const candidates = await findCandidates(tx, {
    givenName: subject.givenName,
    familyName: subject.familyName,
    dateOfBirth: subject.dateOfBirth,
    postcode: subject.postcode,
  });
  const probe = {
    ...subject,
    nhsNumbers: subject.nhsNumber ? [subject.nhsNumber] : [],
    upns: subject.upn ? [subject.upn] : [],
  };
  return candidates
    .map((c) => ({
      personId: c.personId,
      provisional: c.provisional,
      match: compareRecords(probe, c),
    }))
    .filter((c) => !c.match.identifierConflict)
    .sort((a, b) => b.match.score - a.match.score);
}

export interface FoundIdentifier {
  kind: string;
  agency: string | null;
  value: string;
}

export interface ExactRow extends FoundIdentifier {
  personId: string;
  mergedIntoId: string | null;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  expectedDueDate: string | null;
  postcode: string | null;
}

/** The subject's identifiers as (kind, agency, value): the agency's own id, NHS number, UPN. */
export function wantedIdentifiers(
  source: SubjectSource | null,
  subject: AnySubject,
): FoundIdentifier[] {
  return [
    ...(source && subject.sourcePersonId
      ? [{ kind: "SOURCE_PERSON_ID", agency: source, value: subject.sourcePersonId }]
      : []),
    ...(subject.nhsNumber ? [{ kind: "NHS_NUMBER", agency: null, value: subject.nhsNumber }] : []),
    ...(subject.upn ? [{ kind: "UPN", agency: null, value: subject.upn }] : []),
  ];
}

/**
 * One raw query for all three identifiers, with the holder's demographics (so that a link to a
 * child who was not merged needs no further read); priority: the agency's own id, then NHS
 * number, then UPN. `found` is every identifier of the subject the hub already holds.
 */
async function findExact(
  tx: Tx,
  source: SubjectSource | null,
  subject: AnySubject,
): Promise<{
  found: FoundIdentifier[];
  hit:
    { personId: string; matchedOn: string[]; person: PersonDemographics | undefined } | undefined;
}> {
  const rows = await tx.$queryRaw<ExactRow[]>`
    SELECT i."kind", i."agency"::text AS "agency", i."value", i."personId"::text AS "personId",
           p."mergedIntoId"::text AS "mergedIntoId", p."givenName", p."familyName",
           p."dateOfBirth"::text AS "dateOfBirth", p."expectedDueDate"::text AS "expectedDueDate",
           p."postcode"
    FROM "PersonIdentifier" i JOIN "Person" p ON p."id" = i."personId"
    WHERE (i."kind" = 'SOURCE_PERSON_ID' AND i."agency" = ${source}::"Agency"
           AND i."value" = ${subject.sourcePersonId ?? null}::text)
       OR (i."kind" = 'NHS_NUMBER' AND i."agency" IS NULL AND i."value" = ${subject.nhsNumber ?? null}::text)
       OR (i."kind" = 'UPN' AND i."agency" IS NULL AND i."value" = ${subject.upn ?? null}::text)`;
  const found = rows.map(({ kind, agency, value }) => ({ kind, agency, value }));
  for (const kind of ["SOURCE_PERSON_ID", "NHS_NUMBER", "UPN"]) {
    const row = rows.find((f) => f.kind === kind);
    if (!row) continue;
    if (row.mergedIntoId) {
      const personId = await live(tx, row.mergedIntoId);
      return { found, hit: { personId, matchedOn: [kind], person: undefined } };
    }
    const person: PersonDemographics = {
      givenName: row.givenName,
      familyName: row.familyName,
      dateOfBirth: calendarDate(row.dateOfBirth),
      expectedDueDate: calendarDate(row.expectedDueDate),
      postcode: row.postcode,
    };
    return { found, hit: { personId: row.personId, matchedOn: [kind], person } };
  }
  return { found, hit: undefined };
}

const calendarDate = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);

/** Follows merges so that a record never lands on a person folded into another. */
export async function live(tx: Tx, personId: string): Promise<string> {
  let id = personId;
  for (let i = 0; i < 10; i++) {
    const [p] = await tx.$queryRaw<Array<{ mergedIntoId: string | null }>>`
      SELECT "mergedIntoId"::text AS "mergedIntoId" FROM "Person" WHERE "id" = ${id}::uuid`;
    if (!p?.mergedIntoId) return id;
    id = p.mergedIntoId;
  }
  return id;
}

/**
 * Adds the subject's identifiers the hub does not hold yet: one raw statement (none when `known`,
 * the identifiers already read in this transaction, holds them all). No ON CONFLICT: an
 * identifier another transaction adds first fails the unique key, and the transaction is retried.
 */
export async function attachIdentifiers(
  tx: Tx,
  personId: string,
  source: SubjectSource | null,
  subject: AnySubject,
  known?: FoundIdentifier[],
): Promise<void> {
  const wanted = wantedIdentifiers(source, subject).filter(
    (w) => !known?.some((e) => e.kind === w.kind && e.agency === w.agency && e.value === w.value),
  );
  if (wanted.length === 0) return;
  const rows = Prisma.join(
    wanted.map(
      (w) =>
        Prisma.sql`(${randomUUID()}::uuid, ${w.kind}::text, ${w.agency}::text, ${w.value}::text)`,
    ),
  );
  await tx.$executeRaw`
    INSERT INTO "PersonIdentifier" ("id", "personId", "kind", "agency", "value")
    SELECT w."id", ${personId}::uuid, w."kind", w."agency"::"Agency", w."value"
    FROM (VALUES ${rows}) AS w("id", "kind", "agency", "value")
    WHERE NOT EXISTS (
      SELECT 1 FROM "PersonIdentifier" e
      WHERE e."kind" = w."kind" AND e."agency" IS NOT DISTINCT FROM w."agency"::"Agency"
        AND e."value" = w."value")`;
}

export interface PersonDemographics {
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: Date | null;
  expectedDueDate: Date | null;
  postcode: string | null;
}

/**
 * Fills fields the child's record lacks (never overwrites what another agency said). `known` is
 * the child's record as already read in this transaction; without it, it is read.
 */
async function fillMissingDemographics(
  tx: Tx,
  personId: string,
  subject: AnySubject,
  known?: PersonDemographics,
): Promise<void> {
  const p = known ?? (await readDemographics(tx, personId));
  if (!p) return;
  const merged = fillGaps(p, subject);
  if (!merged) return;
  await updateDemographics(tx, [{ personId, ...merged, ...blockingKeys(merged) }]);
}

/** The held details with the gaps the subject fills (never overwritten); undefined: no gap filled. */
export function fillGaps(
  held: PersonDemographics,
  subject: AnySubject,
): PersonDemographics | undefined {
  const wanted = personData(subject);
  const merged = {
    givenName: held.givenName ?? wanted.givenName,
    familyName: held.familyName ?? wanted.familyName,
    dateOfBirth: held.dateOfBirth ?? wanted.dateOfBirth,
    expectedDueDate: held.expectedDueDate ?? wanted.expectedDueDate,
    postcode: held.postcode ?? wanted.postcode,
  };
  const changed = (Object.keys(merged) as Array<keyof typeof merged>).some(
    (k) => (merged[k] ?? null) !== (held[k] ?? null),
  );
  return changed ? merged : undefined;
}

export type DemographicsUpdate = PersonDemographics & {
  personId: string;
  familyNameKey: string | null;
  givenNameKey: string | null;
  postcodeSector: string | null;
};

/** Sets children's demographics and blocking keys: one statement for any number. */
export async function updateDemographics(tx: Tx, rows: readonly DemographicsUpdate[]) {
  if (rows.length === 0) return;
  const day = (v: Date | null) => (v ? v.toISOString().slice(0, 10) : null);
  await tx.$executeRaw`
    UPDATE "Person" p SET "givenName" = u.g, "familyName" = u.f, "dateOfBirth" = u.dob,
           "expectedDueDate" = u.edd, "postcode" = u.pc, "familyNameKey" = u.fk,
           "givenNameKey" = u.gk, "postcodeSector" = u.ps, "updatedAt" = clock_timestamp()
      FROM unnest(${rows.map((r) => r.personId)}::uuid[], ${rows.map((r) => r.givenName)}::text[],
                  ${rows.map((r) => r.familyName)}::text[], ${rows.map((r) => day(r.dateOfBirth))}::date[],
                  ${rows.map((r) => day(r.expectedDueDate))}::date[], ${rows.map((r) => r.postcode)}::text[],
                  ${rows.map((r) => r.familyNameKey)}::text[], ${rows.map((r) => r.givenNameKey)}::text[],
                  ${rows.map((r) => r.postcodeSector)}::text[])
           AS u(id, g, f, dob, edd, pc, fk, gk, ps)
     WHERE p."id" = u.id`;
}

/** A new child from the subject's demographics: one raw insert. */
async function createChild(
  tx: Tx,
  subject: AnySubject,
  status: "ACTIVE" | "PROVISIONAL",
): Promise<{ id: string }> {
  const d = personData(subject);
  const id = randomUUID();
  const day = (v: Date | null) => (v ? v.toISOString().slice(0, 10) : null);
  await tx.$executeRaw`
    INSERT INTO "Person" ("id", "isChild", "givenName", "familyName", "dateOfBirth", "expectedDueDate",
      "postcode", "familyNameKey", "givenNameKey", "postcodeSector", "status", "updatedAt")
    VALUES (${id}::uuid, ${d.isChild}, ${d.givenName}::text, ${d.familyName}::text,
      ${day(d.dateOfBirth)}::date, ${day(d.expectedDueDate)}::date, ${d.postcode}::text,
      ${d.familyNameKey}::text, ${d.givenNameKey}::text, ${d.postcodeSector}::text, ${status},
      ${new Date().toISOString()}::timestamptz)`;
  return { id };
}

export function personData(subject: Omit<Subject, "sourcePersonId">) {
  const base = {
    isChild: true,
    givenName: subject.givenName ?? null,
    familyName: subject.familyName ?? null,
    dateOfBirth: subject.dateOfBirth ? new Date(`${subject.dateOfBirth}T00:00:00Z`) : null,
    expectedDueDate: subject.expectedDueDate
      ? new Date(`${subject.expectedDueDate}T00:00:00Z`)
      : null,
    postcode: subject.postcode ?? null,
  };
  return { ...base, ...blockingKeys(base) };
}
