/** pulumi-novu: Novu notification integrations as Pulumi resources. */
import { unsupportedPulumiSdk } from "./sdk-version";

{
  const problem = unsupportedPulumiSdk((require("@pulumi/pulumi/package.json") as { version: string }).version);
  if (problem) throw new Error(problem);
}

export { Integration, type IntegrationArgs } from "./resource/integration";
export type { Condition, FilterPart } from "./schemas/conditions";
export type { Credentials } from "./schemas/credentials";
export type { Channel } from "./schemas/channel";
export {
  NovuApiError,
  NovuNetworkError,
  NovuProviderError,
  NovuResponseError,
  ProviderConfigError,
  IntegrationStateError,
} from "./errors";
export { SUPPORTED_PULUMI } from "./sdk-version";
