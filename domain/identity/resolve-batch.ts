// Links the subjects of a batch of events to children, in the batch's order and inside its
// transaction, with what resolve-subject.ts decides for one subject — exact links (the agency's
// own id, NHS number, UPN), then the probabilistic stage (score.ts over blocked candidates):
// link, hold for review, or a new child — but with a handful of set-based statements for the
// whole batch instead of several per event:
//   1. one read of every identifier the batch names, with its holder;
//   2. block locks (blocks.ts) for the subjects no identifier resolves, then one candidates read;
//   3. the decisions in memory, in order: a child made for an earlier event of the batch is found
//      by a later one exactly as if it had been stored (its identifiers and its blocks);
//   4. one insert each for new children, identifiers and match reviews, one update for the
//      demographics that filled gaps.
// The rare cases (a merged child, an identifier contradicted by the demographics) go through
// resolveSubject itself, after what is pending is written.
import { randomUUID } from "node:crypto";
import type { SqlTx } from "#db/sql-tx.ts";
import { findCandidatesForMany, type Candidate } from "./candidates.ts";
import { blockArms, blockLockKeys, hasArm, memberKeys } from "./blocks.ts";
import { lockBlocks } from "./block-locks.ts";
import {
  demographicsContradict,
  fillGaps,
  personData,
  resolveSubject,
  updateDemographics,
  wantedIdentifiers,
  type DemographicsUpdate,
  type ExactRow,
  type FoundIdentifier,
  type PersonDemographics,
  type ReviewRow,
} from "./resolve-subject.ts";
import { blockingKeys } from "./normalise.ts";
import { chooseCandidate, compareRecords, type MatchScore } from "./score.ts";
import type { Resolution, Subject, SubjectSource } from "./subject.ts";

export interface BatchSubject {
  source: SubjectSource;
  subject: Subject;
}

const idKey = (i: FoundIdentifier) => `${i.kind}|${i.agency ?? ""}|${i.value}`;

const identifiersOf = ({ source, subject }: BatchSubject) => wantedIdentifiers(source, subject);

const day = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function resolveBatch(
  tx: SqlTx,
  items: readonly BatchSubject[],
): Promise<Resolution[]> {
  if (items.length === 0) return []; // every event of the batch was received before
  const state = new BatchState(tx);
  const exact = await state.readIdentifiers(items);
  const unresolved = items.filter((item) => identifiersOf(item).every((i) => !exact.has(idKey(i))));
  const blocks = await state.readBlocks(unresolved.map((u) => u.subject));
  const out: Resolution[] = [];
  for (const item of items) {
    out.push(await state.resolve(item, exact, blocks.get(item.subject)));
  }
  await state.flush();
  return out;
}

interface Known {
  personId: string;
  /** The child's details as the batch has them now (filled gaps included). */
  held: PersonDemographics;
  provisional: boolean;
  identifiers: { nhsNumbers: string[]; upns: string[] };
}

class BatchState {
  /** Identifiers this batch gave a child (or found held), by idKey. */
  private readonly byIdentifier = new Map<string, Known>();
  /** Children made by this batch, by the blocks they would be found in. */
  private readonly byBlock = new Map<string, Known[]>();
  /** Children made by this batch and not written yet (inserted with their details at flush). */
  private readonly people = new Map<string, { known: Known; status: string }>();
  private readonly identifiers = new Map<string, FoundIdentifier & { personId: string }>();
  private readonly reviews: ReviewRow[] = [];
  private readonly updates = new Map<string, DemographicsUpdate>();

  constructor(private readonly tx: SqlTx) {}

