// Query._entities (the Federation 2 entity fetch) and the _Entity union. Thin: each representation
// becomes the entity its key names, loaded as child(id:) and Alert.notification load it, or null
// when the hub holds none. Only the key is read from a representation: nothing else a router
// sends is trusted. The entity door (access/entity-door.ts) then decides, per entity, whether the
// caller may open it, and the access policy decides every field under it.
import type { IResolvers } from "@graphql-tools/utils";
import type { RequestContext } from "./context.ts";
import { badInput } from "#errors/domain-error.ts";
import { normaliseNhsNumber } from "#identity/children-by-nhs-number.ts";

/** More than a router batches for one query; bounds the work one request can ask for. */
export const MAX_REPRESENTATIONS = 500;

type Key =
  | { type: "Child"; id: string }
  | { type: "Child"; nhsNumber: string }
  | { type: "Notification"; id: string };

/** The key a representation names, or an error naming its bad field. */
function keyOf(representation: unknown, index: number): Key | Error {
  const at = `representations[${index}]`;
  if (representation === null || typeof representation !== "object") {
    return badInput(`${at} must be an object`, { field: at });
  }
  const r = representation as Record<string, unknown>;
  const type = r["__typename"];
  const id = r["id"];
  const nhsNumber = r["nhsNumber"];
  if (type !== "Child" && type !== "Notification") {
    return badInput(`${at}.__typename must be Child or Notification`, {
      field: `${at}.__typename`,
    });
  }
  if (id !== undefined && id !== null && typeof id !== "string") {
    return badInput(`${at}.id must be a string`, { field: `${at}.id` });
  }
  if (type === "Notification") {
    return typeof id === "string"
      ? { type, id }
      : badInput(`${at} needs the key id`, { field: `${at}.id` });
  }
  if (typeof id === "string") return { type, id };
  if (typeof nhsNumber === "string") return { type, nhsNumber: normaliseNhsNumber(nhsNumber) };
  return badInput(`${at} needs the key id or nhsNumber`, { field: at });
}

async function loadEntities(
  representations: readonly unknown[],
  ctx: RequestContext,
): Promise<unknown[]> {
  if (representations.length > MAX_REPRESENTATIONS) {
    throw badInput(`representations: at most ${MAX_REPRESENTATIONS} in one request`, {
      field: "representations",
    });
  }
  const keys = representations.map(keyOf);
  const numbers = keys.flatMap((k) =>
    !(k instanceof Error) && "nhsNumber" in k ? k.nhsNumber : [],
  );
  const byNhsNumber =
    numbers.length > 0
      ? await ctx.services.identity.childIdsByNhsNumber(numbers)
      : new Map<string, string>();
  return Promise.all(
    keys.map(async (key) => {
      if (key instanceof Error) return key;
      if (key.type === "Notification") {
        // through the request's DataLoader: every notification asked for in one query
        const n = isUuid(key.id) ? await ctx.notifications.byId(key.id) : null;
        return n ? { ...n, __typename: "Notification" } : null;
      }
      const id = "id" in key ? key.id : byNhsNumber.get(key.nhsNumber);
      const child = id === undefined ? null : await ctx.childView.child(id);
      return child ? { ...child, __typename: "Child" } : null;
    }),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (id: string) => UUID.test(id);

export const entityResolvers: IResolvers<unknown, RequestContext> = {
  Query: {
    _entities: (_p, args: { representations: unknown[] }, ctx: RequestContext) =>
      loadEntities(args.representations, ctx),
  },
  _Entity: {
    __resolveType: (entity: { __typename?: string }) => entity.__typename ?? null,
  },
};
