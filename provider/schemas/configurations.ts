/**
 * An integration's `configurations`: provider settings Novu keeps beside the credentials (email
 * activity tracking through the provider's webhooks, SES's configuration set). Novu's integration
 * document stores exactly these four keys and drops any other; which of them a provider has comes
 * from the catalogue (planning/check.ts). Each field's documentation is its `.describe(...)` text.
 */
import { z } from "zod";

export const configurationsSchema = z
  .strictObject({
    inboundWebhookEnabled: z
      .boolean()
      .optional()
      .describe("Let Novu configure the provider's delivery webhooks (email activity tracking, push delivery events)."),
    inboundWebhookSigningKey: z
      .string()
      .min(1)
      .max(65536)
      .optional()
      .describe("The key that signs the provider's webhooks. Secret; write-only: current servers never return it."),
    configurationSetName: z.string().min(1).max(256).optional().describe("Amazon SES configuration set whose events reach Novu."),
    inboxCount: z
      .union([z.string().regex(/^\d{1,9}$/, "must be a whole number"), z.number().int().min(0).max(999_999_999)])
      .optional()
      .describe("Stored by Novu as a string: a whole number is accepted and sent as a string."),
  })
  .meta({ title: "Configurations", description: "Provider settings Novu keeps beside an integration's credentials." });

export type Configurations = z.output<typeof configurationsSchema>;

/** The keys Novu stores; a catalogue key outside these (e.g. `pushResources`) would be dropped by the server. */
export const CONFIGURATION_KEYS: readonly string[] = Object.keys(configurationsSchema.shape);

/** Secret wherever it is: inputs, state, stack config, output. */
export const SECRET_CONFIGURATION_KEYS: readonly string[] = ["inboundWebhookSigningKey"];
