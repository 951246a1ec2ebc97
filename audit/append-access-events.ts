// Appends access events to the hash chain. Appends are serialised with a transaction-scoped
// advisory lock, so each event's prevHash is the hash of the event before it.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../db/client.ts";
import { GENESIS_HASH, chainHash, type ChainedFields } from "./chain-hash.ts";

/** Arbitrary constant naming "the access event chain" among advisory locks. */
const CHAIN_LOCK_KEY = 4_240_611_301;

export interface NewAccessEvent {
  personId: string;
  actor: string;
  role: string;
  purpose: string | undefined;
  legalBasis: string | undefined;
  disclosed: readonly string[];
  withheld: readonly string[];
  policyVersion: number;
}

export async function appendAccessEvents(db: Db, events: readonly NewAccessEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.$transaction((tx) => appendAccessEventsInTx(tx, events));
}

/** For callers that must write the event in the same transaction as the change it records. */
export async function appendAccessEventsInTx(
  tx: Tx,
  events: readonly NewAccessEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.$executeRaw`SELECT 1 FROM pg_advisory_xact_lock(${CHAIN_LOCK_KEY}::bigint)`;
  const last = await tx.accessEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  let prevHash = last?.hash ?? GENESIS_HASH;
  // one timestamp, at millisecond precision (the column's), so the hash reproduces exactly
  const at = new Date(Math.floor(Date.now()));
  const rows = events.map((e) => {
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
    };
    const hash = chainHash(prevHash, fields);
    const row = {
      ...fields,
      disclosed: [...fields.disclosed],
      withheld: [...fields.withheld],
      prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  // one multi-row INSERT: seq is assigned in row order, so the chain order is the insert order
  await tx.accessEvent.createMany({ data: rows });
}
