/**
 * Command-line flags → `EmulatorOptions`. Pure, so it is tested without spawning anything.
 * Accepts `--flag value` and `--flag=value`; anything unknown is an error.
 */
import type { EmulatorOptions } from "./options";

export class CliUsageError extends Error {
  override name = "CliUsageError";
}

export const USAGE = `usage: novu-emulator [--port <n>] [--host <address>] [--api-key <key>] [--production-api-key <key>]
                     [--credentials write-only|echo] [--set-primary-status 200|201] [--update-status 200|201]
                     [--scoping environment|organization] [--scope-wording api-key|authentication-scheme] [--rate-limit <per-second>] [--state-file <path>] [--seed <n>]`;

type Parser = (value: string, flag: string) => Partial<EmulatorOptions>;

const FLAGS: Readonly<Record<string, Parser>> = {
  "--port": (v, f) => ({ port: integer(v, f, 0, 65535) }),
  "--host": (v) => ({ host: v }),
  "--api-key": (v) => ({ apiKey: v }),
  "--production-api-key": (v) => ({ productionApiKey: v }),
  "--credentials": (v, f) => ({ credentials: oneOf(v, f, ["write-only", "echo"] as const) }),
  "--set-primary-status": (v, f) => ({ setPrimaryStatus: status(v, f) }),
  "--update-status": (v, f) => ({ updateStatus: status(v, f) }),
  "--scoping": (v, f) => ({ scoping: oneOf(v, f, ["environment", "organization"] as const) }),
  "--scope-wording": (v, f) => ({ scopeWording: oneOf(v, f, ["api-key", "authentication-scheme"] as const) }),
  "--rate-limit": (v, f) => ({ rateLimitPerSecond: positive(v, f) }),
  "--state-file": (v) => ({ stateFile: v }),
  "--seed": (v, f) => ({ seed: integer(v, f, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) }),
};

export type CliCommand = { readonly kind: "help" } | { readonly kind: "start"; readonly options: EmulatorOptions };

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let options: EmulatorOptions = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--help" || arg === "-h") return { kind: "help" };
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const parse = FLAGS[flag];
    if (!parse) throw new CliUsageError(`unknown argument ${JSON.stringify(arg)} (see --help)`);
    const value = inline ?? argv[++index];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) {
      throw new CliUsageError(`${flag} needs a value`);
    }
    options = { ...options, ...parse(value, flag) };
  }
  return { kind: "start", options };
}

function integer(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < min || n > max) throw new CliUsageError(`${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) throw new CliUsageError(`${flag} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
}

function status(value: string, flag: string): 200 | 201 {
  if (value !== "200" && value !== "201") throw new CliUsageError(`${flag} must be 200 or 201, got ${JSON.stringify(value)}`);
  return Number(value) as 200 | 201;
}

function oneOf<T extends string>(value: string, flag: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliUsageError(`${flag} must be one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}
