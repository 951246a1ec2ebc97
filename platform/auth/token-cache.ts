// Verified tokens, remembered so that a client sending the same bearer token on every request
// pays for its signature once (jose's verify was 5% of a child view's CPU). Keyed by the token's
// SHA-256 (no bearer token is kept in the heap), bounded (least recently used out first), and an
// entry is good only until the token's `exp` and at most `maxAgeMs` after it was verified: a key
// withdrawn from the JWKS stops a token it signed within that time (jose itself caches the JWKS
// for up to ten minutes). Only successes are kept; a refused token is checked again every time.
import { createHash } from "node:crypto";
import type { Viewer } from "./viewer.ts";

interface Entry {
  viewer: Viewer;
  /** Milliseconds since the epoch after which the entry is not used. */
  validUntil: number;
}

export interface TokenCache {
  get(token: string, nowMs: number): Viewer | undefined;
  set(token: string, viewer: Viewer, expiresAtMs: number, nowMs: number): void;
}

export function createTokenCache(maxEntries = 10_000, maxAgeMs = 5 * 60_000): TokenCache {
  const entries = new Map<string, Entry>();
  const keyOf = (token: string) => createHash("sha256").update(token).digest("base64");
  return {
    get(token, nowMs) {
      const key = keyOf(token);
      const hit = entries.get(key);
      if (!hit) return undefined;
      entries.delete(key);
      if (nowMs >= hit.validUntil) return undefined;
      entries.set(key, hit); // most recently used last
      return { ...hit.viewer };
    },
    set(token, viewer, expiresAtMs, nowMs) {
      if (maxEntries <= 0) return;
      const validUntil = Math.min(expiresAtMs, nowMs + maxAgeMs);
      if (nowMs >= validUntil) return;
      const key = keyOf(token);
      entries.delete(key);
      entries.set(key, { viewer: { ...viewer }, validUntil });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
  };
}
