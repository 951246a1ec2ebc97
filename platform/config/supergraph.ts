// Settings of `npm run supergraph` (tools/scripts/supergraph.ts), read from the environment here
// like every other setting. Documented in docs/federation.md, the README and .env.example.
import { z } from "zod";

const supergraphSchema = z.object({
  SUPERGRAPH_TOKEN: z.string().trim().min(1, "must not be empty when set").optional(),
});

export interface SupergraphConfig {
  /** Bearer token sent when asking subgraphs for `_service { sdl }` (any role of the hub's). */
  token: string | undefined;
}

export function loadSupergraphConfig(
  source: Record<string, string | undefined> = process.env,
): SupergraphConfig {
  const parsed = supergraphSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: SUPERGRAPH_TOKEN ${issue?.message ?? "is invalid"}`);
  }
  return { token: parsed.data.SUPERGRAPH_TOKEN };
}
