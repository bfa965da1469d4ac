/** Provider configuration: stack config `novu:*` first, then environment variables. */
import { z } from "zod";

export const NOVU_REGIONS = { us: "https://api.novu.co", eu: "https://eu.api.novu.co" } as const;

export const providerConfigSchema = z
  .object({
    secretKey: z.string().min(1, "is empty"),
    apiUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    region: z.enum(["us", "eu"]).optional(),
    requestTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
  })
  .transform(({ apiUrl, region, ...rest }) => ({
    ...rest,
    apiUrl: (apiUrl ?? NOVU_REGIONS[region ?? "us"]).replace(/\/+$/, ""),
  }));

export type ProviderConfig = z.output<typeof providerConfigSchema>;
