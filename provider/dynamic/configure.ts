/**
 * Provider configuration from stack config (`novu:secretKey`, `novu:apiUrl`, `novu:region`,
 * `novu:requestTimeoutMs`), falling back to NOVU_SECRET_KEY / NOVU_API_URL / NOVU_REGION.
 * The key is read here, in the provider process, so it is never captured into the serialized
 * provider and never stored in any resource's state.
 */
import { ProviderConfigError } from "../errors";
import { type ProviderConfig, providerConfigSchema } from "../schemas/provider-config";

export interface ConfigSource {
  get(key: string): string | undefined;
}

export function readProviderConfig(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderConfig {
  const pick = (key: string, envName: string) => config?.get(`novu:${key}`) ?? env[envName] ?? undefined;
  const raw = {
    secretKey: pick("secretKey", "NOVU_SECRET_KEY"),
    apiUrl: pick("apiUrl", "NOVU_API_URL"),
    region: pick("region", "NOVU_REGION"),
    requestTimeoutMs: pick("requestTimeoutMs", "NOVU_REQUEST_TIMEOUT_MS"),
  };
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
