/**
 * The outputs of an `Integration` a user may read: planning/state.ts `IntegrationState` without its
 * bookkeeping flags (`nameManaged`, `environmentManaged`, `configurationsManaged`, `rulesManaged`). Described here
 * once for the Pulumi package schema (native/schema.ts) and the SDKs generated from it. A field that
 * means what its input means reuses the input's schema; the others say what Novu reports. Optional
 * here exactly where the state may lack it (older state); native/schema.ts checks both at compile time.
 */
import { z } from "zod";
import { conditionsSchema } from "./conditions";
import { configurationsSchema } from "./configurations";
import { credentialsSchema } from "./credentials";
import { integrationInputsSchema } from "./integration-inputs";

const input = integrationInputsSchema.shape;

export const integrationOutputsSchema = z.strictObject({
  integrationId: z.string().describe("Novu's id of the integration (`_id`)."),
  environmentId: z.string().describe("The Novu environment the integration lives in."),
  organizationId: z.string().describe("The Novu organization the environment belongs to."),
  providerId: input.providerId,
  channel: input.channel,
  name: z.string().describe("Display name, as Novu holds it (the catalogue's display name unless `name` is set)."),
  identifier: input.identifier,
  active: z.boolean().describe("Whether Novu may send through it."),
  primary: z.boolean().describe("Whether Novu currently routes the channel through this integration."),
  priority: z.number().int().describe("Novu's priority among the active integrations of the channel (higher is preferred)."),
  deleted: z.boolean().describe("Whether Novu reports the integration as deleted."),
  conditions: conditionsSchema.describe("Tenant routing conditions, as Novu holds them."),
  rules: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("Routing rules (JSONLogic), as Novu holds them; absent when it has none."),
  credentials: credentialsSchema.describe(
    "The credentials this resource last wrote: Novu does not return them to API keys, so this is the only record. Secret.",
  ),
  configurations: configurationsSchema
    .optional()
    .describe("Novu's configurations of the integration, absent when it has none. The signing key is the one last written (servers never return it) and secret."),
  check: input.check,
  adopt: input.adopt,
  adopted: z
    .boolean()
    .optional()
    .describe("Whether the resource adopted an integration that already existed in Novu (`adopt: true`), rather than creating it."),
  deleteAdopted: z.boolean().optional().describe(input.deleteAdopted.description ?? ""),
  apiUrl: z.string().optional().describe("The Novu API URL the integration lives on, recorded at every write and refresh."),
  environmentName: z.string().optional().describe("The name of the Novu environment the integration lives in, recorded with `apiUrl`."),
});

export type IntegrationOutputs = z.output<typeof integrationOutputsSchema>;
