// Group commit: items handed in while a flush is in flight wait and go together in the next one.
// One flush at a time; a flush takes the queue's items in order while their total weight stays
// within `maxWeight` (the first always goes, however heavy). Each caller's promise settles with
// its flush: fulfilled once it succeeded, rejected with its error. The audit writer (its events
// per flush) and the dead-letter sender (bytes per produce request) use it.
export function createGroupQueue<T>(options: {
  flush: (items: T[]) => Promise<void>;
  weigh: (item: T) => number;
  maxWeight: number;
}): (item: T) => Promise<void> {
  const queue: Array<{ item: T; weight: number; done: (error?: unknown) => void }> = [];
  let flushing = false;

  async function drain(): Promise<void> {
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = [queue.shift()!];
        let weight = batch[0]!.weight;
        while (queue.length > 0 && weight + queue[0]!.weight <= options.maxWeight) {
          const next = queue.shift()!;
          batch.push(next);
          weight += next.weight;
        }
        try {
          await options.flush(batch.map((b) => b.item));
          for (const b of batch) b.done();
        } catch (error) {
          for (const b of batch) b.done(error ?? new Error("the flush failed"));
        }
      }
    } finally {
      flushing = false;
    }
  }

  return (item) =>
    new Promise<void>((resolve, reject) => {
      const done = (error?: unknown) => (error === undefined ? resolve() : reject(error));
      queue.push({ item, weight: options.weigh(item), done });
      if (!flushing) void drain();
    });
}
