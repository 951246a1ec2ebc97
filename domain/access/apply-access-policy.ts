// Applies the policy to every field of the schema: each resolver (the default one included) is
// wrapped so that it runs only when decide() allows it; otherwise the field is null with one
// WITHHELD error at its path. Every decision about a child is recorded for the audit.
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import {
  defaultFieldResolver,
  getNamedType,
  isCompositeType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from "graphql";
import { isEarlyHelpRole } from "#auth/viewer.ts";
import { DomainError, forbidden, unauthenticated } from "#errors/domain-error.ts";
import { isDetail, type AccessCategory } from "./categories.ts";
import { decide, mayOpenChild, withheldMessage, type ChildFacts } from "./decide.ts";
import { fieldCategory } from "./field-category.ts";
import { isChildId, requestAccess, type RequestAccess } from "./request-access.ts";

type Resolver = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>;

/** Facts for an object that claims to be a child but has no valid id: nothing is known. */
const UNKNOWN_CHILD: ChildFacts = { related: false, consent: () => ({ kind: "NONE" }) };
const UNKNOWN = Symbol("unknown child");

export function withheldError(category: AccessCategory | undefined, reason: string): DomainError {
  const shown = category ?? "UNCATEGORISED";
  return new DomainError(
    "WITHHELD",
    withheldMessage(shown, reason as Parameters<typeof withheldMessage>[1]),
    { category: shown, reason },
  );
}

export const childForbidden = () => forbidden("You may not open this child's record");

export function applyAccessPolicy(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter((t) => t !== null && t !== undefined)
      .map((t) => t.name),
  );
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const category = fieldCategory(schema, typeName, field);
      const path = `${typeName}.${fieldName}`;
      const isRoot = roots.has(typeName);
      const named = getNamedType(field.type);
      const returnsChild = named.name === "Child";
      const returnsObject = isCompositeType(named);
      const detail = category !== undefined && isDetail(category);
      const inner = (field.resolve ?? defaultFieldResolver) as Resolver;

      const proceed = (
        state: RequestAccess,
        childId: string | typeof UNKNOWN | undefined,
        openId: string | undefined,
        args: Parameters<Resolver>,
      ): unknown => {
        const role = state.viewer.role;
        if (returnsChild && !mayOpenChild(role, () => true)) throw childForbidden();
        if (openId !== undefined && !mayOpenChild(role, () => state.facts(openId).related)) {
          state.recorder.withheld(openId, path);
          throw childForbidden();
        }
        const facts =
          childId === UNKNOWN ? UNKNOWN_CHILD : childId ? state.facts(childId) : undefined;
        const decision = decide({ role, category, typeName, fieldName, child: facts });
        const known = typeof childId === "string" ? childId : undefined;
        if (!decision.allow) {
          if (known) state.recorder.withheld(known, path);
          throw withheldError(category, decision.reason);
        }
        if (known) state.recorder.disclosed(known, path, decision.legalBasis);
        const result = inner(...args);
        if (returnsChild) return then(result, (child) => checkChild(state, path, child));
        if (known && returnsObject) return then(result, (v) => tag(state, v, known));
        return result;
      };

      const resolve: Resolver = (source, args, ctx, info) => {
        const state = requestAccess(ctx as never);
        if (!state) throw unauthenticated();
        const childId = isRoot ? undefined : childContext(source, typeName, state);
        const role = state.viewer.role;
        const known = typeof childId === "string" ? childId : undefined;
        // Query.child(id): decide whether the child may be opened before loading anything.
        const openId = returnsChild && isRoot && isChildId(args["id"]) ? args["id"] : undefined;
        const eh = isEarlyHelpRole(role);
        const waits = [
          known !== undefined && category !== "PUBLIC"
            ? state.ensure(known, detail, eh)
            : undefined,
          openId !== undefined && eh ? state.ensure(openId, false, true) : undefined,
        ].filter((w) => w !== undefined);
        const call = [source, args, ctx, info] as Parameters<typeof proceed>[3];
        if (waits.length === 0) return proceed(state, childId, openId, call);
        return Promise.all(waits).then(() => proceed(state, childId, openId, call));
      };

      const subscribe = field.subscribe as Resolver | undefined;
      return {
        ...field,
        resolve,
        ...(subscribe
          ? {
              subscribe: ((source, args, ctx, info) => {
                const state = requestAccess(ctx as never);
                if (!state) throw unauthenticated();
                const decision = decide({
                  role: state.viewer.role,
                  category,
                  typeName,
                  fieldName,
                  child: undefined,
                });
                if (!decision.allow) throw withheldError(category, decision.reason);
                return subscribe(source, args, ctx, info);
              }) as Resolver,
            }
          : {}),
      };
    },
  });
}

/** The child a field is about: the Child itself, an object's childId, or its parent's child. */
function childContext(
  source: unknown,
  typeName: string,
  state: RequestAccess,
): string | typeof UNKNOWN | undefined {
  if (source === null || typeof source !== "object") return undefined;
  const s = source as Record<string, unknown>;
  if (typeName === "Child") return isChildId(s["id"]) ? s["id"] : UNKNOWN;
  const own = s["childId"];
  if (own !== undefined && own !== null) return isChildId(own) ? own : UNKNOWN;
  return state.childOf.get(source);
}

/** After a field that returns a Child: may the caller open that child? */
function checkChild(state: RequestAccess, path: string, child: unknown): unknown {
  if (child === null || child === undefined) return child;
  const id = (child as Record<string, unknown>)["id"];
  if (!isChildId(id)) throw childForbidden();
  const check = () => {
    if (!mayOpenChild(state.viewer.role, () => state.facts(id).related)) {
      state.recorder.withheld(id, path);
      throw childForbidden();
    }
    state.recorder.disclosed(id, path, undefined);
    return child;
  };
  const wait = isEarlyHelpRole(state.viewer.role) ? state.ensure(id, false, true) : undefined;
  return wait ? wait.then(check) : check();
}

/** Marks objects returned under a child's field as being about that child. */
function tag(state: RequestAccess, value: unknown, childId: string): unknown {
  if (Array.isArray(value)) {
    for (const v of value) tag(state, v, childId);
  } else if (value !== null && typeof value === "object" && !state.childOf.has(value)) {
    state.childOf.set(value, childId);
  }
  return value;
}

function then(value: unknown, fn: (v: unknown) => unknown): unknown {
  if (value !== null && typeof value === "object" && "then" in value) {
    return (value as Promise<unknown>).then(fn);
  }
  return fn(value);
}
