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
  const bySource = await tx.personIdentifier.findUnique({
    where: {
      kind_agency_value: {
        kind: "SOURCE_PERSON_ID",
        agency: source,
        value: subject.sourcePersonId,
      },
    },
  });
  if (bySource)
    return { personId: await live(tx, bySource.personId), matchedOn: ["SOURCE_PERSON_ID"] };
  for (const [kind, value] of [
    ["NHS_NUMBER", subject.nhsNumber],
    ["UPN", subject.upn],
  ] as const) {
    if (!value) continue;
    const found = await tx.personIdentifier.findFirst({ where: { kind, agency: null, value } });
    if (found) return { personId: await live(tx, found.personId), matchedOn: [kind] };
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
  for (const id of wanted) {
    const existing = await tx.personIdentifier.findFirst({
      where: { kind: id.kind, agency: id.agency, value: id.value },
    });
    if (!existing) await tx.personIdentifier.create({ data: { ...id, personId } });
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
