/**
 * Provider configuration: stack config `novu:*` first, then environment variables. Every setting
 * is documented in docs/reliability.md (timeouts, retries, rate limit) and the README (key, URL).
 */
import { z } from "zod";

export const NOVU_REGIONS = { us: "https://api.novu.co", eu: "https://eu.api.novu.co" } as const;

/** Stack config and environment variables are strings: "5" → 5. */
const integer = (min: number, max: number) => z.coerce.number().int("must be a whole number").min(min).max(max);

export const providerConfigSchema = z
  .object({
    secretKey: z.string().min(1, "is empty"),
    apiUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    region: z.enum(["us", "eu"]).optional(),
    /** Time limit of one HTTP request (capped by what is left of the operation). */
    requestTimeoutMs: integer(100, 600_000).default(30_000),
    /** Total time budget of one resource operation: every attempt, retry wait, rate-limit wait and lookup. */
    operationTimeoutMs: integer(1_000, 3_600_000).default(120_000),
    /** Retries after a failed attempt (429, 500/502/503/504, network errors); 0 turns retrying off. */
    maxRetries: integer(0, 20).default(5),
    /** Requests per second for the whole provider process (Novu Free allows 30); 0 = no limit of ours. */
    maxRequestsPerSecond: z.coerce.number().min(0).max(10_000).default(25),
    /**
     * A deliberate move (docs/environments.md): integrations whose state says they live in this
     * environment (id) or on this server (API URL) are left there, unmanaged, and created anew where
     * the key reaches. Unset, a key or URL that reaches elsewhere stops every operation.
     */
    movedFrom: z
      .string()
      .refine((v) => /^[0-9a-f]{24}$/i.test(v) || /^https?:\/\/[^\s]+$/.test(v), "must be an environment id (24 hex characters) or an http(s) URL")
      .optional(),
  })
  .transform(({ apiUrl, region, ...rest }) => ({
    ...rest,
    apiUrl: (apiUrl ?? NOVU_REGIONS[region ?? "us"]).replace(/\/+$/, ""),
  }));

export type ProviderConfig = z.output<typeof providerConfigSchema>;
