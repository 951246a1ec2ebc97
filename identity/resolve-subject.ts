// Links an event's subject to a child, inside the caller's transaction.
// Exact links first (a known (source, sourcePersonId), NHS number, UPN); then the probabilistic
// stage (identity/score.ts over blocked candidates): link, hold for review, or a new child.
import type { Tx } from "../db/client.ts";
import { findCandidates } from "./candidates.ts";
import { blockingKeys } from "./normalise.ts";
import { compareRecords, decide, type MatchScore } from "./score.ts";
import type { Resolution, Subject, SubjectSource } from "./subject.ts";

export async function resolveSubject(
  tx: Tx,
  source: SubjectSource,
  subject: Subject,
): Promise<Resolution> {
  const exact = await findExact(tx, source, subject);
  if (exact) {
    await attachIdentifiers(tx, exact.personId, source, subject);
    await fillMissingDemographics(tx, exact.personId, subject);
    return { ...exact, outcome: "LINKED", score: undefined, reviewId: undefined };
  }

  const ranked = await rankCandidates(tx, subject);
  const [best, runnerUp] = ranked;
  const decision = decide(best?.match, runnerUp?.match);
  if (best && decision === "LINK") {
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
  // A review's candidate is always an established child, never another provisional record.
  const reviewAgainst =
    decision === "REVIEW"
      ? best?.provisional
        ? ranked.find((c) => !c.provisional)
        : best
      : undefined;
  if (reviewAgainst && decide(reviewAgainst.match, undefined) !== "NEW") {
    const provisional = await tx.person.create({
      data: { ...personData(subject), status: "PROVISIONAL" },
    });
    await attachIdentifiers(tx, provisional.id, source, subject);
    const review = await tx.matchReview.create({
      data: {
        candidateId: reviewAgainst.personId,
        provisionalId: provisional.id,
        score: reviewAgainst.match.score,
        matchedOn: reviewAgainst.match.matchedOn,
      },
    });
    return {
      personId: provisional.id,
      outcome: "PROVISIONAL",
      matchedOn: reviewAgainst.match.matchedOn,
      score: reviewAgainst.match.score,
      reviewId: review.id,
    };
  }
  const person = await tx.person.create({ data: personData(subject) });
  await attachIdentifiers(tx, person.id, source, subject);
  return {
    personId: person.id,
    outcome: "NEW",
    matchedOn: [],
    score: best?.match.score,
    reviewId: undefined,
  };
}

/** Candidates scored against the subject, best first; those with a conflicting identifier dropped. */
export async function rankCandidates(
  tx: Tx,
  subject: Omit<Subject, "sourcePersonId">,
): Promise<Array<{ personId: string; provisional: boolean; match: MatchScore }>> {
  const hasDemographics = !!subject.dateOfBirth || (!!subject.givenName && !!subject.familyName);
  if (!hasDemographics) return [];
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

async function findExact(
  tx: Tx,
  source: SubjectSource,
  subject: Subject,
): Promise<{ personId: string; matchedOn: string[] } | undefined> {
  const wanted = [
    { kind: "SOURCE_PERSON_ID", agency: source, value: subject.sourcePersonId },
    ...(subject.nhsNumber ? [{ kind: "NHS_NUMBER", agency: null, value: subject.nhsNumber }] : []),
    ...(subject.upn ? [{ kind: "UPN", agency: null, value: subject.upn }] : []),
  ];
  // one query for all three; priority: the agency's own id, then NHS number, then UPN
  const found = await tx.personIdentifier.findMany({
    where: { OR: wanted },
    select: { kind: true, personId: true, person: { select: { mergedIntoId: true } } },
  });
  for (const kind of ["SOURCE_PERSON_ID", "NHS_NUMBER", "UPN"]) {
    const hit = found.find((f) => f.kind === kind);
    if (!hit) continue;
    const personId = hit.person.mergedIntoId
      ? await live(tx, hit.person.mergedIntoId)
      : hit.personId;
    return { personId, matchedOn: [kind] };
  }
  return undefined;
}

/** Follows merges so that a record never lands on a person folded into another. */
export async function live(tx: Tx, personId: string): Promise<string> {
  let id = personId;
  for (let i = 0; i < 10; i++) {
    const p = await tx.person.findUnique({ where: { id }, select: { mergedIntoId: true } });
    if (!p?.mergedIntoId) return id;
    id = p.mergedIntoId;
  }
  return id;
}

/** Adds the subject's identifiers the hub does not hold yet (two queries). */
export async function attachIdentifiers(
  tx: Tx,
  personId: string,
  source: SubjectSource,
  subject: Subject,
): Promise<void> {
  const wanted = [
    { kind: "SOURCE_PERSON_ID", agency: source, value: subject.sourcePersonId },
    ...(subject.nhsNumber ? [{ kind: "NHS_NUMBER", agency: null, value: subject.nhsNumber }] : []),
    ...(subject.upn ? [{ kind: "UPN", agency: null, value: subject.upn }] : []),
  ];
  const existing = await tx.personIdentifier.findMany({
    where: { OR: wanted },
    select: { kind: true, agency: true, value: true },
  });
  const missing = wanted.filter(
    (w) => !existing.some((e) => e.kind === w.kind && e.agency === w.agency && e.value === w.value),
  );
  if (missing.length > 0) {
    await tx.personIdentifier.createMany({ data: missing.map((m) => ({ ...m, personId })) });
  }
}

/** Fills fields the child's record lacks (never overwrites what another agency said). */
async function fillMissingDemographics(tx: Tx, personId: string, subject: Subject): Promise<void> {
  const p = await tx.person.findUnique({ where: { id: personId } });
  if (!p) return;
  const wanted = personData(subject);
  const merged = {
    givenName: p.givenName ?? wanted.givenName,
    familyName: p.familyName ?? wanted.familyName,
    dateOfBirth: p.dateOfBirth ?? wanted.dateOfBirth,
    expectedDueDate: p.expectedDueDate ?? wanted.expectedDueDate,
    postcode: p.postcode ?? wanted.postcode,
  };
  const changed = (Object.keys(merged) as Array<keyof typeof merged>).some(
    (k) => (merged[k] ?? null) !== (p[k] ?? null),
  );
  if (!changed) return;
  await tx.person.update({ where: { id: personId }, data: { ...merged, ...blockingKeys(merged) } });
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
