// The per-request context: everything a resolver and the access policy use, built in one place.
// An HTTP request gets one; a WebSocket operation gets one, and each delivery of a subscription
// event gets a fresh one (contextForDelivery), so the access facts, the clock and the loaders
// are read when the event is delivered, never carried over from an earlier one.
import { randomUUID } from "node:crypto";
import type { Viewer } from "#auth/viewer.ts";
import type { Services } from "#domain/services.ts";
import { AccessRecorder } from "#access/access-recorder.ts";
import { createRequestAccess, type RequestAccess } from "#access/request-access.ts";
import type { ChildViewReader } from "#child-view/child-view-reader.ts";
import type { LoaderOptions } from "#child-view/loaders.ts";
import type { NotificationReader } from "#notifications/service.ts";
import { unauthenticated } from "#errors/domain-error.ts";
import type { ContactLoaders } from "#front-door/contact-loaders.ts";

export interface RequestContext {
  requestId: string;
  /** null only for the unauthenticated `{ __typename }` ping. */
  viewer: Viewer | null;
  /** Free text from the X-Access-Purpose header, recorded in the audit. */
  purpose: string | undefined;
  services: Services;
  /** The caller, the clock and the consent and relationship facts the policy decides with. */
  access: RequestAccess | null;
  /** What this response disclosed and withheld, per child, and its searches: the audit's input. */
  recorder: AccessRecorder;
  /** The unified child view through this request's DataLoaders. */
  childView: ChildViewReader;
  /** Notifications by id through this request's DataLoader. */
  notifications: NotificationReader;
  /** The front door's parts of a notification through this request's DataLoaders. */
  frontDoor: ContactLoaders;
}

export interface ContextOptions {
  /** The child view's loader settings (the bench turns batching off). */
  loaders?: Partial<LoaderOptions>;
}

/** The one place a request context is made. */
export function buildContext(
  services: Services,
  viewer: Viewer | null,
  purpose: string | undefined,
  options: ContextOptions = {},
): RequestContext {
  return new Context(services, viewer, purpose, options);
}

/**
 * The readers are made when a resolver first asks for one (a request opening a child never
 * touches the front door's loaders, a workflow request never the child view's). They are getters
 * on the prototype: Apollo Server copies the context's own properties into a fresh object of
 * the same prototype for each operation, which would call getters of the object itself.
 */
class Context implements RequestContext {
  readonly requestId = randomUUID();
  readonly purpose: string | undefined;
  readonly access: RequestAccess | null;
  readonly recorder = new AccessRecorder();
  private readers: Partial<Pick<RequestContext, "childView" | "notifications" | "frontDoor">> = {};

  constructor(
    readonly services: Services,
    readonly viewer: Viewer | null,
    purpose: string | undefined,
    private readonly options: ContextOptions,
  ) {
    this.purpose = purpose?.slice(0, 500);
    this.access = viewer ? createRequestAccess(services.db, viewer, new Date()) : null;
  }

  get childView(): ChildViewReader {
    return (this.readers.childView ??= this.services.childView.forRequest(this.options.loaders));
  }
  get notifications(): NotificationReader {
    return (this.readers.notifications ??= this.services.notifications.forRequest());
  }
  get frontDoor(): ContactLoaders {
    return (this.readers.frontDoor ??= this.services.frontDoor.createLoaders());
  }
}

/** A fresh context for one delivery of a subscription event: same caller, facts read now. */
export function contextForDelivery(operation: RequestContext): RequestContext {
  return buildContext(operation.services, operation.viewer, operation.purpose);
}

/** The caller's access state; the policy has already refused a request without one. */
export function requireAccess(ctx: RequestContext): RequestAccess {
  if (!ctx.access) throw unauthenticated();
  return ctx.access;
}
