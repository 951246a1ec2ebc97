// How far a consumer group is behind: its committed offsets against the topics' high
// watermarks, read over one admin connection kept open for the run (a connection a poll would
// cost the bench, and the broker, a handshake each time).
import type { KafkaClient } from "#kafka/client.ts";

export interface OffsetWatch {
  /** Events on the topics the group has not committed yet (0 = all taken in). */
  remaining(): Promise<number>;
  close(): Promise<void>;
}

export async function watchOffsets(
  kafka: KafkaClient,
  groupId: string,
  topics: string[],
): Promise<OffsetWatch> {
  const admin = kafka.admin();
  await admin.connect();
  return {
    async remaining() {
      const [committed, heads] = await Promise.all([
        admin.fetchOffsets({ groupId, topics }),
        Promise.all(
          topics.map(async (topic) => ({
            topic,
            partitions: await admin.fetchTopicOffsets(topic),
          })),
        ),
      ]);
      let remaining = 0;
      for (const { topic, partitions } of heads) {
        const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
        for (const h of partitions) {
          const c = mine.find((p) => p.partition === h.partition)?.offset ?? "-1";
          const done = Number(c) < 0 ? Number(h.low) : Number(c);
          remaining += Math.max(0, Number(h.high) - done);
        }
      }
      return remaining;
    },
    close: () => admin.disconnect(),
  };
}
