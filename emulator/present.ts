/**
 * Stored document → JSON the API returns (§4.2, §4.3).
 *
 * - Responses built from `create`/`findOne` carry the `id` virtual; lean `find` results (list,
 *   list-active, delete) do not.
 * - Credentials: the current server returns `credentials: {}` to API keys and strips
 *   `configurations.inboundWebhookSigningKey` (`write-only`). The older server (`echo`) returned
 *   them decrypted — except DELETE, whose lean entities carried the stored, encrypted values.
 */
import { SECURE_CREDENTIAL_KEYS } from "./catalogue";
import type { StoredIntegration } from "./schemas";

export type CredentialsVisibility = "write-only" | "echo";

/** Secret prefix of Novu's encrypted credentials (`NOVU_ENCRYPTION_SUB_MASK`). */
export const ENCRYPTED_PREFIX = "nvsk.";

export interface PresentOptions {
  readonly credentials: CredentialsVisibility;
  /** `true` for documents read with `findOne`/`create` (adds `id`). */
  readonly withVirtualId: boolean;
  /** `true` for lean results that carry the at-rest (encrypted) credentials in `echo` mode. */
  readonly credentialsAtRest?: boolean;
}

export function presentIntegration(integration: StoredIntegration, options: PresentOptions): Record<string, unknown> {
  const { deletedAt: _deletedAt, credentials, configurations, ...rest } = integration;
  const writeOnly = options.credentials === "write-only";
  const shown: Record<string, unknown> = {
    _id: rest._id,
    _environmentId: rest._environmentId,
    _organizationId: rest._organizationId,
    providerId: rest.providerId,
    ...(rest.channel !== undefined ? { channel: rest.channel } : {}),
    credentials: writeOnly ? {} : options.credentialsAtRest ? encryptAtRest(credentials) : { ...credentials },
    ...(configurations !== undefined ? { configurations: writeOnly ? withoutSigningKey(configurations) : configurations } : {}),
    active: rest.active,
    name: rest.name,
    identifier: rest.identifier,
    priority: rest.priority,
    primary: rest.primary,
    conditions: rest.conditions,
    ...(rest.rules !== undefined ? { rules: rest.rules } : {}),
    kind: rest.kind,
    deleted: rest.deleted,
    createdAt: rest.createdAt,
    updatedAt: rest.updatedAt,
    __v: rest.__v,
  };
  if (options.withVirtualId) shown.id = rest._id;
  return shown;
}

/**
 * The at-rest form of credentials: secure keys carry the `nvsk.` prefix. The emulator's "cipher" is
 * base64, which is enough for tests to tell stored from plain values; it is not encryption.
 */
export function encryptAtRest(credentials: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(credentials)) {
    result[key] =
      SECURE_CREDENTIAL_KEYS.includes(key) && typeof value === "string"
        ? ENCRYPTED_PREFIX + Buffer.from(value, "utf8").toString("base64")
        : value;
  }
  return result;
}

function withoutSigningKey(configurations: Record<string, unknown>): Record<string, unknown> {
  const { inboundWebhookSigningKey: _signingKey, ...rest } = configurations;
  return rest;
}