  async readIdentifiers(items: readonly BatchSubject[]): Promise<Map<string, ExactRow>> {
    const wanted = new Map<string, FoundIdentifier>();
    for (const item of items) for (const i of identifiersOf(item)) wanted.set(idKey(i), i);
    const list = [...wanted.values()];
    // Two arms, so that each is a probe of the (kind, agency, value) key: `agency IS NOT DISTINCT
    // FROM` cannot be an index condition, and the planner then sorted or hashed the whole table.
    const rows = await this.tx.$queryRaw<ExactRow[]>`
      WITH w AS (
        SELECT * FROM unnest(${list.map((i) => i.kind)}::text[],
                             ${list.map((i) => i.agency)}::"Agency"[],
                             ${list.map((i) => i.value)}::text[]) AS w(kind, agency, value)
      ), found AS (
        SELECT i.* FROM w JOIN "PersonIdentifier" i
            ON i."kind" = w.kind AND i."agency" = w.agency AND i."value" = w.value
        UNION ALL
        SELECT i.* FROM w JOIN "PersonIdentifier" i
            ON i."kind" = w.kind AND i."agency" IS NULL AND i."value" = w.value
         WHERE w.agency IS NULL
      )
      SELECT i."kind", i."agency"::text AS "agency", i."value", i."personId"::text AS "personId",
             p."mergedIntoId"::text AS "mergedIntoId", p."givenName", p."familyName",
             p."dateOfBirth"::text AS "dateOfBirth", p."expectedDueDate"::text AS "expectedDueDate",
             p."postcode"
        FROM found i JOIN "Person" p ON p."id" = i."personId"`;
    const found = new Map<string, ExactRow>();
    for (const r of rows) {
      found.set(idKey(r), r);
    }
    return found;
  }

  /** Locks the subjects' blocks (in one order for everyone), then reads their candidates. */
  async readBlocks(subjects: readonly Subject[]) {
    const withArms = subjects
      .map((s) => ({ s, arms: blockArms(s) }))
      .filter(({ s, arms }) => hasDemographics(s) && hasArm(arms));
    await lockBlocks(
      this.tx,
      withArms.map(({ s }) => s),
    );
    const blocks = await findCandidatesForMany(
      this.tx,
      withArms.map(({ arms }) => arms),
    );
    return new Map(withArms.map(({ s }, i) => [s, blocks[i]!] as const));
  }

  async resolve(
    item: BatchSubject,
    exact: Map<string, ExactRow>,
    block: { candidates: Candidate[]; overflow: boolean } | undefined,
  ): Promise<Resolution> {
    const { subject } = item;
    const ids = identifiersOf(item);
    // exact: the agency's own id, then NHS number, then UPN; one this batch gave counts too
    for (const id of ids) {
      const mine = this.byIdentifier.get(idKey(id));
      if (mine) {
        if (id.kind !== "SOURCE_PERSON_ID" && demographicsContradict(subject, mine.held)) {
          return this.slow(item);
        }
        return this.link(mine, item, [id.kind], undefined);
      }
      const row = exact.get(idKey(id));
      if (!row) continue;
      const held: PersonDemographics = {
        givenName: row.givenName,
        familyName: row.familyName,
        dateOfBirth: day(row.dateOfBirth),
        expectedDueDate: day(row.expectedDueDate),
        postcode: row.postcode,
      };
      if (
        row.mergedIntoId ||
        (id.kind !== "SOURCE_PERSON_ID" && demographicsContradict(subject, held))
      ) {
        return this.slow(item);
      }
      const known: Known = {
        personId: row.personId,
        held,
        provisional: false,
        identifiers: { nhsNumbers: [], upns: [] },
      };
      // identifiers the hub already holds are not inserted again
      for (const other of ids) {
        if (exact.get(idKey(other))?.personId === row.personId) {
          this.byIdentifier.set(idKey(other), known);
        }
      }
      return this.link(known, item, [id.kind], undefined);
    }
    // probabilistic: the block's children, and those made by this batch that share a block
    const ranked = this.rank(subject, block?.candidates ?? []);
    const choice = chooseCandidate(ranked);
    if (choice.kind === "LINK") {
      const { known, match } = choice.to;
      return this.link(known, item, match.matchedOn, match.score);
    }
    if (choice.kind === "REVIEW") {
      return this.hold(item, choice.against.known.personId, choice.against.match);
    }
    // a block too big to read whole may hide the child: a person decides, not the cap
    const established = ranked.find((c) => !c.provisional);
    if (block?.overflow && established) {
      return this.hold(item, established.known.personId, {
        ...established.match,
        matchedOn: [...established.match.matchedOn, "BLOCK_OVERFLOW"],
      });
    }
    const person = this.create(item, "ACTIVE");
    return {
      personId: person.personId,
      outcome: "NEW",
      matchedOn: [],
      score: choice.best?.match.score,
      reviewId: undefined,
    };
  }

