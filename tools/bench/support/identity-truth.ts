// How the hub's children compare with the stream's truth: each agency record (source, person id)
// leads to the hub's child holding that agency id (followed through merges); a true child that
// ends up as two established children is a duplicate the hub made, one held for review is a
// provisional record waiting for a screener, and one hub child holding records of two true
// children is a wrong link.
import pg from "pg";
import type { AgencyRecord } from "../../../tests/integration/ingestion/event-stream.ts";

export interface IdentityOutcome {
  /** True children the hub holds as two or more established (ACTIVE) children. */
  duplicateChildren: number;
  /** True children with a record held PROVISIONAL for a match review. */
  heldForReview: number;
  /** Hub children holding the records of two or more true children. */
  wronglyJoined: number;
  /** Records the hub holds no agency id for (should be none once every offset is committed). */
  missingRecords: number;
  matchReviews: number;
  /** Established and provisional children the hub holds. */
  hubChildren: number;
}

export async function compareWithTruth(
  databaseUrl: string,
  records: readonly AgencyRecord[],
): Promise<IdentityOutcome> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const ids = await c.query<{ agency: string; value: string; personId: string }>(
      `SELECT i.agency::text AS agency, i.value, i."personId"::text AS "personId"
         FROM "PersonIdentifier" i WHERE i.kind = 'SOURCE_PERSON_ID'`,
    );
    const persons = await c.query<{ id: string; status: string; mergedIntoId: string | null }>(
      `SELECT id::text, status, "mergedIntoId"::text AS "mergedIntoId" FROM "Person" WHERE "isChild"`,
    );
    const reviews = await c.query<{ n: string }>(`SELECT count(*) AS n FROM "MatchReview"`);
    const person = new Map(persons.rows.map((p) => [p.id, p]));
    const final = (id: string) => {
      let p = person.get(id);
      for (let hops = 0; p?.mergedIntoId && hops < 20; hops++) p = person.get(p.mergedIntoId);
      return p;
    };
    const holder = new Map(ids.rows.map((r) => [`${r.agency}|${r.value}`, r.personId]));
    const byChild = new Map<number, Map<string, string>>();
    const childrenOf = new Map<string, Set<number>>();
    let missingRecords = 0;
    for (const r of records) {
      const id = holder.get(`${r.source}|${r.sourcePersonId}`);
      const p = id ? final(id) : undefined;
      if (!p) {
        missingRecords++;
        continue;
      }
      const mine = byChild.get(r.child) ?? new Map<string, string>();
      mine.set(p.id, p.status);
      byChild.set(r.child, mine);
      childrenOf.set(p.id, (childrenOf.get(p.id) ?? new Set()).add(r.child));
    }
    let duplicateChildren = 0;
    let heldForReview = 0;
    for (const held of byChild.values()) {
      const statuses = [...held.values()];
      if (statuses.filter((s) => s === "ACTIVE").length > 1) duplicateChildren++;
      if (statuses.includes("PROVISIONAL")) heldForReview++;
    }
    return {
      duplicateChildren,
      heldForReview,
      wronglyJoined: [...childrenOf.values()].filter((s) => s.size > 1).length,
      missingRecords,
      matchReviews: Number(reviews.rows[0]?.n ?? 0),
      hubChildren: persons.rows.filter((p) => p.status === "ACTIVE" || p.status === "PROVISIONAL")
        .length,
    };
  } finally {
    await c.end();
  }
}
