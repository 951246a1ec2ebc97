// The entity door: Query._entities (how a router or gateway reaches a child from another
// subgraph) opens a child exactly as child(id:) does. Each entity is a child, or a notification
// about one; the caller gets it only if it may open that child (mayOpenChild, the rule child(id:)
// applies). Anything else - a child the caller may not open, an id or NHS number the hub does not
// know - is null with the same FORBIDDEN error, so that a key cannot be used to test whether a
// child is known. Every opening and every refusal about a known child is recorded for the audit.
// Applied over the access policy (server/schema.ts), which still decides every field below.
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { isEarlyHelpRole } from "#auth/viewer.ts";
import { unauthenticated } from "#errors/domain-error.ts";
import { childForbidden } from "./apply-access-policy.ts";
import { mayOpenChild } from "./decide.ts";
import { isChildId, requestAccess, type RequestAccess } from "./request-access.ts";

type Resolver = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>;

/** The audit path of an opening through the door. */
export const ENTITY_DOOR_PATH = "Query._entities";

export function guardEntityDoor(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType()?.name;
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      if (typeName !== query || fieldName !== "_entities") return field;
      const inner = (field.resolve ?? defaultFieldResolver) as Resolver;
      const resolve: Resolver = async (source, args, ctx, info) => {
        const state = requestAccess(ctx as never);
        if (!state) throw unauthenticated();
        // A role that may open no child (an agency system) is refused before anything is looked up.
        if (!mayOpenChild(state.viewer.role, () => true)) {
          const count = Array.isArray(args["representations"]) ? args["representations"].length : 0;
          return Array.from({ length: count }, () => childForbidden());
        }
        const entities: unknown = await inner(source, args, ctx, info);
        if (!Array.isArray(entities)) return entities;
        // One settled answer per entity: a refusal is that entity's error, not the whole list's.
        return entities.map((entity) => open(state, entity));
      };
      return { ...field, resolve };
    },
  });
}

/** The entity if the caller may open the child it is about; otherwise FORBIDDEN. */
async function open(state: RequestAccess, entity: unknown): Promise<unknown> {
  if (entity instanceof Error) throw entity;
  const childId = aboutChild(entity);
  if (childId === undefined) throw childForbidden();
  const role = state.viewer.role;
  if (isEarlyHelpRole(role)) await state.ensure(childId, false, true);
  if (!mayOpenChild(role, () => state.facts(childId).related)) {
    state.recorder.withheld(childId, ENTITY_DOOR_PATH);
    throw childForbidden();
  }
  state.recorder.disclosed(childId, ENTITY_DOOR_PATH, undefined);
  return entity;
}

/** The child an entity is about: a Child's own id, or a notification's childId. */
function aboutChild(entity: unknown): string | undefined {
  if (entity === null || typeof entity !== "object") return undefined;
  const e = entity as Record<string, unknown>;
  const id = e["__typename"] === "Child" ? e["id"] : e["childId"];
  return isChildId(id) ? id : undefined;
}