  private rank(subject: Subject, fromDb: readonly Candidate[]) {
    if (!hasDemographics(subject)) return [];
    const probe = {
      ...subject,
      nhsNumbers: subject.nhsNumber ? [subject.nhsNumber] : [],
      upns: subject.upn ? [subject.upn] : [],
    };
    const seen = new Set<string>();
    const pool: Known[] = [];
    for (const c of fromDb) {
      seen.add(c.personId);
      pool.push({
        personId: c.personId,
        provisional: c.provisional,
        held: {
          givenName: c.givenName ?? null,
          familyName: c.familyName ?? null,
          dateOfBirth: day(c.dateOfBirth ?? null),
          expectedDueDate: null,
          postcode: c.postcode ?? null,
        },
        identifiers: { nhsNumbers: [...(c.nhsNumbers ?? [])], upns: [...(c.upns ?? [])] },
      });
    }
    for (const key of blockLockKeys(blockArms(subject))) {
      for (const k of this.byBlock.get(key) ?? []) {
        if (!seen.has(k.personId)) {
          seen.add(k.personId);
          pool.push(k);
        }
      }
    }
    return pool
      .map((known) => ({
        known,
        provisional: known.provisional,
        match: compareRecords(probe, {
          givenName: known.held.givenName,
          familyName: known.held.familyName,
          dateOfBirth: isoDay(known.held.dateOfBirth),
          postcode: known.held.postcode,
          ...known.identifiers,
        }),
      }))
      .filter((c) => !c.match.identifierConflict)
      .sort((a, b) => b.match.score - a.match.score);
  }

  private link(
    known: Known,
    item: BatchSubject,
    matchedOn: string[],
    score: number | undefined,
  ): Resolution {
    this.attach(known, item);
    this.fill(known, item.subject);
    return { personId: known.personId, outcome: "LINKED", matchedOn, score, reviewId: undefined };
  }

  private hold(item: BatchSubject, candidateId: string, match: MatchScore): Resolution {
    const provisional = this.create(item, "PROVISIONAL");
    const review = {
      candidateId,
      provisionalId: provisional.personId,
      score: match.score,
      matchedOn: match.matchedOn,
    };
    this.reviews.push(review);
    return {
      personId: provisional.personId,
      outcome: "PROVISIONAL",
      matchedOn: match.matchedOn,
      score: match.score,
      // the review row is written with the batch: its id is not known to the caller
      reviewId: undefined,
    };
  }

  private create(item: BatchSubject, status: "ACTIVE" | "PROVISIONAL"): Known {
    const id = randomUUID();
    const d = personData(item.subject);
    const known: Known = {
      personId: id,
      provisional: status === "PROVISIONAL",
      held: {
        givenName: d.givenName,
        familyName: d.familyName,
        dateOfBirth: d.dateOfBirth,
        expectedDueDate: d.expectedDueDate,
        postcode: d.postcode,
      },
      identifiers: { nhsNumbers: [], upns: [] },
    };
    this.people.set(id, { known, status });
    for (const key of memberKeys(item.subject)) {
      const list = this.byBlock.get(key);
      if (list) list.push(known);
      else this.byBlock.set(key, [known]);
    }
    this.attach(known, item);
    return known;
  }

  /** The subject's identifiers nobody holds yet go with the child (NOT EXISTS at insert). */
  private attach(known: Known, item: BatchSubject) {
    for (const id of identifiersOf(item)) {
      const key = idKey(id);
      if (this.byIdentifier.has(key)) continue;
      this.byIdentifier.set(key, known);
      this.identifiers.set(key, { ...id, personId: known.personId });
      if (id.kind === "NHS_NUMBER") known.identifiers.nhsNumbers.push(id.value);
      if (id.kind === "UPN") known.identifiers.upns.push(id.value);
    }
  }

  /** Fields the child's record lacks are filled (never overwritten). */
  private fill(known: Known, subject: Subject) {
    const merged = fillGaps(known.held, subject);
    if (!merged) return;
    known.held = merged;
    if (this.people.has(known.personId)) return; // not written yet: inserted as it is now
    this.updates.set(known.personId, {
      personId: known.personId,
      ...merged,
      ...blockingKeys(merged),
    });
  }

