// Group commit (platform/runtime/group-queue.ts), with no services: what arrives while a flush is
// in flight goes in the next one, in order, within the weight cap; each caller hears its own
// flush's outcome.
import { describe, expect, it } from "@jest/globals";
import { createGroupQueue } from "#runtime/group-queue.ts";

function recording(fail?: (items: string[]) => boolean) {
  const flushes: string[][] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const enqueue = createGroupQueue<string>({
    flush: async (items) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      flushes.push(items);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      if (fail?.(items)) throw new Error(`refused ${items.join(",")}`);
    },
    weigh: (item) => item.length,
    maxWeight: 6,
  });
  return { enqueue, flushes, mostInFlight: () => mostInFlight };
}

describe("the group queue", () => {
  it("sends the first at once and groups what waits, in order, one flush at a time", async () => {
    const q = recording();
    await Promise.all(["a", "bb", "cc", "dd", "e"].map((i) => q.enqueue(i)));
    expect(q.flushes).toEqual([["a"], ["bb", "cc", "dd"], ["e"]]);
    expect(q.mostInFlight()).toBe(1);
  });

  it("sends an item heavier than the cap alone rather than never", async () => {
    const q = recording();
    await Promise.all(["a", "heavy-item", "b"].map((i) => q.enqueue(i)));
    expect(q.flushes).toEqual([["a"], ["heavy-item"], ["b"]]);
  });

  it("rejects the callers of a failed flush only, and goes on with the rest", async () => {
    const q = recording((items) => items.includes("bad"));
    const outcomes = await Promise.allSettled(["a", "bad", "ok", "z"].map((i) => q.enqueue(i)));
    expect(outcomes.map((o) => o.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "rejected",
    ]);
    const later = await Promise.allSettled([q.enqueue("after")]);
    expect(later[0]!.status).toBe("fulfilled");
    expect(q.flushes).toEqual([["a"], ["bad", "ok", "z"], ["after"]]);
  });
});
