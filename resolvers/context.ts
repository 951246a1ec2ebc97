import { randomUUID } from "node:crypto";
import type { Viewer } from "#auth/viewer.ts";
import type { Services } from "#domain/services.ts";
import type { ChildLoaders } from "#child-view/loaders.ts";

/** Everything a resolver may use, built once per request (HTTP) or per operation (WebSocket). */
export interface RequestContext {
  requestId: string;
  /** null only for the unauthenticated `{ __typename }` ping. */
  viewer: Viewer | null;
  /** Free text from the X-Access-Purpose header, recorded in the audit. */
  purpose: string | undefined;
  services: Services;
  /** Per-request DataLoaders for the child view (no N+1 however many children are asked). */
  loaders: ChildLoaders;
}

/** The one place a request context is made. */
export function buildContext(
  services: Services,
  viewer: Viewer | null,
  purpose: string | undefined,
): RequestContext {
  return {
    requestId: randomUUID(),
    viewer,
    purpose: purpose?.slice(0, 500),
    services,
    loaders: services.childView.createLoaders(),
  };
}
