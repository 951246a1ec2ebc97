// POST /graphql with a JSON body — the hub's hot door — answered on node:http, before express:
// the body read within the size limit, the caller authenticated (401 before anything executes),
// then Apollo's HTTP handler with the request's context. Express's router, body parser and
// response helpers cost the child view about a tenth of its CPU (decision 70); nothing else
// about the answer changes. Every other request (GET /graphql, other content types, every other
// route) still goes through express.
import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import { parse, type DocumentNode } from "graphql";
import type { Logger } from "#logging/logger.ts";
import type { Viewer } from "#auth/viewer.ts";
import type { Services } from "#domain/services.ts";
import { buildContext, type RequestContext } from "#resolvers/context.ts";
import { setSecurityHeaders } from "./http-security.ts";
import { sendDomainError, sendGraphQLError } from "./http-errors.ts";

export interface GraphQLDoorOptions {
  apollo: ApolloServer<RequestContext>;
  services: Services;
  maxRequestBytes: number;
  production: boolean;
  log: Logger;
}

/** The requests this door answers: POST /graphql (a query string allowed) with a UTF-8 JSON body. */
export function isGraphQLPost(req: IncomingMessage): boolean {
  if (req.method !== "POST") return false;
  if (splitUrl(req.url).path !== "/graphql") return false;
  const type = req.headers["content-type"];
  if (!type) return false;
  const [media, ...params] = type.split(";").map((p) => p.trim().toLowerCase());
  if (media !== "application/json") return false;
  return params.every((p) => !p.startsWith("charset=") || /^charset="?utf-?8"?$/.test(p));
}

export function graphqlDoor(options: GraphQLDoorOptions) {
  const { apollo, services, maxRequestBytes, production, log } = options;
  return (req: IncomingMessage, res: ServerResponse): void => {
    setSecurityHeaders(res, production);
    answer(req, res).catch((err: unknown) => {
      log.error({ err }, "graphql request failed");
      if (!res.headersSent) {
        sendGraphQLError(res, 500, "Internal server error", "INTERNAL_SERVER_ERROR");
      } else res.destroy();
    });
  };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const read = await readBody(req, maxRequestBytes);
    if (read.kind === "too-large") {
      res.setHeader("Connection", "close");
      return sendGraphQLError(
        res,
        413,
        `The request is larger than the limit of ${maxRequestBytes} bytes`,
        "BAD_REQUEST",
      );
    }
    const body = parseBody(read.bytes);
    if (body === undefined) {
      return sendGraphQLError(res, 400, "The request body is not a JSON object", "BAD_REQUEST");
    }
    let viewer: Viewer | null;
    try {
      viewer = await authenticate(services, req, body);
    } catch (error) {
      if (sendDomainError(res, error)) return;
      throw error;
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: "POST",
        headers: headerMap(req),
        search: splitUrl(req.url).search,
        body,
      },
      context: () => Promise.resolve(contextFor(services, viewer, req)),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      res.setHeader("Content-Length", Buffer.byteLength(result.body.string));
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

type Read = { kind: "ok"; bytes: Buffer } | { kind: "too-large" };

/** The body, or "too-large" as soon as it passes the limit (by its Content-Length, or as read). */
function readBody(req: IncomingMessage, limit: number): Promise<Read> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve({ kind: "too-large" });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) resolve({ kind: "ok", bytes: Buffer.concat(chunks, size) });
    });
    req.on("error", reject);
  });
}

/** A JSON object (or, for Apollo to refuse as a batch, an array); an empty body is `{}`. */
function parseBody(bytes: Buffer): object | undefined {
  const text = bytes.toString("utf8");
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" ? value : undefined;
  } catch {
    return undefined;
  }
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/**
 * The caller, before anything executes: no token, no data (a DomainError, HTTP 401). `{ __typename }`
 * alone is answered without one. Both ways to /graphql (this door and express) ask it.
 */
export function authenticate(
  services: Services,
  req: IncomingMessage,
  body: unknown,
): Promise<Viewer | null> {
  return isTypenamePing(body)
    ? Promise.resolve(null)
    : services.verifyToken(req.headers.authorization);
}

/** The request's context: the caller and the purpose they gave (X-Access-Purpose). */
export function contextFor(
  services: Services,
  viewer: Viewer | null,
  req: IncomingMessage,
): RequestContext {
  const purpose = req.headers["x-access-purpose"];
  return buildContext(services, viewer, typeof purpose === "string" ? purpose : undefined);
}

function splitUrl(url = ""): { path: string; search: string } {
  const q = url.indexOf("?");
  return q < 0 ? { path: url, search: "" } : { path: url.slice(0, q), search: url.slice(q) };
}

/** `{ __typename }` alone reveals nothing, so it is answered without a token (a liveness ping). */
function isTypenamePing(body: unknown): boolean {
  if (!body || typeof body !== "object") return false;
  const query = (body as { query?: unknown }).query;
  if (typeof query !== "string" || query.length > 200) return false;
  let doc: DocumentNode;
  try {
    doc = parse(query);
  } catch {
    return false;
  }
  return doc.definitions.every(
    (d) =>
      d.kind === "OperationDefinition" &&
      d.operation === "query" &&
      d.selectionSet.selections.every((s) => s.kind === "Field" && s.name.value === "__typename"),
  );
}
