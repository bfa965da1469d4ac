/**
 * Provider configuration from stack config, each setting falling back to an environment variable:
 *
 * | Stack config | Environment | Default |
 * |---|---|---|
 * | `novu:secretKey` | NOVU_SECRET_KEY | (required) |
 * | `novu:apiUrl` | NOVU_API_URL | the region's URL |
 * | `novu:region` | NOVU_REGION | `us` |
 * | `novu:requestTimeoutMs` | NOVU_REQUEST_TIMEOUT_MS | 30000 |
 * | `novu:operationTimeoutMs` | NOVU_OPERATION_TIMEOUT_MS | 120000 |
 * | `novu:maxRetries` | NOVU_MAX_RETRIES | 5 |
 * | `novu:maxRequestsPerSecond` | NOVU_MAX_REQUESTS_PER_SECOND | 25 (0 = no limit) |
 * | `novu:movedFrom` | NOVU_MOVED_FROM | (unset) the environment id or API URL a stack moves away from (docs/environments.md) |
 *
 * The key is read here, in the provider process, so it is never captured into the serialized
 * provider and never stored in any resource's state. An empty value counts as unset.
 */
import { ProviderConfigError } from "../errors";
import { PROVIDER_SETTINGS, type ProviderConfig, providerConfigSchema } from "../schemas/provider-config";

export { PROVIDER_SETTINGS };

export interface ConfigSource {
  get(key: string): string | undefined;
}


export function readProviderConfig(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderConfig {
  const raw: Record<string, string | undefined> = {};
  for (const [key, envName] of Object.entries(PROVIDER_SETTINGS)) {
    const value = config?.get(`novu:${key}`) ?? env[envName];
    raw[key] = value === undefined || value.trim() === "" ? undefined : value;
  }
  if (!raw.secretKey) {
    throw new ProviderConfigError(
      "novu:secretKey is not set: run `pulumi config set --secret novu:secretKey <key>` (or export NOVU_SECRET_KEY)",
    );
  }
  const parsed = providerConfigSchema.safeParse(raw);
  if (!parsed.success) {
    // Name the setting, never its value: one of them is the secret key.
    const problems = parsed.error.issues.map((i) => `novu:${i.path.join(".")} ${i.message}`);
    throw new ProviderConfigError(`invalid Novu provider configuration: ${problems.join("; ")}`);
  }
  return parsed.data;
}

export type { ProviderConfig };
