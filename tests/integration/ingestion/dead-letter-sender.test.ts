// The consumer runner's one dead-letter sender, against the real broker: letters from several
// partitions' chunks at once, three of them ~400 KB (an oversized event in base64, as the
// stream's TOO_LARGE events make), all end up on a DLQ topic with the broker's default limits,
// each caller told only once its own letters are there (sent as one request, the three large
// letters were over the broker's message.max.bytes and were refused). And the DLQ topic the hub
// creates takes the letter of a message as large as an agency topic accepts (decision 71).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { inject } from "../../support/provided.ts";
import { ensureTopics, type KafkaClient, type Producer } from "#kafka/client.ts";
import { createDeadLetterSender, deadLetter } from "#consumers/dead-letter.ts";
import { readDeadLetters, testKafka } from "./kafka-helpers.ts";

const letter = (partition: number, offset: number, bytes = 100) =>
  deadLetter({
    raw: Buffer.alloc(bytes, 120),
    topic: "agency.police.v1",
    partition,
    offset: String(offset),
    reason: bytes > 1_000 ? "TOO_LARGE" : "INVALID",
    issues: [{ path: "$", message: "refused for the test" }],
    eventId: `e-${partition}-${offset}`,
    source: "POLICE",
  });

describe("the dead-letter sender", () => {
  let kafka: KafkaClient;
  let producer: Producer;
  const dlq = `dlq.${randomBytes(4).toString("hex")}`;
  beforeAll(async () => {
    kafka = testKafka(inject("kafkaBrokers"));
    await ensureTopics(kafka, [dlq], 1); // one partition: every letter in one record batch
    producer = kafka.producer();
    await producer.connect();
  });
  afterAll(async () => producer?.disconnect());

  it("puts every chunk's letters on the DLQ, large ones included, and answers each chunk", async () => {
    const sender = createDeadLetterSender(producer, dlq);
    const chunks = [
      [letter(0, 1), letter(0, 2), letter(0, 3, 300_000)],
      [letter(1, 10, 300_000), letter(1, 11)],
      [letter(2, 20, 300_000)],
      [letter(0, 4), letter(0, 5)],
      [],
    ];
    const answered: number[] = [];
    await Promise.all(chunks.map((c, i) => sender.send(c).then(() => answered.push(i))));
    expect(answered.sort()).toEqual([0, 1, 2, 3, 4]);

    const letters = await readDeadLetters(kafka, dlq);
    const origins = letters.map((l) => `${l.partition}:${l.offset}`).sort();
    expect(origins).toEqual(["0:1", "0:2", "0:3", "0:4", "0:5", "1:10", "1:11", "2:20"]);
    const large = letters.find((l) => l.offset === "10")!;
    expect(Buffer.from(large.originalBase64, "base64").length).toBe(300_000);
    expect(large.reason).toBe("TOO_LARGE");
  });

  it("the hub's DLQ topic takes the letter of a 900 KB message (1.2 MB in base64)", async () => {
    const hubDlq = `t${randomBytes(4).toString("hex")}.agency.dlq.v1`;
    await ensureTopics(kafka, [hubDlq], 1);
    await createDeadLetterSender(producer, hubDlq).send([letter(3, 30, 900_000)]);
    const [only] = await readDeadLetters(kafka, hubDlq);
    expect(Buffer.from(only!.originalBase64, "base64").length).toBe(900_000);
  });
});
