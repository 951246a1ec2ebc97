// How graphql-ws runs an operation: a query or mutation once, a subscription once per event.
// Each subscription event is executed with a fresh request context (contextForDelivery): the
// consent and relationship facts, the clock and the DataLoaders are read when the event is
// delivered, so a withdrawal, an expired override or an ended episode stops the very next
// delivery, and the audit names the basis standing at that moment. Every result is audited
// before it is sent (fail closed), exactly as an HTTP response is.
import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
} from "graphql";
import { auditDelivery } from "#audit/audit-plugin.ts";
import { toGraphQLError, unauthenticated } from "#errors/domain-error.ts";
import { contextForDelivery, type RequestContext } from "#resolvers/context.ts";
import type { Logger } from "#logging/logger.ts";

/** A query or mutation over WebSocket: executed, then audited. */
export async function executeAudited(args: ExecutionArgs, log: Logger): Promise<ExecutionResult> {
  const result = await execute(args);
  return auditDelivery(args.contextValue as RequestContext, result, log);
}

/** A subscription: the source stream, each event delivered with the facts as they are then. */
export async function subscribeDeliveringAfresh(
  args: ExecutionArgs,
  log: Logger,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const operation = args.contextValue as RequestContext;
  return mapEvents(stream, (event) => deliver({ ...args, rootValue: event }, operation, log));
}

async function deliver(
  args: ExecutionArgs,
  operation: RequestContext,
  log: Logger,
): Promise<ExecutionResult> {
  const context = contextForDelivery(operation);
  if (tokenExpired(context)) {
    return { errors: [toGraphQLError(unauthenticated("The token has expired"))] };
  }
  const result = await execute({ ...args, contextValue: context });
  return auditDelivery(context, result, log);
}

function tokenExpired(context: RequestContext): boolean {
  const expiresAt = context.viewer?.expiresAt;
  return expiresAt !== undefined && expiresAt.getTime() <= Date.now();
}

/** Maps each event of a source stream; returning or throwing ends the source too. */
function mapEvents<T, R>(
  source: AsyncIterable<T>,
  map: (event: T) => Promise<R>,
): AsyncIterableIterator<R> {
  const it = source[Symbol.asyncIterator]();
  const end = async (): Promise<IteratorResult<R>> => {
    await it.return?.();
    return { value: undefined, done: true };
  };
  const mapped: AsyncIterableIterator<R> = {
    async next() {
      const r = await it.next();
      if (r.done) return { value: undefined, done: true };
      try {
        return { value: await map(r.value), done: false };
      } catch (error) {
        await end();
        throw error;
      }
    },
    return: end,
    async throw(error: unknown) {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapped;
    },
  };
  return mapped;
}
