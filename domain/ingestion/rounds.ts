// Splits a batch's events into rounds that can be stored and rated together with the same effect
// as one event at a time: within a round no two events touch the same child, the same record or
// (when the rule set reads the family) the same family; an event that must wait also holds back
// every later event it shares anything with, so each child's events keep the batch's order.
// Pure.

export interface RoundItem {
  /** What the event touches: its child, its record, its family (see ingest-batch.ts). */
  keys: readonly string[];
}

export function splitIntoRounds<T extends RoundItem>(items: readonly T[]): T[][] {
  const rounds: T[][] = [];
  let remaining = [...items];
  while (remaining.length > 0) {
    const round: T[] = [];
    const next: T[] = [];
    const used = new Set<string>();
    const held = new Set<string>();
    for (const item of remaining) {
      if (item.keys.some((k) => used.has(k) || held.has(k))) {
        next.push(item);
        for (const k of item.keys) held.add(k);
      } else {
        round.push(item);
        for (const k of item.keys) used.add(k);
      }
    }
    rounds.push(round);
    remaining = next;
  }
  return rounds;
}
