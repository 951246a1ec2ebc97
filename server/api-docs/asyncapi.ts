// GET /asyncapi.json: AsyncAPI 3 for every Kafka topic the hub reads (the agency topics) and
// writes (notifications, alerts, the dead-letter queue), with the envelope, the message keys
// and the DLQ record, generated from the zod schemas the hub validates and builds them with.
import { HUB_TOPICS } from "#kafka/topics.ts";
import { adapterForType } from "#connectors/registry.ts";
import { envelopeJsonSchema, eventSchemas, toJsonSchema, type JsonSchema } from "./json-schema.ts";
import { alertMessageSchema, deadLetterSchema, notificationMessageSchema } from "./hub-messages.ts";

const KAFKA_BINDING_VERSION = "0.5.0";

const key = (description: string) => ({
  kafka: { key: { type: "string", description }, bindingVersion: KAFKA_BINDING_VERSION },
});

const channelId = (topic: string) =>
  topic.replace(/\.v\d+$/, "").replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase());

export function buildAsyncApi(version = "1"): JsonSchema {
  const events = eventSchemas("draft-7");
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};

  for (const [name, { type, schema }] of Object.entries(events)) {
    const adapter = adapterForType(type)!;
    const { source, topic } = adapter;
    const id = channelId(topic);
    messages[name] = {
      name: type,
      title: `${source} event ${type}`,
      summary: `The envelope of events.md with a ${type} payload.`,
      contentType: "application/json",
      payload: schema,
      bindings: key("subject.sourcePersonId: one person's events stay in order on one partition"),
    };
    channels[id] = {
      address: topic,
      title: topic,
      description:
        `${source} publishes; the hub consumes (consumer group KAFKA_GROUP_ID). ` +
        "Each message is one JSON event. A message that fails validation is not lost: it is " +
        `published to ${HUB_TOPICS.dlq} with every issue, and the partition moves on.`,
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    operations[`consume${name}`] = {
      action: "receive",
      title: `The hub consumes ${type}`,
      description:
        "Stored exactly once per (source, eventId); the offset is committed only after what the " +
        "event caused (record, notification, alert) is committed in PostgreSQL.",
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${name}` }],
    };
  }

  const hubTopic = (
    topic: string,
    name: string,
    title: string,
    payload: JsonSchema,
    keyText: string,
    description: string,
    headers?: JsonSchema,
  ) => {
    const id = channelId(topic);
    messages[name] = {
      name,
      title,
      contentType: "application/json",
      payload,
      ...(headers ? { headers } : {}),
      bindings: key(keyText),
    };
    channels[id] = {
      address: topic,
      title: topic,
      description,
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    operations[`publish${name}`] = {
      action: "send",
      title: `The hub publishes ${title.toLowerCase()}`,
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${name}` }],
    };
  };
  hubTopic(
    HUB_TOPICS.notifications,
    "NotificationChanged",
    "A MASH notification created, screened, stepped up or closed",
    toJsonSchema(notificationMessageSchema, "draft-7"),
    "the child's hub id: one child's changes stay in order",
    "For case-management systems downstream. Carries ids, ratings and rule ids, never names. " +
      "Published from a transactional outbox: at least once, in order per child.",
  );
  hubTopic(
    HUB_TOPICS.alerts,
    "AlertChanged",
    "An alert raised or acknowledged",
    toJsonSchema(alertMessageSchema, "draft-7"),
    "the child's hub id",
    "Published from a transactional outbox: at least once, in order per child.",
  );
  hubTopic(
    HUB_TOPICS.dlq,
    "DeadLetter",
    "A rejected agency event",
    toJsonSchema(deadLetterSchema, "draft-7"),
    "topic:partition:offset of the original message, so that a re-publish can be recognised",
    "Every agency event the hub refused: the original bytes (base64), where they came from, " +
      "the reason and each validation issue with its path, and when.",
    {
      type: "object",
      properties: {
        reason: { type: "string", description: "The reject reason, as in the payload" },
      },
    },
  );

  return {
    asyncapi: "3.0.0",
    info: {
      title: "MASH hub: Kafka topics",
      version,
      description:
        "The topics agencies publish to and the topics the hub publishes. Every agency message " +
        "is one JSON event in the envelope below, keyed by subject.sourcePersonId; " +
        "(source, eventId) is the idempotency key. A deployment may prefix every topic name " +
        "(KAFKA_TOPIC_PREFIX). See docs/integrating.md.",
    },
    defaultContentType: "application/json",
    servers: {
      kafka: {
        host: "localhost:9092",
        protocol: "kafka",
        description: "The partnership's Kafka cluster (KAFKA_BROKERS); this is a placeholder.",
      },
    },
    channels,
    operations,
    components: {
      schemas: { Envelope: envelopeJsonSchema("draft-7") },
      messages,
    },
  };
}
