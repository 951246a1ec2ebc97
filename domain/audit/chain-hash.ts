// The hash chain over access events: hash = HMAC-SHA256(key, prevHash + canonical row), keyed
// with AUDIT_CHAIN_KEY, a secret the database does not hold, so that whoever can write the
// table cannot recompute a chain after changing it. Pure.
import { createHmac } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The fields of an access event the hash covers (everything but the database's seq). */
export interface ChainedFields {
  id: string;
  at: Date;
  /** null for events about no one child: a search, a rejected event reviewed. */
  personId: string | null;
  actor: string;
  role: string;
  purpose: string | null;
  legalBasis: string | null;
  disclosed: readonly string[];
  withheld: readonly string[];
  policyVersion: number;
  /** A search's criteria names (empty for a disclosure). */
  criteria: readonly string[];
  /** A search's result count (null for a disclosure). */
  resultCount: number | null;
}

/**
 * A fixed-order JSON array: the same row always serialises to the same bytes. A search's
 * criteria and count follow the disclosure fields; a disclosure's row is what it was before
 * searches were recorded, so existing chains still verify.
 */
export function canonicalRow(r: ChainedFields): string {
  const search = r.resultCount !== null || r.criteria.length > 0;
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
    ...(search ? [[...r.criteria].sort(), r.resultCount] : []),
  ]);
}

export function chainHash(key: string, prevHash: string, row: ChainedFields): string {
  return createHmac("sha256", key)
    .update(prevHash + canonicalRow(row))
    .digest("hex");
}
