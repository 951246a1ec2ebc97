// Checks on a parsed JSON value that must come before anything recursive touches it: nesting
// (JSON.parse reads 50,000 levels; JSON.stringify, zod and our canonical hash would overflow the
// stack) and text PostgreSQL cannot hold (a NUL character; a lone UTF-16 surrogate, which is
// not Unicode). Iterative, with an explicit stack. Pure.
import type { ValidationIssue } from "./validate-event.ts";

/** Deeper than any event of the contract needs (the deepest is about 5). */
export const MAX_EVENT_DEPTH = 32;
const MAX_TEXT_ISSUES = 20;

export interface JsonShape {
  tooDeep: boolean;
  textIssues: ValidationIssue[];
}

export function inspectJson(value: unknown, maxDepth = MAX_EVENT_DEPTH): JsonShape {
  const textIssues: ValidationIssue[] = [];
  const stack: Array<{ v: unknown; path: PropertyKey[] }> = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === "string") {
      const problem = badText(v);
      if (problem && textIssues.length < MAX_TEXT_ISSUES) {
        textIssues.push({ path: jsonPath(path), message: problem });
      }
      continue;
    }
    if (!v || typeof v !== "object") continue;
    if (path.length >= maxDepth) return { tooDeep: true, textIssues };
    const entries: Array<[PropertyKey, unknown]> = Array.isArray(v)
      ? v.map((item, i) => [i, item])
      : Object.entries(v as Record<string, unknown>);
    for (const [key, item] of entries) {
      if (typeof key === "string") {
        const problem = badText(key);
        if (problem && textIssues.length < MAX_TEXT_ISSUES) {
          textIssues.push({ path: jsonPath([...path, key]), message: `its name ${problem}` });
        }
      }
      stack.push({ v: item, path: [...path, key] });
    }
  }
  textIssues.sort((a, b) => a.path.localeCompare(b.path));
  return { tooDeep: false, textIssues };
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badText(text: string): string | undefined {
  if (NUL.test(text)) return "contains a NUL character (U+0000), which is not allowed in text";
  if (LONE_SURROGATE.test(text)) {
    return "contains a lone surrogate (\\uD800-\\uDFFF without its pair), which is not Unicode";
  }
  return undefined;
}

/** Text safe to store and echo: control characters and lone surrogates written as \uXXXX. */
export function safeText(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what is escaped
    /[\u0000-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
}

/** "payload.otherPersons[1].role"; "$" for the whole message. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? safeText(String(key)) : `.${safeText(String(key))}`;
  }
  return out === "" ? "$" : out;
}

/**
 * JSON for keeping a rejected value that arrived parsed (GraphQL, a batch element): levels
 * below `maxDepth` are replaced by a marker, so that writing it never overflows the stack.
 */
export function boundedJson(value: unknown, maxDepth = MAX_EVENT_DEPTH): string {
  const write = (v: unknown, depth: number): string => {
    if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
    if (depth >= maxDepth) return JSON.stringify(`[nested deeper than ${maxDepth} levels]`);
    if (Array.isArray(v)) return `[${v.map((x) => write(x, depth + 1)).join(",")}]`;
    const parts = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}:${write(x, depth + 1)}`);
    return `{${parts.join(",")}}`;
  };
  return write(value, 0);
}
