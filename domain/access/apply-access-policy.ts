// Applies the one policy (decide.ts) to every field of the schema. Each field's resolver, the
// default one included, is wrapped in the same steps, which `guardResolve` reads top to bottom:
//   1. the caller     the request's access state (none: UNAUTHENTICATED); then, per record,
//                     an OF_RECORD field's category and whether the caller made the record;
//   2. the subject    which children the field is about (field-subject.ts);
//   3. the facts      their consent and relationship, as they stand for this request;
//   4. opening        a child the caller may not open is FORBIDDEN, before anything is loaded;
//   5. the decision   decide() for each child the field is about; deny wins, and is the default;
//   6. the record     disclosed or withheld, on each of those children's access log;
//   7. resolving      only when allowed; otherwise null with one WITHHELD error at the field;
//   8. the result     a Child returned must be one the caller may open; objects returned under
//                     a child are tagged as being about it, for the fields below them.
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import {
  defaultFieldResolver,
  getNamedType,
  isCompositeType,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from "graphql";
import { isEarlyHelpRole, type Role } from "#auth/viewer.ts";
import { unauthenticated } from "#errors/domain-error.ts";
import type { AccessRecorder } from "./access-recorder.ts";
import { needsConsent, type AccessCategory } from "./categories.ts";
import {
  decide,
  mayOpenChild,
  type ChildFacts,
  type Decision,
  type DecisionInput,
} from "./decide.ts";
import { fieldCategory } from "./field-category.ts";
import { subjectOf, type FieldSubject } from "./field-subject.ts";
import { childForbidden, withheldError } from "./refusals.ts";
import { isChildId, type FactsNeeded, type RequestAccess } from "./request-access.ts";
import { effectiveCategory, madeByCaller } from "./record-facts.ts";

/** What the wrapper needs from the request context (resolvers/context.ts has both). */
export interface AccessContext {
  access: RequestAccess | null;
  recorder: AccessRecorder;
}

type Resolver = GraphQLFieldResolver<unknown, AccessContext, Record<string, unknown>>;

/** What the policy knows about one field of the schema, worked out once at start-up. */
interface FieldPolicy {
  typeName: string;
  fieldName: string;
  /** Type.field, as the audit records it. */
  path: string;
  category: AccessCategory | undefined;
  isRoot: boolean;
  returnsChild: boolean;
  returnsObject: boolean;
  /** Per record: the caller made it (a referral or step-up request they sent). */
  madeByCaller?: boolean;
}

/** Facts for an object that claims to be about a child but has no valid id: nothing is known. */
const UNKNOWN_CHILD: ChildFacts = { related: false, consent: () => ({ kind: "NONE" }) };

export function applyAccessPolicy(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) =>
      t ? [t.name] : [],
    ),
  );
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const named = getNamedType(field.type);
      const policy: FieldPolicy = {
        typeName,
        fieldName,
        path: `${typeName}.${fieldName}`,
        category: fieldCategory(schema, typeName, field),
        isRoot: roots.has(typeName),
        returnsChild: named.name === "Child",
        returnsObject: isCompositeType(named),
      };
      const guarded: GraphQLFieldConfig<unknown, AccessContext> = {
        ...field,
        resolve: guardResolve(policy, (field.resolve ?? defaultFieldResolver) as Resolver),
      };
      if (field.subscribe) guarded.subscribe = guardSubscribe(policy, field.subscribe as Resolver);
      return guarded;
    },
  });
}

/**
 * Synchronous wherever it can be: a field whose facts are loaded already and whose resolver
 * answers at once (most leaves of a child view) is decided and returned without a promise, so
 * graphql-js completes it without a microtask. A refusal is thrown either way; graphql-js makes
 * the same field error of a throw and of a rejection.
 */
function guardResolve(policy: FieldPolicy, resolve: Resolver): Resolver {
  return (source, args, ctx, info) => {
    const access = callerOf(ctx); // 1
    const field = forRecord(policy, source, access);
    const subject = subjectOf(field, source, args, access); // 2
    const loading = loadFacts(field, subject, access); // 3
    const step: GuardStep = { field, subject, access, resolve, source, args, ctx, info };
    // (module-level steps, no named closure per call: tsx names every closure it sees made)
    return loading ? loading.then(() => decideAndResolve(step)) : decideAndResolve(step);
  };
}

interface GuardStep {
  field: FieldPolicy;
  subject: FieldSubject;
  access: RequestAccess;
  resolve: Resolver;
  source: unknown;
  args: Record<string, unknown>;
  ctx: AccessContext;
  info: Parameters<Resolver>[3];
}

/** Steps 4 to 8, once the facts are loaded. */
function decideAndResolve(s: GuardStep): unknown {
  const { field, subject, access, ctx } = s;
  refuseUnopenable(field, subject, access, ctx.recorder); // 4
  const decisions = decideEach(field, subject, access); // 5
  recordDecisions(field, decisions, ctx.recorder); // 6
  const denial = firstDenial(decisions);
  if (denial) throw withheldError(field.category, denial.reason);
  const value = s.resolve(s.source, s.args, ctx, s.info); // 7
  return isPromise(value)
    ? value.then((v) => checkResult(field, subject, v, access, ctx.recorder))
    : checkResult(field, subject, value, access, ctx.recorder); // 8
}

const isPromise = (v: unknown): v is PromiseLike<unknown> =>
  typeof (v as PromiseLike<unknown> | null)?.then === "function";

/** A subscription is opened only if its root field is allowed; each delivery is decided anew. */
function guardSubscribe(field: FieldPolicy, subscribe: Resolver): Resolver {
  return (source, args, ctx, info) => {
    const access = callerOf(ctx);
    const decision = decide({ ...field, role: access.viewer.role, child: undefined });
    if (!decision.allow) throw withheldError(field.category, decision.reason);
    return subscribe(source, args, ctx, info);
  };
}

