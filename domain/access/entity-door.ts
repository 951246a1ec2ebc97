// The entity door: Query._entities (how a router or gateway reaches a child from another
// subgraph) opens a child exactly as child(id:) does. Each entity is a child, or a notification
// about one; the caller gets it only if it may open that child (mayOpenChild, the rule child(id:)
// applies). Anything else - a child the caller may not open, an id or NHS number the hub does not
// know - is null with the same FORBIDDEN error, so that a key cannot be used to test whether a
// child is known. Every opening and every refusal about a known child is recorded for the audit.
// Applied over the access policy (server/schema.ts), which still decides every field below.
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { unauthenticated } from "#errors/domain-error.ts";
import type { AccessRecorder } from "./access-recorder.ts";
import type { AccessContext } from "./apply-access-policy.ts";
import { mayOpenChild } from "./decide.ts";
import { childForbidden } from "./refusals.ts";
import { isChildId, type RequestAccess } from "./request-access.ts";

type Resolver = GraphQLFieldResolver<unknown, AccessContext, Record<string, unknown>>;

/** The audit path of an opening through the door. */
export const ENTITY_DOOR_PATH = "Query._entities";

export function guardEntityDoor(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType()?.name;
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      if (typeName !== query || fieldName !== "_entities") return field;
      const inner = (field.resolve ?? defaultFieldResolver) as Resolver;
      const resolve: Resolver = async (source, args, ctx, info) => {
        const access = ctx.access;
        if (!access) throw unauthenticated();
        // A role that may open no child (an agency system) is refused before anything is looked up.
        if (!mayOpenChild(access.viewer.role, () => true)) {
          const count = Array.isArray(args["representations"]) ? args["representations"].length : 0;
          return Array.from({ length: count }, () => childForbidden());
        }
        const entities: unknown = await inner(source, args, ctx, info);
        if (!Array.isArray(entities)) return entities;
        // One settled answer per entity: a refusal is that entity's error, not the whole list's.
        return entities.map((entity) => open(access, ctx.recorder, entity));
      };
      return { ...field, resolve };
    },
  });
}

/** The entity if the caller may open the child it is about; otherwise FORBIDDEN. */
async function open(
  access: RequestAccess,
  recorder: AccessRecorder,
  entity: unknown,
): Promise<unknown> {
  if (entity instanceof Error) throw entity;
  const childId = aboutChild(entity);
  if (childId === undefined) throw childForbidden();
  if (!(await access.openable([childId])).has(childId)) {
    recorder.withheld(childId, ENTITY_DOOR_PATH);
    throw childForbidden();
  }
  recorder.disclosed(childId, ENTITY_DOOR_PATH);
  return entity;
}

/** The child an entity is about: a Child's own id, or a notification's childId. */
function aboutChild(entity: unknown): string | undefined {
  if (entity === null || typeof entity !== "object") return undefined;
  const e = entity as Record<string, unknown>;
  const id = e["__typename"] === "Child" ? e["id"] : e["childId"];
  return isChildId(id) ? id : undefined;
}
