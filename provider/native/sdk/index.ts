/**
 * `pulumi-novu/native`: the classes of the native provider plugin `pulumi-resource-novu`.
 *
 *     import * as novu from "pulumi-novu/native";
 *     const provider = new novu.Provider("novu", { secretKey: config.requireSecret("novuKey") });
 *     new novu.Integration("mail", { providerId: "sendgrid", channel: "email", credentials: { apiKey, from } }, { provider });
 *
 * The dynamic-provider `Integration` stays the package's main export (`pulumi-novu`).
 */
import { unsupportedPulumiSdk } from "../../sdk-version";

{
  const problem = unsupportedPulumiSdk((require("@pulumi/pulumi/package.json") as { version: string }).version);
  if (problem) throw new Error(problem);
}

export { Integration, type IntegrationArgs, type IntegrationOutputProperties, type IntegrationStateArgs } from "./integration";
export { Provider, type ProviderArgs } from "./provider";
export {
  type FoundIntegration,
  getEnvironment,
  getEnvironmentOutput,
  type GetEnvironmentResult,
  getIntegration,
  type GetIntegrationArgs,
  getIntegrationOutput,
  type GetIntegrationResult,
  getIntegrations,
  type GetIntegrationsArgs,
  getIntegrationsOutput,
  type GetIntegrationsResult,
  type SkippedIntegration,
} from "./functions";
export type { Channel } from "../../schemas/channel";
export type { Condition, FilterPart } from "../../schemas/conditions";
export type { Configurations } from "../../schemas/configurations";
export type { Credentials } from "../../schemas/credentials";