// 1. the caller
function callerOf(ctx: AccessContext): RequestAccess {
  if (!ctx.access) throw unauthenticated();
  return ctx.access;
}

/** 1. per record (version 2): an OF_RECORD field takes its record's category (record-facts.ts). */
function forRecord(policy: FieldPolicy, source: unknown, access: RequestAccess): FieldPolicy {
  const category = effectiveCategory(policy.category, source);
  const made = madeByCaller(source, access.viewer.sub);
  // the field's own policy where the record changes nothing (nearly always): no copy per field
  if (category === policy.category && !made) return policy;
  return { ...policy, category, madeByCaller: made };
}

// 3. the facts: consent for DETAIL fields, the relationship for early help roles (undefined:
// all loaded already)
function loadFacts(
  field: FieldPolicy,
  subject: FieldSubject,
  access: RequestAccess,
): Promise<unknown> | undefined {
  const needed = factsNeeded(field.category, access.viewer.role);
  const facts = needed ? access.load(subject.children, needed) : undefined;
  const opened =
    subject.opening === undefined
      ? undefined
      : access.load([subject.opening], {
          consent: false,
          relationship: isEarlyHelpRole(access.viewer.role),
        });
  return facts && opened ? Promise.all([facts, opened]) : (facts ?? opened);
}

function factsNeeded(category: AccessCategory | undefined, role: Role): FactsNeeded | undefined {
  if (category === undefined || category === "PUBLIC") return undefined;
  const consent = needsConsent(category);
  if (isEarlyHelpRole(role)) return consent ? CONSENT_AND_RELATIONSHIP : RELATIONSHIP;
  return consent ? CONSENT : NO_FACTS;
}

// factsNeeded's four answers, made once: it is asked for every field of a response
const NO_FACTS: FactsNeeded = { consent: false, relationship: false };
const CONSENT: FactsNeeded = { consent: true, relationship: false };
const RELATIONSHIP: FactsNeeded = { consent: false, relationship: true };
const CONSENT_AND_RELATIONSHIP: FactsNeeded = { consent: true, relationship: true };

// 4. opening
function refuseUnopenable(
  field: FieldPolicy,
  subject: FieldSubject,
  access: RequestAccess,
  recorder: AccessRecorder,
): void {
  const role = access.viewer.role;
  if (field.returnsChild && !mayOpenChild(role, () => true)) throw childForbidden();
  const id = subject.opening;
  if (id !== undefined && !mayOpenChild(role, () => access.facts(id).related)) {
    recorder.withheld(id, field.path);
    throw childForbidden();
  }
}

// 5. the decision, for each child the field is about (or for none)
interface ChildDecision {
  childId: string | undefined;
  decision: Decision;
}

function decideEach(
  field: FieldPolicy,
  subject: FieldSubject,
  access: RequestAccess,
): ChildDecision[] {
  const role = access.viewer.role;
  if (subject.children.length === 0) {
    const child = subject.unknownChild ? UNKNOWN_CHILD : undefined;
    return [{ childId: undefined, decision: decide(decisionInput(field, role, child)) }];
  }
  return subject.children.map((childId) => ({
    childId,
    decision: decide(decisionInput(field, role, access.facts(childId))),
  }));
}

/** decide()'s input, written out (a spread of the field's policy costs more, once per field). */
function decisionInput(
  field: FieldPolicy,
  role: Role,
  child: ChildFacts | undefined,
): DecisionInput {
  return {
    role,
    category: field.category,
    typeName: field.typeName,
    fieldName: field.fieldName,
    child,
    madeByCaller: field.madeByCaller,
  };
}

function firstDenial(
  decisions: readonly ChildDecision[],
): Extract<Decision, { allow: false }> | undefined {
  for (const { decision } of decisions) if (!decision.allow) return decision;
  return undefined;
}

// 6. the record: a field withheld for one of its children is withheld for all of them
function recordDecisions(
  field: FieldPolicy,
  decisions: readonly ChildDecision[],
  recorder: AccessRecorder,
): void {
  const allowed = decisions.every((d) => d.decision.allow);
  for (const { childId, decision } of decisions) {
    if (childId === undefined) continue;
    if (!allowed) recorder.withheld(childId, field.path);
    else if (decision.allow) {
      recorder.disclosed(childId, field.path, decision.legalBasis ? [decision.legalBasis] : []);
    }
  }
}

// 8. the result
function checkResult(
  field: FieldPolicy,
  subject: FieldSubject,
  value: unknown,
  access: RequestAccess,
  recorder: AccessRecorder,
): unknown {
  if (field.returnsChild) return openReturnedChild(field, value, access, recorder);
  const childId = subject.children[0];
  if (field.returnsObject && childId) tag(value, childId, access);
  return value;
}

/** A Child returned by a field must be one the caller may open; it is recorded as opened. */
async function openReturnedChild(
  field: FieldPolicy,
  value: unknown,
  access: RequestAccess,
  recorder: AccessRecorder,
): Promise<unknown> {
  if (value === null || value === undefined) return value;
  const id = (value as Record<string, unknown>)["id"];
  if (!isChildId(id)) throw childForbidden();
  if (!(await access.openable([id])).has(id)) {
    recorder.withheld(id, field.path);
    throw childForbidden();
  }
  recorder.disclosed(id, field.path);
  return value;
}

/** Marks objects returned under a child's field as being about that child. */
function tag(value: unknown, childId: string, access: RequestAccess): void {
  if (Array.isArray(value)) {
    for (const v of value) tag(v, childId, access);
  } else if (value !== null && typeof value === "object" && !access.childOf.has(value)) {
    access.childOf.set(value, childId);
  }
}
