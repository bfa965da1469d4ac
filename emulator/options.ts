/**
 * The options of `startEmulator` (and of the CLI flags), their defaults, and their validation.
 */
import { z } from "zod";
import type { CredentialsVisibility } from "./present";
import type { ScopeWording, Scoping } from "./usecases/context";

export interface EmulatorOptions {
  /** TCP port; `0` (the default) picks any free port. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. The test controls answer only loopback callers. */
  host?: string;
  /** API key of the Development environment. Default `nv-dev-key`. */
  apiKey?: string;
  /** API key of the Production environment. Default `nv-prod-key`. */
  productionApiKey?: string;
  /**
   * `write-only` (default, current server): `credentials: {}` on every response and
   * `configurations.inboundWebhookSigningKey` stripped. `echo`: the older server that returns
   * decrypted credentials to API keys.
   */
  credentials?: CredentialsVisibility;
  /** Status of a successful set-primary: 200 (default, after PR #12612) or 201 (before it; seen on Cloud). */
  setPrimaryStatus?: 200 | 201;
  /** Status of a successful update: 200 (default, Nest's PUT default) or 201 (reported on Cloud). */
  updateStatus?: 200 | 201;
  /**
   * `environment` (default, current server): lists show the key's environment only, and acting on
   * another environment is a 403. `organization` (2026-04 server): organization-wide lists, no 403.
   */
  scoping?: Scoping;
  /**
   * Wording of the 403 for a key that targets another `_environmentId` (create, update).
   * `api-key` (default): "API key authentication is scoped to a single environment…". `authentication-scheme`:
   * the current server's later revision, "This authentication scheme is scoped to a single environment…
   * Use credentials from the target environment…" (`assertEnvironmentScopedAccess`).
   */
  scopeWording?: ScopeWording;
  /** Turns rate limiting on with this many requests per second (Novu Free: 30). Off by default. */
  rateLimitPerSecond?: number;
  /** Save state as JSON after each write and load it at start. In memory by default. */
  stateFile?: string;
  /** Seed of the PRNG behind probabilistic faults. Default 1. */
  seed?: number;
}

const statusSwitch = z.union([z.literal(200), z.literal(201)]);

const optionsSchema: z.ZodType<EmulatorOptions> = z
  .object({
    port: z.number().int().min(0).max(65535).optional(),
    host: z.string().min(1).optional(),
    apiKey: z.string().min(1).regex(/^\S+$/, "must not contain spaces").optional(),
    productionApiKey: z.string().min(1).regex(/^\S+$/, "must not contain spaces").optional(),
    credentials: z.enum(["write-only", "echo"]).optional(),
    setPrimaryStatus: statusSwitch.optional(),
    updateStatus: statusSwitch.optional(),
    scoping: z.enum(["environment", "organization"]).optional(),
    scopeWording: z.enum(["api-key", "authentication-scheme"]).optional(),
    rateLimitPerSecond: z.number().positive().optional(),
    stateFile: z.string().min(1).optional(),
    seed: z.number().int().optional(),
  })
  .strict();

export type ResolvedOptions = Required<Omit<EmulatorOptions, "rateLimitPerSecond" | "stateFile">> &
  Pick<EmulatorOptions, "rateLimitPerSecond" | "stateFile">;

export class EmulatorOptionsError extends Error {
  override name = "EmulatorOptionsError";
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EmulatorOptionsError(`Invalid emulator option ${issue.path.join(".") || ""}: ${issue.message}`.trim());
  }
  const value = parsed.data;
  const resolved: ResolvedOptions = {
    port: value.port ?? 0,
    host: value.host ?? "127.0.0.1",
    apiKey: value.apiKey ?? "nv-dev-key",
    productionApiKey: value.productionApiKey ?? "nv-prod-key",
    credentials: value.credentials ?? "write-only",
    setPrimaryStatus: value.setPrimaryStatus ?? 200,
    updateStatus: value.updateStatus ?? 200,
    scoping: value.scoping ?? "environment",
    scopeWording: value.scopeWording ?? "api-key",
    rateLimitPerSecond: value.rateLimitPerSecond,
    stateFile: value.stateFile,
    seed: value.seed ?? 1,
  };
  if (resolved.apiKey === resolved.productionApiKey) {
    throw new EmulatorOptionsError("Invalid emulator options: apiKey and productionApiKey must differ");
  }
  return resolved;
}
