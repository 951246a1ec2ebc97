// The one argument parser of the command-line tools (seed, token, migrate, bench, audit:verify),
// on node:util parseArgs. Every tool answers --help, and refuses an unknown option, a missing
// value or a stray argument with one line on stderr (exit 64, EX_USAGE) instead of a stack trace.
// runCommand() also turns whatever a tool throws into one line: a bad configuration (one line per
// variable, exit 78), a UsageError (exit 64), anything else, e.g. an OperatorError ("<tool>:
// <message>", exit 1 unless the tool says otherwise).
import { parseArgs } from "node:util";
import { ConfigError } from "#config/index.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  /** One line for --help. */
  description: string;
  /** The value's placeholder in --help, e.g. "N". */
  value?: string;
  default?: string;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** The npm script, e.g. "seed". */
  name: string;
  /** What the tool does, one or two lines for --help. */
  summary: string;
  options: O;
  /** Lines after the options in --help (environment, examples). */
  notes?: string[];
  /** Exit code when the tool fails (default 1). */
  failureExitCode?: number;
}

export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]["type"] extends "boolean"
    ? boolean
    : O[K]["default"] extends string
      ? string
      : string | undefined;
};

export const EX_USAGE = 64;
const EX_CONFIG = 78;

/** A bad option value, told in one line naming the option. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function parseCommandLine<O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv: string[] = process.argv.slice(2),
): OptionValues<O> {
  const options: Record<
    string,
    { type: "string" | "boolean"; short?: string; default?: string | boolean }
  > = { help: { type: "boolean", short: "h", default: false } };
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.type, ...(o.default !== undefined ? { default: o.default } : {}) };
    if (o.type === "boolean" && o.default === undefined) options[name].default = false;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    usageExit(spec.name, describeParseError(error));
  }
  if (values["help"]) {
    console.log(helpText(spec));
    process.exit(0);
  }
  delete values["help"];
  return values as OptionValues<O>;
}

/**
 * Parses the command line, then runs `main`; whatever it throws becomes one line on stderr and a
 * non-zero exit code.
 */
export async function runCommand<O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  main: (options: OptionValues<O>) => Promise<number | void>,
): Promise<void> {
  const options = parseCommandLine(spec);
  try {
    const code = await main(options);
    process.exitCode = code ?? 0;
  } catch (error) {
    if (error instanceof UsageError) usageExit(spec.name, error.message);
    if (error instanceof ConfigError) {
      for (const line of error.problems) console.error(line);
      process.exit(EX_CONFIG);
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${spec.name}: ${firstLine(message)}`);
    process.exit(spec.failureExitCode ?? 1);
  }
}

export function helpText(spec: CommandSpec<Record<string, OptionSpec>>): string {
  const rows = Object.entries(spec.options).map(([name, o]) => {
    const flag = `--${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`;
    const fallback = o.default !== undefined ? ` (default ${o.default})` : "";
    return [flag, `${o.description}${fallback}`] as const;
  });
  rows.push(["--help, -h", "this text"]);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: npm run ${spec.name} --${Object.keys(spec.options).length > 0 ? " [options]" : ""}`,
    "",
    spec.summary,
    "",
    "Options:",
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    ...(spec.notes && spec.notes.length > 0 ? ["", ...spec.notes] : []),
  ].join("\n");
}

function usageExit(name: string, message: string): never {
  console.error(`${name}: ${message} (see npm run ${name} -- --help)`);
  process.exit(EX_USAGE);
}

function describeParseError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(e.message ?? "")?.[1];
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${quoted ?? ""}`.trim();
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${quoted ?? ""}`.trim();
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const words = quoted?.split(/[ ,]+/) ?? [];
      const flag = words.find((w) => w.startsWith("--")) ?? words[0] ?? "an option";
      if (/argument missing/.test(e.message ?? "")) return `${flag} needs a value`;
      if (/does not take an argument/.test(e.message ?? "")) return `${flag} takes no value`;
      return firstLine(e.message ?? "invalid option value");
    }
    default:
      return firstLine(e.message ?? String(error));
  }
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? text;
}
