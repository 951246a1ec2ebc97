// The unified child view's service: the pulled agencies' clients (CP-IS, education) and, per
// request, a reader with its own DataLoaders (child-view-reader.ts). Pulled agencies are asked
// on demand; a slow or failing agency leaves its section stale and says so in `sources`.
import type { Config } from "#config/index.ts";
import type { Db } from "#db/client.ts";
import type { Logger } from "#logging/logger.ts";
import { cpis as cpisAdapter } from "#connectors/cpis/index.ts";
import { education as educationAdapter } from "#connectors/education/index.ts";
import { createChildViewReader, type ChildViewReader } from "./child-view-reader.ts";
import { createChildLoaders, type ChildLoaders, type LoaderOptions } from "./loaders.ts";
import { pullSources, type PullRequest } from "./pull-sources.ts";

export interface ChildViewDeps {
  config: Config;
  db: Db;
  logger: Logger;
}

export function createChildViewService(deps: ChildViewDeps) {
  const { db, logger, config } = deps;
  const c = config.connectors;
  const cpis = c.cpis.url
    ? cpisAdapter.pull.createClient({ baseUrl: c.cpis.url, timeoutMs: c.cpis.timeoutMs })
    : undefined;
  const education = c.education.url
    ? educationAdapter.pull.createClient({
        baseUrl: c.education.url,
        timeoutMs: c.education.timeoutMs,
      })
    : undefined;

  function createLoaders(options: Partial<LoaderOptions> = {}): ChildLoaders {
    const onQuery = options.onQuery;
    return createChildLoaders(
      db,
      (personIds, identifiers) => {
        const requests: PullRequest[] = personIds.map((personId) => {
          const ids = identifiers.get(personId) ?? [];
          return {
            personId,
            nhsNumber: ids.find((i) => i.kind === "NHS_NUMBER" && !i.agency)?.value,
            upn: ids.find((i) => i.kind === "UPN" && !i.agency)?.value,
          };
        });
        return pullSources(
          {
            db,
            logger,
            cpis,
            education,
            freshnessMs: c.freshnessMs,
            ...(onQuery ? { onQuery } : {}),
          },
          requests,
        );
      },
      {
        batch: options.batch ?? true,
        pullsConfigured: cpis !== undefined || education !== undefined,
        ...(onQuery ? { onQuery } : {}),
      },
    );
  }

  return {
    connectors: { cpis, education },
    /** The child view for one request, with its own DataLoaders. */
    forRequest: (options: Partial<LoaderOptions> = {}): ChildViewReader =>
      createChildViewReader(createLoaders(options)),
  };
}

export type ChildViewService = ReturnType<typeof createChildViewService>;
