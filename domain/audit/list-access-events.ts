// accessLog: a child's access events, newest first, paged by seq.
import type { Db } from "#db/client.ts";
import { badInput } from "#errors/domain-error.ts";
import { isChildId } from "#access/request-access.ts";

export interface AccessEventView {
  id: string;
  at: Date;
  actor: string;
  role: string;
  purpose: string | null;
  legalBasis: string | null;
  disclosed: string[];
  withheld: string[];
  policyVersion: number;
}

export interface AccessEventPage {
  edges: AccessEventView[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export async function listAccessEvents(
  db: Db,
  childId: string,
  first: number,
  after: string | null | undefined,
): Promise<AccessEventPage> {
  if (!isChildId(childId)) throw badInput("childId is not a child id");
  if (!Number.isInteger(first) || first < 1 || first > 500) {
    throw badInput("first must be between 1 and 500");
  }
  let before: bigint | undefined;
  if (after) {
    if (!/^\d{1,19}$/.test(after)) throw badInput("after is not a cursor from this list");
    before = BigInt(after);
  }
  const rows = await db.accessEvent.findMany({
    where: { personId: childId, ...(before !== undefined ? { seq: { lt: before } } : {}) },
    orderBy: { seq: "desc" },
    take: first + 1,
  });
  const page = rows.slice(0, first);
  const last = page[page.length - 1];
  return {
    edges: page.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      role: r.role,
      purpose: r.purpose,
      legalBasis: r.legalBasis,
      disclosed: r.disclosed,
      withheld: r.withheld,
      policyVersion: r.policyVersion,
    })),
    endCursor: last ? last.seq.toString() : null,
    hasNextPage: rows.length > first,
  };
}
