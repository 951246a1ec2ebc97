import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { calendarProblem, dateTimeProblem } from "./date-values.ts";

/**
 * A Date or DateTime value that is not a real date or time. Thrown as a GraphQLError carrying
 * the literal's node, so that the validation plugin (server/plugins/argument-errors.ts) can
 * name the argument it was given for.
 */
export class ScalarInputError extends GraphQLError {
  constructor(message: string, node?: ValueNode) {
    super(message, { ...(node ? { nodes: node } : {}), extensions: { code: "BAD_USER_INPUT" } });
    this.name = "ScalarInputError";
  }
}

function toDate(value: unknown): Date {
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) throw new GraphQLError("Invalid date value");
  return d;
}

const DATE_RULE = "Date must be a real calendar date written YYYY-MM-DD, e.g. 2019-03-02";
const DATETIME_RULE =
  "DateTime must be a real date and time in ISO 8601 with an offset, e.g. 2026-11-24T09:30:00Z";

function parseDate(value: unknown, node?: ValueNode): string {
  const problem = typeof value === "string" ? calendarProblem(value) : "it is not a string";
  if (problem) throw new ScalarInputError(`${DATE_RULE} (${problem})`, node);
  return value as string;
}

function parseDateTime(value: unknown, node?: ValueNode): Date {
  const problem = typeof value === "string" ? dateTimeProblem(value) : "it is not a string";
  if (problem) throw new ScalarInputError(`${DATETIME_RULE} (${problem})`, node);
  return new Date(value as string);
}

/** YYYY-MM-DD, a day that exists. Stored as a UTC midnight Date. */
export const DateScalar = new GraphQLScalarType({
  name: "Date",
  serialize: (value) => toDate(value).toISOString().slice(0, 10),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});

/** ISO 8601 with offset, a moment that exists; always serialised in UTC (Z). */
export const DateTimeScalar = new GraphQLScalarType({
  name: "DateTime",
  serialize: (value) => toDate(value).toISOString(),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});

function parseJsonLiteral(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, parseJsonLiteral(f.value)]));
    case Kind.LIST:
      return ast.values.map(parseJsonLiteral);
    case Kind.NULL:
      return null;
    default:
      throw new GraphQLError("Variables are not accepted inside a JSON literal");
  }
}

export const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: parseJsonLiteral,
});
