// Candidate children for a comparison, found through the blocking keys' indexes (data layer).
import type { Prisma, Tx } from "../db/client.ts";
import { blockingKeys, swapDayMonth } from "./normalise.ts";
import type { Comparable } from "./score.ts";

export interface Candidate extends Comparable {
  personId: string;
  /** Held for a match review: may be linked to, never a review's candidate. */
  provisional: boolean;
}

export interface CandidateQuery {
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  postcode?: string | null | undefined;
  nhsNumber?: string | null | undefined;
  upn?: string | null | undefined;
}

const BLOCK_LIMIT = 500;

/**
 * Active children sharing a block with the query: the same date of birth (or day/month swapped),
 * the same family and given name keys, or the same family name key and postcode sector; plus any
 * child holding the queried NHS number or UPN. One query; identifiers come with it.
 */
export async function findCandidates(tx: Tx, q: CandidateQuery): Promise<Candidate[]> {
  // PROVISIONAL records are candidates too: a second record of an uncertain child joins it.
  const keys = blockingKeys(q);
  const or: Prisma.PersonWhereInput[] = [];
  if (q.dateOfBirth) {
    const dates = [q.dateOfBirth, swapDayMonth(q.dateOfBirth)].filter((d): d is string => !!d);
    or.push({ dateOfBirth: { in: dates.map((d) => new Date(`${d}T00:00:00Z`)) } });
  }
  if (keys.familyNameKey && keys.givenNameKey) {
    or.push({ familyNameKey: keys.familyNameKey, givenNameKey: keys.givenNameKey });
  }
  if (keys.familyNameKey && keys.postcodeSector) {
    or.push({ familyNameKey: keys.familyNameKey, postcodeSector: keys.postcodeSector });
  }
  if (keys.familyNameKey && !q.dateOfBirth && !keys.givenNameKey && !keys.postcodeSector) {
    or.push({ familyNameKey: keys.familyNameKey });
  }
  if (!keys.familyNameKey && keys.postcodeSector && !q.dateOfBirth) {
    or.push({ postcodeSector: keys.postcodeSector });
  }
  if (!keys.familyNameKey && keys.givenNameKey && !q.dateOfBirth) {
    or.push({ givenNameKey: keys.givenNameKey });
  }
  for (const [kind, value] of [
    ["NHS_NUMBER", q.nhsNumber],
    ["UPN", q.upn],
  ] as const) {
    if (value) or.push({ identifiers: { some: { kind, agency: null, value } } });
  }
  if (or.length === 0) return [];
  const rows = await tx.person.findMany({
    where: { status: { in: ["ACTIVE", "PROVISIONAL"] }, isChild: true, OR: or },
    select: {
      id: true,
      givenName: true,
      familyName: true,
      dateOfBirth: true,
      postcode: true,
      status: true,
      identifiers: { where: { agency: null }, select: { kind: true, value: true } },
    },
    take: BLOCK_LIMIT,
  });
  return rows.map((r) => ({
    personId: r.id,
    provisional: r.status === "PROVISIONAL",
    givenName: r.givenName,
    familyName: r.familyName,
    dateOfBirth: r.dateOfBirth ? r.dateOfBirth.toISOString().slice(0, 10) : null,
    postcode: r.postcode,
    nhsNumbers: r.identifiers.filter((i) => i.kind === "NHS_NUMBER").map((i) => i.value),
    upns: r.identifiers.filter((i) => i.kind === "UPN").map((i) => i.value),
  }));
}
