// A child opened by `child(id)`: the person, every relation the view shows and the current
// rating in ONE prepared statement, so that opening a child costs one round trip rather than
// one for the person and then one per loader its fields reach (loaders.ts primes those loaders
// with what this returns). The access policy still decides every field; this only reads.
import type { Db, Statement } from "#db/client.ts";
import type { Person, RagAssessment } from "#db/generated/client.ts";
import { toRagView, type RagAssessmentView } from "#notifications/get-current-rag.ts";
import {
  RECORD_COLUMNS,
  revive,
  toChildRecords,
  type ChildRecords,
  type RecordsRow,
} from "./load-child-records.ts";

export interface WholeChild {
  person: Person | null;
  records: ChildRecords;
  rag: RagAssessmentView | null;
}

type Json = Record<string, unknown>;

interface WholeRow extends RecordsRow {
  person: Json | null;
  rag: Json | null;
}

const WHOLE_COLUMNS = `
    SELECT k.id AS "personId",
      (SELECT row_to_json(p) FROM "Person" p WHERE p.id = k.id) AS person,
      (SELECT row_to_json(a) FROM (
         SELECT r.*, n.rag AS "screenedRag"
           FROM (SELECT * FROM "RagAssessment" WHERE "personId" = k.id
                  ORDER BY "assessedAt" DESC, id DESC LIMIT 1) r
           LEFT JOIN "MashNotification" n
             ON n."triggeringEventId" = r."eventId" AND n."personId" = r."personId"
            AND n.rag IS NOT NULL
          LIMIT 1) a) AS rag,
      ${RECORD_COLUMNS}`;

/**
 * Several children at once (a household's members). PostgreSQL guesses ten rows for any
 * unnest($1), so its generic plan looks ten times dearer than a custom one and every execution
 * is planned again (~0.5 ms of its CPU for this statement).
 */
const WHOLE: Statement = {
  name: "child-view.whole",
  text: `${WHOLE_COLUMNS} FROM unnest($1::uuid[]) AS k(id)`,
};

/**
 * One child (what `child(id)` opens): the same statement on one id, whose generic plan costs what
 * a custom one does, so PostgreSQL keeps it after five executions and stops planning (decision 74).
 */
const WHOLE_ONE: Statement = {
  name: "child-view.whole-one",
  text: `${WHOLE_COLUMNS} FROM (SELECT $1::uuid AS id) AS k`,
};

/** One entry per asked id that the statement answered (a person that does not exist: null). */
export async function loadWholeChildren(
  db: Db,
  personIds: readonly string[],
): Promise<Map<string, WholeChild>> {
  const ids = [...new Set(personIds)];
  const rows =
    ids.length === 1
      ? await db.sql.query<WholeRow>(WHOLE_ONE, [ids[0]])
      : await db.sql.query<WholeRow>(WHOLE, [ids]);
  const result = new Map<string, WholeChild>();
  for (const r of rows) {
    const [person] = r.person
      ? revive<Person>([r.person], ["dateOfBirth", "expectedDueDate", "createdAt", "updatedAt"])
      : [null];
    const [rag] = r.rag
      ? revive<RagAssessment & { screenedRag: string | null }>([r.rag], ["assessedAt"])
      : [null];
    result.set(r.personId, {
      person: person ?? null,
      records: toChildRecords(r),
      rag: rag ? toRagView(rag) : null,
    });
  }
  return result;
}
