/** pulumi-novu: Novu notification integrations as Pulumi resources. */
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
