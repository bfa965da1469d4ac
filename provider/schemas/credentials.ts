/**
 * Credential keys the Novu API accepts (CredentialsDto plus the keys newer servers know). The server
 * silently drops any other key, so an unknown key here is an error with a suggestion, not a no-op.
 */
import { z } from "zod";

export const BOOLEAN_CREDENTIAL_KEYS = ["secure", "requireTls", "ignoreTls", "hmac", "authenticateByToken", "useFromAddressOverride"] as const;

const STRING_KEYS = [
  "apiVersion", "apiKey", "user", "secretKey", "domain", "password", "host", "region", "accountSid",
  "messageProfileId", "token", "from", "senderName", "applicationId", "clientId", "projectName",
  "serviceAccount", "baseUrl", "webhookUrl", "redirectUrl", "ipPoolName", "apiKeyRequestHeader",
  "secretKeyRequestHeader", "idPath", "datePath", "authenticationTokenKey", "instanceId", "alertUid",
  "title", "imageUrl", "state", "externalLink", "apiToken", "channelId", "phoneNumberIdentification",
  "accessKey", "appSid", "senderId", "servicePlanId", "tenantId", "signingSecret", "AppIOBaseUrl",
  "AppIOSubscriptionId", "AppIOBearerToken", "AppIOOriginalSignature", "configurationSetName",
  "fromAddressOverride", "emailSlugPrefix", "hmacSecretKeyEncoding",
  // In Novu's provider catalogue but not in every server's stored key list.
  "apiURL", "appID", "contentType", "businessAccountId", "method", "headers", "body",
] as const;

export const CREDENTIAL_KEYS: readonly string[] = [...STRING_KEYS, ...BOOLEAN_CREDENTIAL_KEYS, "port", "tlsOptions"];

const stringShape = Object.fromEntries(STRING_KEYS.map((k) => [k, z.string().max(65536).optional()])) as {
  [K in (typeof STRING_KEYS)[number]]: z.ZodOptional<z.ZodString>;
};
const booleanShape = Object.fromEntries(BOOLEAN_CREDENTIAL_KEYS.map((k) => [k, z.boolean().optional()])) as {
  [K in (typeof BOOLEAN_CREDENTIAL_KEYS)[number]]: z.ZodOptional<z.ZodBoolean>;
};

export const credentialsSchema = z.strictObject({
  ...stringShape,
  ...booleanShape,
  port: z
    .union([z.string().regex(/^\d{1,5}$/, "must be a port number"), z.number().int().min(1).max(65535)])
    .optional()
    .describe("Novu's catalogue calls it a number, the API insists on a string: accept both, send a string."),
  tlsOptions: z.record(z.string(), z.unknown()).optional().describe("TLS options of the SMTP connection, as an object."),
});

export type Credentials = z.infer<typeof credentialsSchema>;
