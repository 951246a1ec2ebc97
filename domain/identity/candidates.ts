// Candidate children for a comparison, found through the blocking keys' indexes (data layer).
import { Prisma, type Tx } from "#db/client.ts";
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
 * child holding the queried NHS number or UPN. One raw query; identifiers come with it.
 */
export async function findCandidates(tx: Tx, q: CandidateQuery): Promise<Candidate[]> {
  // PROVISIONAL records are candidates too: a second record of an uncertain child joins it.
  const keys = blockingKeys(q);
  const or: Prisma.Sql[] = [];
  if (q.dateOfBirth) {
    const dates = [q.dateOfBirth, swapDayMonth(q.dateOfBirth)].filter((d): d is string => !!d);
    or.push(
      Prisma.sql`p."dateOfBirth" IN (${Prisma.join(dates.map((d) => Prisma.sql`${d}::date`))})`,
    );
  }
  if (keys.familyNameKey && keys.givenNameKey) {
    or.push(
      Prisma.sql`(p."familyNameKey" = ${keys.familyNameKey} AND p."givenNameKey" = ${keys.givenNameKey})`,
    );
  }
  if (keys.familyNameKey && keys.postcodeSector) {
    or.push(
      Prisma.sql`(p."familyNameKey" = ${keys.familyNameKey} AND p."postcodeSector" = ${keys.postcodeSector})`,
    );
  }
  if (keys.familyNameKey && !q.dateOfBirth && !keys.givenNameKey && !keys.postcodeSector) {
    or.push(Prisma.sql`p."familyNameKey" = ${keys.familyNameKey}`);
  }
  if (!keys.familyNameKey && keys.postcodeSector && !q.dateOfBirth) {
    or.push(Prisma.sql`p."postcodeSector" = ${keys.postcodeSector}`);
  }
  if (!keys.familyNameKey && keys.givenNameKey && !q.dateOfBirth) {
    or.push(Prisma.sql`p."givenNameKey" = ${keys.givenNameKey}`);
  }
  for (const [kind, value] of [
    ["NHS_NUMBER", q.nhsNumber],
    ["UPN", q.upn],
  ] as const) {
    if (value) {
      or.push(Prisma.sql`EXISTS (SELECT 1 FROM "PersonIdentifier" x WHERE x."personId" = p."id"
        AND x."kind" = ${kind} AND x."agency" IS NULL AND x."value" = ${value})`);
    }
  }
  if (or.length === 0) return [];
  // One raw query (a Prisma findMany with the identifiers relation costs several times more).
  const rows = await tx.$queryRaw<CandidateRow[]>`
    SELECT p."id"::text AS "id", p."givenName", p."familyName", p."dateOfBirth"::text AS "dateOfBirth",
           p."postcode", p."status",
           coalesce((SELECT json_agg(json_build_object('kind', i."kind", 'value', i."value"))
                     FROM "PersonIdentifier" i WHERE i."personId" = p."id" AND i."agency" IS NULL),
                    '[]') AS "identifiers"
    FROM "Person" p
    WHERE p."status" IN ('ACTIVE', 'PROVISIONAL') AND p."isChild" = true
      AND (${Prisma.join(or, " OR ")})
    LIMIT ${Prisma.raw(String(BLOCK_LIMIT))}`;
  return rows.map((r) => {
    const identifiers = (
      typeof r.identifiers === "string" ? JSON.parse(r.identifiers) : r.identifiers
    ) as Array<{ kind: string; value: string }>;
    return {
      personId: r.id,
      provisional: r.status === "PROVISIONAL",
      givenName: r.givenName,
      familyName: r.familyName,
      dateOfBirth: r.dateOfBirth,
      postcode: r.postcode,
      nhsNumbers: identifiers.filter((i) => i.kind === "NHS_NUMBER").map((i) => i.value),
      upns: identifiers.filter((i) => i.kind === "UPN").map((i) => i.value),
    };
  });
}

interface CandidateRow {
  id: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  postcode: string | null;
  status: string;
  identifiers: Array<{ kind: string; value: string }> | string;
}
