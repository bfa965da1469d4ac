/**
 * What the emulator takes from Novu's provider catalogue (`@novu/shared`): display names for the
 * default integration name, the slugify rule for default identifiers, and which credential keys
 * Novu encrypts at rest. Everything else about credentials is the server's own key list (§8.4).
 */
import { CHANNELS_WITH_PRIMARY as SHARED_CHANNELS_WITH_PRIMARY, providers, secureCredentials, slugify } from "@novu/shared";

/** Channels of the current server (§8.1); `tool` is the current server's and the catalogue's addition. */
export const CHANNELS = ["in_app", "email", "sms", "chat", "push", "tool"] as const;
export type Channel = (typeof CHANNELS)[number];

/** `CHANNELS_WITH_PRIMARY` in `packages/shared/src/types/channel.ts`: only these have primary/priority. */
export const CHANNELS_WITH_PRIMARY: readonly string[] = [...SHARED_CHANNELS_WITH_PRIMARY];

export const KINDS = ["delivery", "agent"] as const;
export type Kind = (typeof KINDS)[number];

export function supportsPrimary(channel: string | undefined): boolean {
  return channel !== undefined && CHANNELS_WITH_PRIMARY.includes(channel);
}

/**
 * `name ?? displayName ?? Capitalize(providerId)` (§5.3). Capitalize only upper-cases the first
 * character, as the server does (`charAt(0).toUpperCase() + slice(1)`), so `fooBar` → `FooBar`.
 */
export function defaultName(providerId: string): string {
  const entry = providers.find((provider) => provider.id === providerId);
  return entry?.displayName ?? `${providerId.charAt(0).toUpperCase()}${providerId.slice(1)}`;
}

/** Whether the catalogue knows this provider on this channel (the mail factory has a handler for it). */
export function isCatalogueProvider(providerId: string, channel: string): boolean {
  return providers.some((provider) => provider.id === providerId && provider.channel === channel);
}

/** Whether the catalogue knows this provider id on any channel. */
export function isCatalogueProviderId(providerId: string): boolean {
  return providers.some((provider) => provider.id === providerId);
}

/** `slugify(name)` of `@novu/shared`: decamelize, lowercase, non-alphanumerics → `-`. */
export function slugOf(name: string): string {
  return slugify(name);
}

/** Keys stored with the `nvsk.` prefix (`secure-credentials.ts`; the catalogue adds `headers`). */
export const SECURE_CREDENTIAL_KEYS: readonly string[] = [...secureCredentials];

/** Credential keys typed boolean by `CredentialsDto` (`TransformToBoolean` accepts "true"/"false"). */
export const BOOLEAN_CREDENTIAL_KEYS: readonly string[] = [
  "secure",
  "requireTls",
  "ignoreTls",
  "hmac",
  "authenticateByToken",
  "useFromAddressOverride",
];

/** Credential keys that hold an object (`tlsOptions` is `Mixed` in the Mongo schema). */
export const OBJECT_CREDENTIAL_KEYS: readonly string[] = ["tlsOptions"];

/** Credential keys restricted to an enum in the SDK's `CredentialsDto`. */
export const ENUM_CREDENTIAL_KEYS: Readonly<Record<string, readonly string[]>> = {
  hmacSecretKeyEncoding: ["text", "base64", "hex"],
};

/**
 * The union of the 2026-04 Mongo schema keys and the SDK's newer keys (§8.4). Mongoose strict mode
 * drops every other key silently, so the emulator does too.
 */
export const CREDENTIAL_KEYS: readonly string[] = [
  // 2026-04 server schema
  "apiVersion", "apiKey", "user", "secretKey", "domain", "password", "host", "port", "secure", "region",
  "accountSid", "messageProfileId", "token", "from", "senderName", "applicationId", "clientId",
  "projectName", "serviceAccount", "baseUrl", "webhookUrl", "requireTls", "ignoreTls", "tlsOptions",
  "redirectUrl", "hmac", "ipPoolName", "apiKeyRequestHeader", "secretKeyRequestHeader", "idPath",
  "datePath", "authenticateByToken", "authenticationTokenKey", "instanceId", "alertUid", "title",
  "imageUrl", "state", "externalLink", "apiToken", "channelId", "phoneNumberIdentification",
  "accessKey", "appSid", "senderId", "servicePlanId", "tenantId", "signingSecret", "AppIOBaseUrl",
  "AppIOSubscriptionId", "AppIOBearerToken", "AppIOOriginalSignature",
  // newer keys known to the SDK's CredentialsDto
  "hmacSecretKeyEncoding", "configurationSetName", "outboundIntegrationId", "outboundConnectedAt",
  "whatsNextCompletedAt", "useFromAddressOverride", "fromAddressOverride", "emailSlugPrefix",
  "externalEnvironmentId", "externalVaultId", "externalWorkspaceId",
  // the tool channel's tool-webhook (CredentialsKeyEnum of @novu/shared 2.10.0)
  "method", "headers", "body",
];

/** `configurations` sub-schema of the Mongo document (§4.1); other keys are dropped. */
export const CONFIGURATION_FIELDS: Readonly<Record<string, "boolean" | "string">> = {
  inboundWebhookEnabled: "boolean",
  inboundWebhookSigningKey: "string",
  configurationSetName: "string",
  inboxCount: "string",
};

/** Novu-managed providers with special create rules (§5.3 step 4). */
export const NOVU_IN_APP_PROVIDER = "novu";
export const NOVU_DEMO_PROVIDERS: readonly string[] = ["novu-email", "novu-sms"];
/** Novu's own agent runtime (Claude), created only where the server holds its managed credentials. */
export const NOVU_AGENT_RUNTIME_PROVIDER = "novu-anthropic";
export const NOVU_CREDENTIALED_PROVIDERS: readonly string[] = ["novu-email", "novu-sms", "novu-slack"];
