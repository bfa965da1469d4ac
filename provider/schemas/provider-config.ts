/**
 * Provider configuration: stack config `novu:*` first, then environment variables
 * (runtime/provider-config.ts reads them). Every setting is documented in docs/reliability.md (timeouts,
 * retries, rate limit) and the README (key, URL); its description here is what the Pulumi package
 * schema publishes (native/schema.ts).
 */
import { z } from "zod";

export const NOVU_REGIONS = { us: "https://api.novu.co", eu: "https://eu.api.novu.co" } as const;

/** Stack config and environment variables are strings: "5" → 5. */
const integer = (min: number, max: number) => z.coerce.number().int("must be a whole number").min(min).max(max);

export const regionSchema = z.enum(["us", "eu"]).meta({ title: "Region", description: "A Novu Cloud region." });

/** The settings as written (stack config, provider arguments, environment), before the API URL is resolved. */
export const providerSettingsSchema = z.object({
  secretKey: z.string().min(1, "is empty").describe("Novu API key of the environment to manage. Secret."),
  apiUrl: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .optional()
    .describe("Base URL of the Novu API, e.g. a self-hosted `https://novu-api.internal`. Defaults to the region's URL."),
  region: regionSchema
    .optional()
    .describe(`Novu Cloud region: ${Object.entries(NOVU_REGIONS).map(([r, url]) => `\`${r}\` (${url})`).join(" or ")}. Default \`us\`; \`apiUrl\` wins over it.`),
  requestTimeoutMs: integer(100, 600_000)
    .default(30_000)
    .describe("Time limit of one HTTP request in milliseconds (capped by what is left of the operation)."),
  operationTimeoutMs: integer(1_000, 3_600_000)
    .default(120_000)
    .describe("Total time budget of one resource operation in milliseconds: every attempt, retry wait, rate-limit wait and lookup."),
  maxRetries: integer(0, 20)
    .default(5)
    .describe("Retries after a failed attempt (429, 500/502/503/504, network errors); 0 turns retrying off."),
  maxRequestsPerSecond: z.coerce
    .number()
    .min(0)
    .max(10_000)
    .default(25)
    .describe("Requests per second for the whole provider process (Novu Free allows 30); 0 = no limit of ours."),
  movedFrom: z
    .string()
    .refine((v) => /^[0-9a-f]{24}$/i.test(v) || /^https?:\/\/[^\s]+$/.test(v), "must be an environment id (24 hex characters) or an http(s) URL")
    .optional()
    .describe(
      "A deliberate move (docs/environments.md): integrations whose state says they live in this " +
        "environment (id) or on this server (API URL) are left there, unmanaged, and created anew where " +
        "the key reaches. Unset, a key or URL that reaches elsewhere stops every operation.",
    ),
});

/** Settings that are secret wherever they are: stack config, provider inputs, state. */
export const SECRET_SETTINGS = ["secretKey"] as const;

export const providerConfigSchema = providerSettingsSchema.transform(({ apiUrl, region, ...rest }) => ({
  ...rest,
  apiUrl: (apiUrl ?? NOVU_REGIONS[region ?? "us"]).replace(/\/+$/, ""),
}));

export type ProviderSettingsIn = z.input<typeof providerSettingsSchema>;
export type ProviderConfig = z.output<typeof providerConfigSchema>;

/** Setting name (after `novu:`) → environment variable. */
export const PROVIDER_SETTINGS = {
  secretKey: "NOVU_SECRET_KEY",
  apiUrl: "NOVU_API_URL",
  region: "NOVU_REGION",
  requestTimeoutMs: "NOVU_REQUEST_TIMEOUT_MS",
  operationTimeoutMs: "NOVU_OPERATION_TIMEOUT_MS",
  maxRetries: "NOVU_MAX_RETRIES",
  maxRequestsPerSecond: "NOVU_MAX_REQUESTS_PER_SECOND",
  movedFrom: "NOVU_MOVED_FROM",
} as const;
