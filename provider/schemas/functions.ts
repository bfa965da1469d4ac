/**
 * The package's functions (Pulumi "invokes", YAML's `fn::invoke`): their arguments and results.
 * Reads only, no write. Described here once for the package schema (native/schema.ts, and through
 * schema.json the generated SDKs) and the provider's checks (planning/lookups.ts).
 *
 * A found integration is the Integration resource's outputs without what only a resource has:
 * `credentials` (Novu never returns them to API keys, and a function has no "last write" to
 * remember: they are not returned at all, not even as a secret), the signing key in
 * `configurations` (the same), and the resource's own settings (`check`, `adopt`, `adopted`,
 * `deleteAdopted`).
 */
import { z } from "zod";
import { channelSchema } from "./channel";
import { configurationsSchema } from "./configurations";
import { integrationOutputsSchema } from "./integration-outputs";

export const GET_INTEGRATION_TOKEN = "novu:index:getIntegration";
export const GET_INTEGRATIONS_TOKEN = "novu:index:getIntegrations";
export const GET_ENVIRONMENT_TOKEN = "novu:index:getEnvironment";

const environmentFilter = z
  .string()
  .optional()
  .describe("Only integrations of this Novu environment. Unset: every environment the key's list shows.");

export const getIntegrationArgsSchema = z.strictObject({
  identifier: z.string().min(1).optional().describe("The integration's identifier. Give this or `integrationId`, not both."),
  integrationId: z.string().min(1).optional().describe("Novu's id of the integration (`_id`). Give this or `identifier`, not both."),
  environmentId: environmentFilter,
});
export type GetIntegrationArgs = z.output<typeof getIntegrationArgsSchema>;

/** A found integration: what Novu holds, as the Integration resource's outputs name it. */
export const foundIntegrationSchema = integrationOutputsSchema
  .omit({ credentials: true, check: true, adopt: true, adopted: true, deleteAdopted: true })
  .extend({
    // The resource's descriptions of these speak of changing them; a found integration only reports them.
    providerId: z.string().describe("Novu provider id from its catalogue, e.g. `sendgrid`."),
    channel: channelSchema.describe("The integration's channel."),
    identifier: z.string().describe("The integration's identifier: unique in its environment."),
    configurations: configurationsSchema
      .optional()
      .describe("Novu's configurations of the integration, absent when it has none. Never the signing key (a secret)."),
    apiUrl: z.string().describe("The Novu API URL the integration was read from."),
  })
  .meta({
    title: "FoundIntegration",
    description: "An integration as Novu holds it, with the Integration resource's output names. Credentials are never returned.",
  });
export type FoundIntegration = z.output<typeof foundIntegrationSchema>;

export const getIntegrationsArgsSchema = z.strictObject({
  channel: channelSchema.optional().describe("Only integrations of this channel."),
  providerId: z.string().min(1).optional().describe("Only integrations of this Novu provider id, e.g. `sendgrid`."),
  active: z.boolean().optional().describe("Only active (`true`) or only inactive (`false`) integrations."),
  environmentId: environmentFilter,
});
export type GetIntegrationsArgs = z.output<typeof getIntegrationsArgsSchema>;

/** A listed integration pulumi-novu cannot manage (client/listing.ts): named and explained, never shaped as a found one. */
export const skippedIntegrationSchema = z
  .strictObject({
    integrationId: z.string().optional().describe("Novu's id of the integration, when listed."),
    identifier: z.string().optional().describe("Its identifier, when listed."),
    providerId: z.string().optional().describe("Its provider id, when listed."),
    environmentId: z.string().optional().describe("Its environment, when listed."),
    reason: z.string().describe('Why pulumi-novu cannot manage it, e.g. `it is an "agent"-kind integration; …`.'),
  })
  .meta({ title: "SkippedIntegration", description: "A listed integration pulumi-novu cannot manage (an agent, an unknown channel), and why." });
export type SkippedIntegration = z.output<typeof skippedIntegrationSchema>;

export const getIntegrationsResultSchema = z.strictObject({
  integrations: z.array(foundIntegrationSchema).describe("The integrations that match every filter given, as Novu lists them (deleted ones left out)."),
  skipped: z
    .array(skippedIntegrationSchema)
    .describe(
      "Listed integrations pulumi-novu cannot manage, with the reason, instead of in `integrations`. Filtered by `providerId` and `environmentId` " +
        "where Novu lists them; `channel` and `active` filters leave out every skipped one, which has no channel pulumi-novu knows.",
    ),
});
export type GetIntegrationsResult = z.output<typeof getIntegrationsResultSchema>;

export const getEnvironmentArgsSchema = z.strictObject({});

export const getEnvironmentResultSchema = z.strictObject({
  environmentId: z.string().describe("The Novu environment the provider's key reaches: where a new Integration is created."),
  name: z.string().describe("That environment's name, e.g. `Development`."),
  organizationId: z.string().describe("The Novu organization the environment belongs to."),
  apiUrl: z.string().describe("The Novu API URL the provider calls."),
});
export type GetEnvironmentResult = z.output<typeof getEnvironmentResultSchema>;
