// The rows an append adds to the chain, computed in Node from the head they follow: each gets
// the next seq after the head (seq is given by the writer, not by the table's sequence, so the
// anchor the same append signs can name its head before the rows are written), the hash of the
// row before it as prevHash, and its own keyed hash. Pure.
import { randomUUID } from "node:crypto";
import { chainHash, type ChainedFields } from "./chain-hash.ts";
import type { ChainHead } from "./chain-anchor.ts";

export interface NewAccessEvent {
  /** The child the event is about; null for a search or a rejected event reviewed. */
  personId: string | null;
  actor: string;
  role: string;
  purpose: string | undefined;
  legalBasis: string | undefined;
  disclosed: readonly string[];
  withheld: readonly string[];
  policyVersion: number;
  /** A search's criteria, by name (absent for a disclosure). */
  criteria?: readonly string[];
  /** A search's result count (absent for a disclosure). */
  resultCount?: number;
}

export interface ChainRow extends ChainedFields {
  seq: bigint;
  prevHash: string;
  hash: string;
}

export function chainRows(
  key: string,
  start: ChainHead,
  events: readonly NewAccessEvent[],
  at: Date,
): { rows: ChainRow[]; head: ChainHead } {
  let prevHash = start.headHash;
  let seq = start.headSeq;
  const rows = events.map((e): ChainRow => {
    const fields: ChainedFields = {
      id: randomUUID(),
      at,
      personId: e.personId,
      actor: e.actor,
      role: e.role,
      purpose: e.purpose ?? null,
      legalBasis: e.legalBasis ?? null,
      disclosed: [...e.disclosed].sort(),
      withheld: [...e.withheld].sort(),
      policyVersion: e.policyVersion,
      criteria: [...(e.criteria ?? [])].sort(),
      resultCount: e.resultCount ?? null,
    };
    const hash = chainHash(key, prevHash, fields);
    seq += 1n;
    const row = { ...fields, seq, prevHash, hash };
    prevHash = hash;
    return row;
  });
  return {
    rows,
    head: { count: start.count + BigInt(events.length), headSeq: seq, headHash: prevHash },
  };
}

/** One timestamp per append, at millisecond precision (the column's), so the hash reproduces. */
export const appendTime = (): Date => new Date(Math.floor(Date.now()));
