// Apollo plugin: a Date or DateTime literal that is not a real date is refused at validation
// with the scalar's reason; this names the argument it was given for ("input.expiresAt"), which
// graphql-js does not (for a variable it already says "at input.expiresAt").
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, visit, type ASTNode, type DocumentNode } from "graphql";
import { ScalarInputError } from "#resolvers/scalars.ts";

export function argumentErrorsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async validationDidStart({ document }) {
          return async (errors) => {
            if (!errors) return;
            // Apollo maps this same array into its response after the hook: replace in place
            const list = errors as Error[];
            list.forEach((error, i) => {
              if (!(error instanceof ScalarInputError)) return;
              const node = error.nodes?.[0];
              if (!node) return;
              const path = argumentPath(document, node);
              if (!path) return;
              list[i] = new GraphQLError(`Argument "${path}": ${error.message}`, {
                nodes: error.nodes,
                extensions: { ...error.extensions, argument: path },
              });
            });
          };
        },
      };
    },
  };
}

/** The argument, and the input fields inside it, that lead to `target`: "input.expiresAt". */
export function argumentPath(document: DocumentNode, target: ASTNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    enter(node, _key, parent, _path, ancestors) {
      if (found !== undefined) return false;
      if (node !== target) return undefined;
      const names: string[] = [];
      // `ancestors` stops short of the parent
      for (const a of [...ancestors, parent, node]) {
        if (!a) continue;
        if (Array.isArray(a)) continue;
        const n = a as ASTNode;
        if (n.kind === "Argument" || n.kind === "ObjectField") names.push(n.name.value);
      }
      found = names.length > 0 ? names.join(".") : undefined;
      return false;
    },
  });
  return found;
}
