// Links an event's subject to a child, inside the caller's transaction.
// Exact links first (a known (source, sourcePersonId), NHS number, UPN); otherwise a new child.
// (The probabilistic stage lives in identity/ too and is called from here.)
import type { Tx } from "../db/client.ts";
import type { Resolution, Subject, SubjectSource } from "./subject.ts";

export async function resolveSubject(
  tx: Tx,
  source: SubjectSource,
  subject: Subject,
): Promise<Resolution> {
  const exact = await findExact(tx, source, subject);
  if (exact) {
    await attachIdentifiers(tx, exact.personId, source, subject);
    return { ...exact, outcome: "LINKED", score: undefined, reviewId: undefined };
  }
  const person = await tx.person.create({ data: personData(subject) });
  await attachIdentifiers(tx, person.id, source, subject);
  return {
    personId: person.id,
    outcome: "NEW",
    matchedOn: [],
    score: undefined,
    reviewId: undefined,
  };
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
async function live(tx: Tx, personId: string): Promise<string> {
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

export function personData(subject: Subject) {
  return {
    isChild: true,
    givenName: subject.givenName ?? null,
    familyName: subject.familyName ?? null,
    dateOfBirth: subject.dateOfBirth ? new Date(`${subject.dateOfBirth}T00:00:00Z`) : null,
    expectedDueDate: subject.expectedDueDate
      ? new Date(`${subject.expectedDueDate}T00:00:00Z`)
      : null,
    postcode: subject.postcode ?? null,
  };
}
