import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function toDate(value: unknown): Date {
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) throw new GraphQLError("Invalid date value");
  return d;
}

/** YYYY-MM-DD. Stored as a UTC midnight Date. */
export const DateScalar = new GraphQLScalarType({
  name: "Date",
  serialize: (value) => toDate(value).toISOString().slice(0, 10),
  parseValue: (value) => {
    if (typeof value !== "string" || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
      throw new GraphQLError("Date must be YYYY-MM-DD", { extensions: { code: "BAD_USER_INPUT" } });
    }
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !DATE.test(ast.value) || Number.isNaN(Date.parse(ast.value))) {
      throw new GraphQLError("Date must be YYYY-MM-DD", { extensions: { code: "BAD_USER_INPUT" } });
    }
    return ast.value;
  },
});

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 with offset; always serialised in UTC (Z). */
export const DateTimeScalar = new GraphQLScalarType({
  name: "DateTime",
  serialize: (value) => toDate(value).toISOString(),
  parseValue: (value) => {
    if (typeof value !== "string" || !DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
      throw new GraphQLError("DateTime must be ISO 8601 with an offset", {
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
    return new Date(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !DATETIME.test(ast.value)) {
      throw new GraphQLError("DateTime must be ISO 8601 with an offset", {
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
    return new Date(ast.value);
  },
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
