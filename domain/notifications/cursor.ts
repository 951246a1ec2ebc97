// Opaque keyset cursors for "newest first" lists: (createdAt, id) encoded as base64url.
import { badInput } from "#errors/domain-error.ts";

export interface Cursor {
  at: Date;
  id: string;
}

export const encodeCursor = (c: Cursor): string =>
  Buffer.from(`${c.at.toISOString()}|${c.id}`).toString("base64url");

export function decodeCursor(cursor: string): Cursor {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = at ? new Date(at) : undefined;
  if (!date || Number.isNaN(date.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw badInput("after is not a cursor this list gave out");
  }
  return { at: date, id };
}

/** A page size between 1 and 200 (the default is the schema's). */
export function pageSize(first: number | null | undefined, fallback = 50): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > 200) throw badInput("first must be between 1 and 200");
  return n;
}