  /** The rare cases, through resolveSubject, after everything pending is written. */
  private async slow(item: BatchSubject): Promise<Resolution> {
    await this.flush();
    const r = await resolveSubject(this.tx, item.source, item.subject);
    const known: Known = {
      personId: r.personId,
      provisional: r.outcome === "PROVISIONAL",
      held: personData(item.subject),
      identifiers: { nhsNumbers: [], upns: [] },
    };
    // what resolveSubject attached is in the database now: later subjects find it here
    for (const id of identifiersOf(item)) {
      if (!this.byIdentifier.has(idKey(id))) this.byIdentifier.set(idKey(id), known);
    }
    if (r.outcome !== "LINKED") {
      for (const key of memberKeys(item.subject)) {
        const list = this.byBlock.get(key);
        if (list) list.push(known);
        else this.byBlock.set(key, [known]);
      }
    }
    return r;
  }

  /** Writes what is pending: new children, then their identifiers and reviews, then updates. */
  async flush(): Promise<void> {
    const tx = this.tx;
    if (this.people.size > 0) {
      const rows = [...this.people.values()].map(({ known, status }) => ({
        id: known.personId,
        status,
        ...known.held,
        ...blockingKeys(known.held),
      }));
      await tx.$executeRaw`
        INSERT INTO "Person" ("id", "isChild", "givenName", "familyName", "dateOfBirth",
          "expectedDueDate", "postcode", "familyNameKey", "givenNameKey", "postcodeSector",
          "status", "updatedAt")
        SELECT u.id, true, u.g, u.f, u.dob, u.edd, u.pc, u.fk, u.gk, u.ps, u.st, clock_timestamp()
          FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.givenName)}::text[],
                      ${rows.map((r) => r.familyName)}::text[],
                      ${rows.map((r) => isoDay(r.dateOfBirth))}::date[],
                      ${rows.map((r) => isoDay(r.expectedDueDate))}::date[],
                      ${rows.map((r) => r.postcode)}::text[], ${rows.map((r) => r.familyNameKey)}::text[],
                      ${rows.map((r) => r.givenNameKey)}::text[],
                      ${rows.map((r) => r.postcodeSector)}::text[], ${rows.map((r) => r.status)}::text[])
            AS u(id, g, f, dob, edd, pc, fk, gk, ps, st)`;
      this.people.clear();
    }
    if (this.identifiers.size > 0) {
      const ids = [...this.identifiers.values()];
      // No ON CONFLICT: an identifier another transaction adds first fails the unique key, and
      // the batch is retried (it then finds that identifier's child).
      await tx.$executeRaw`
        INSERT INTO "PersonIdentifier" ("id", "personId", "kind", "agency", "value")
        SELECT gen_random_uuid(), w.person, w.kind, w.agency::"Agency", w.value
          FROM unnest(${ids.map((i) => i.personId)}::uuid[], ${ids.map((i) => i.kind)}::text[],
                      ${ids.map((i) => i.agency)}::text[], ${ids.map((i) => i.value)}::text[])
            AS w(person, kind, agency, value)
         WHERE NOT EXISTS (
           SELECT 1 FROM "PersonIdentifier" e
            WHERE e."kind" = w.kind AND e."agency" = w.agency::"Agency" AND e."value" = w.value)
           AND NOT EXISTS (
           SELECT 1 FROM "PersonIdentifier" e
            WHERE w.agency IS NULL AND e."kind" = w.kind AND e."agency" IS NULL
              AND e."value" = w.value)`;
      this.identifiers.clear();
    }
    if (this.reviews.length > 0) {
      const r = this.reviews;
      await tx.$executeRaw`
        INSERT INTO "MatchReview" ("id", "candidateId", "provisionalId", "score", "matchedOn")
        SELECT gen_random_uuid(), v.c, v.p, v.s, string_to_array(v.m, ',')
          FROM unnest(${r.map((x) => x.candidateId)}::uuid[], ${r.map((x) => x.provisionalId)}::uuid[],
                      ${r.map((x) => x.score)}::float8[], ${r.map((x) => x.matchedOn.join(","))}::text[])
            AS v(c, p, s, m)`;
      this.reviews.length = 0;
    }
    if (this.updates.size > 0) {
      await updateDemographics(tx, [...this.updates.values()]);
      this.updates.clear();
    }
  }
}

const hasDemographics = (s: Subject) => !!s.dateOfBirth || (!!s.givenName && !!s.familyName);
