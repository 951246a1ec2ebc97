// Candidate children for a comparison, found through the blocking keys' indexes (data layer).
import { Prisma } from "#db/client.ts";
import type { SqlTx as Tx } from "#db/sql-tx.ts";
import type { Comparable } from "./score.ts";
import { BLOCK_CAP, blockArms, type BlockArms } from "./blocks.ts";

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

/**
 * Active children sharing a block with the query (blocks.ts: the arms findCandidatesForMany reads
 * too), plus any child holding the queried NHS number or UPN. One raw query; identifiers come
 * with it.
 */
export async function findCandidates(tx: Tx, q: CandidateQuery): Promise<Candidate[]> {
  // PROVISIONAL records are candidates too: a second record of an uncertain child joins it.
  const a = blockArms(q);
  const or: Prisma.Sql[] = [];
  const dates = [a.dob, a.swappedDob].filter((d): d is string => !!d);
  if (dates.length > 0) {
    or.push(
      Prisma.sql`p."dateOfBirth" IN (${Prisma.join(dates.map((d) => Prisma.sql`${d}::date`))})`,
    );
  }
  if (a.familyGiven) {
    or.push(
      Prisma.sql`(p."familyNameKey" = ${a.familyGiven[0]} AND p."givenNameKey" = ${a.familyGiven[1]})`,
    );
  }
  if (a.familyPostcode) {
    or.push(
      Prisma.sql`(p."familyNameKey" = ${a.familyPostcode[0]} AND p."postcodeSector" = ${a.familyPostcode[1]})`,
    );
  }
  if (a.familyOnly) or.push(Prisma.sql`p."familyNameKey" = ${a.familyOnly}`);
  if (a.postcodeOnly) or.push(Prisma.sql`p."postcodeSector" = ${a.postcodeOnly}`);
  if (a.givenOnly) or.push(Prisma.sql`p."givenNameKey" = ${a.givenOnly}`);
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
    LIMIT ${Prisma.raw(String(BLOCK_CAP))}`;
  return rows.map(toCandidate);
}

function toCandidate(r: CandidateRow): Candidate {
  {
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
  }
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

export interface CandidateBlock {
  candidates: Candidate[];
  /** More children shared the subject's blocks than BLOCK_CAP: only the first were read. */
  overflow: boolean;
}

/**
 * The candidates of many subjects in one statement (a batch of events): one LATERAL index scan
 * per subject over its block arms (blocks.ts), each capped at BLOCK_CAP.
 */
export async function findCandidatesForMany(
  tx: Tx,
  queries: readonly BlockArms[],
): Promise<CandidateBlock[]> {
  const out: CandidateBlock[] = queries.map(() => ({ candidates: [], overflow: false }));
  if (queries.length === 0) return out;
  const col = <T>(f: (a: BlockArms, i: number) => T) => queries.map((a, i) => f(a, i));
  const rows = await tx.$queryRaw<Array<CandidateRow & { i: number }>>`
    SELECT s.i::int AS "i", c.* FROM unnest(
        ${col((_, i) => i)}::int[], ${col((a) => a.dob)}::date[], ${col((a) => a.swappedDob)}::date[],
        ${col((a) => a.familyGiven?.[0] ?? null)}::text[], ${col((a) => a.familyGiven?.[1] ?? null)}::text[],
        ${col((a) => a.familyPostcode?.[0] ?? null)}::text[], ${col((a) => a.familyPostcode?.[1] ?? null)}::text[],
        ${col((a) => a.familyOnly)}::text[], ${col((a) => a.postcodeOnly)}::text[],
        ${col((a) => a.givenOnly)}::text[])
      AS s(i, dob, dob2, fg_f, fg_g, fp_f, fp_p, f_only, p_only, g_only)
    CROSS JOIN LATERAL (
      SELECT p."id"::text AS "id", p."givenName", p."familyName",
             p."dateOfBirth"::text AS "dateOfBirth", p."postcode", p."status",
             coalesce((SELECT json_agg(json_build_object('kind', x."kind", 'value', x."value"))
                         FROM "PersonIdentifier" x WHERE x."personId" = p."id" AND x."agency" IS NULL),
                      '[]') AS "identifiers"
        FROM "Person" p
       WHERE p."status" IN ('ACTIVE', 'PROVISIONAL') AND p."isChild" = true
         AND (p."dateOfBirth" = s.dob OR p."dateOfBirth" = s.dob2
              OR (p."familyNameKey" = s.fg_f AND p."givenNameKey" = s.fg_g)
              OR (p."familyNameKey" = s.fp_f AND p."postcodeSector" = s.fp_p)
              OR p."familyNameKey" = s.f_only OR p."postcodeSector" = s.p_only
              OR p."givenNameKey" = s.g_only)
       LIMIT ${BLOCK_CAP + 1}::int) c`;
  for (const r of rows) {
    const block = out[r.i];
    if (!block) continue;
    if (block.candidates.length >= BLOCK_CAP) block.overflow = true;
    else block.candidates.push(toCandidate(r));
  }
  return out;
}
