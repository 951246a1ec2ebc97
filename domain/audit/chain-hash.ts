// The hash chain over access events: hash = sha256(prevHash + canonical row). Pure.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The fields of an access event the hash covers (everything but the database's seq). */
export interface ChainedFields {
  id: string;
  at: Date;
  personId: string;
  actor: string;
  role: string;
  purpose: string | null;
  legalBasis: string | null;
  disclosed: readonly string[];
  withheld: readonly string[];
  policyVersion: number;
}

/** A fixed-order JSON array: the same row always serialises to the same bytes. */
export function canonicalRow(r: ChainedFields): string {
  return JSON.stringify([
    r.id,
    r.at.toISOString(),
    r.personId,
    r.actor,
    r.role,
    r.purpose,
    r.legalBasis,
    [...r.disclosed].sort(),
    [...r.withheld].sort(),
    r.policyVersion,
  ]);
}

export function chainHash(prevHash: string, row: ChainedFields): string {
  return createHash("sha256")
    .update(prevHash + canonicalRow(row))
    .digest("hex");
}
