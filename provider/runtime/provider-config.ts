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
 *
 * Where each value came from is reported too (`readProviderSettings`), so that messages name the
 * setting the user actually used: `novu:apiUrl`, the environment variable NOVU_API_URL, a native
 * provider's `apiUrl` argument, or `pulumi-novu generate --api-url`.
 */
import { ProviderConfigError } from "../errors";
import type { SettingsInUse } from "../planning/placement";
import { NOVU_REGIONS, PROVIDER_SETTINGS, type ProviderConfig, providerConfigSchema } from "../schemas/provider-config";

export { PROVIDER_SETTINGS };

export type SettingName = keyof typeof PROVIDER_SETTINGS;

/** What a configuration source is, for messages and for the command that fixes a setting. */
export type SourceKind = "stack config" | "provider argument" | "command line";

export interface ConfigSource {
  get(key: string): string | undefined;
  /** What this source is. Default: stack config (`novu:*`). */
  readonly kind?: SourceKind;
  /**
   * How this source names a setting in messages (`novu:apiUrl` → `--api-url`); undefined when the
   * source has no such setting (it comes only from the environment). Default: the key itself.
   */
  nameOf?(key: string): string | undefined;
}

/** Where a setting's value came from. `name` is how the user wrote it: `novu:apiUrl`, `NOVU_API_URL`, `--api-url`, … */
export type SettingOrigin =
  | { readonly from: "source"; readonly kind: SourceKind; readonly name: string }
  | { readonly from: "environment"; readonly name: string }
  /** Unset everywhere; `name` is where it would be set. */
  | { readonly from: "default"; readonly name: string };

export interface ProviderSettings {
  readonly config: ProviderConfig;
  /** The kind of the source the front-end reads (the environment variables are the fallback of every kind). */
  readonly source: SourceKind;
  /** Where the key came from. */
  readonly secretKey: SettingOrigin;
  /** Where the API URL came from: its own setting, else the region's, else the default region. */
  readonly apiUrl: SettingOrigin;
  /** How the front-end's source names the key and URL settings (the environment variable where it has none). */
  readonly names: { readonly secretKey: string; readonly apiUrl: string };
}

export function readProviderConfig(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderConfig {
  return readProviderSettings(config, env).config;
}

/** The configuration and where its key and URL came from. Errors name settings as the user wrote them, never values. */
export function readProviderSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const kind: SourceKind = config?.kind ?? "stack config";
  const nameIn = (key: SettingName): string | undefined => (config?.nameOf ? config.nameOf(`novu:${key}`) : `novu:${key}`);
  const raw: Record<string, string | undefined> = {};
  const origins = {} as Record<SettingName, SettingOrigin>;
  for (const [key, envName] of Object.entries(PROVIDER_SETTINGS) as [SettingName, string][]) {
    const fromSource = blankIsUnset(config?.get(`novu:${key}`));
    const fromEnv = blankIsUnset(env[envName]);
    raw[key] = fromSource ?? fromEnv;
    const sourceName = nameIn(key);
    origins[key] =
      fromSource !== undefined && sourceName !== undefined
        ? { from: "source", kind, name: sourceName }
        : fromEnv !== undefined
          ? { from: "environment", name: envName }
          : { from: "default", name: sourceName ?? envName };
  }
  if (!raw.secretKey) throw new ProviderConfigError(missingKeyMessage(kind, nameIn("secretKey")));
  const parsed = providerConfigSchema.safeParse(raw);
  if (!parsed.success) {
    // Name the setting as it was written, never its value: one of them is the secret key.
    const problems = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? "") as SettingName;
      const origin = origins[key];
      return `${origin ? origin.name : `novu:${i.path.join(".")}`} ${i.message}`;
    });
    throw new ProviderConfigError(`invalid Novu provider configuration: ${problems.join("; ")}`);
  }
  const apiUrl = origins.apiUrl.from !== "default" ? origins.apiUrl : origins.region.from !== "default" ? origins.region : origins.apiUrl;
  const names = { secretKey: nameIn("secretKey") ?? PROVIDER_SETTINGS.secretKey, apiUrl: nameIn("apiUrl") ?? PROVIDER_SETTINGS.apiUrl };
  return { config: parsed.data, source: kind, secretKey: origins.secretKey, apiUrl, names };
}

function blankIsUnset(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function missingKeyMessage(kind: SourceKind, name: string | undefined): string {
  if (name === undefined) return "NOVU_SECRET_KEY is not set: `export NOVU_SECRET_KEY=<key>` (the key is read only from there)";
  if (kind === "provider argument") return `the provider has no key: neither ${name} nor NOVU_SECRET_KEY is set. Pass the key as ${name} (a secret)`;
  return `${name} is not set: run \`pulumi config set --secret ${name} <key>\` (or export NOVU_SECRET_KEY)`;
}

/** How messages name where a setting came from: `stack config novu:apiUrl`, `the environment variable NOVU_API_URL`, `--api-url`, … */
export function describeOrigin(origin: SettingOrigin): string {
  if (origin.from === "environment") return `the environment variable ${origin.name}`;
  if (origin.from === "default") return `the default (${origin.name} unset: ${NOVU_REGIONS.us})`;
  return origin.kind === "stack config" ? `stack config ${origin.name}` : origin.name;
}

/** The setting to check when the API URL is wrong, as the user wrote it (network errors name it). */
export function apiUrlSetting(origin: SettingOrigin): string {
  return origin.from === "default" ? `${origin.name} (unset: ${NOVU_REGIONS.us})` : origin.name;
}

/** The labels and fixes messages use for the key and URL in use (planning/placement.ts). */
export function settingsInUse(settings: ProviderSettings): SettingsInUse {
  const { secretKey: key, apiUrl: url, names, source } = settings;
  const keyFix =
    source === "provider argument"
      ? `pass it as ${names.secretKey} (a secret)`
      : source === "command line"
        ? "`export NOVU_SECRET_KEY=<key>`"
        : `\`pulumi config set --secret ${names.secretKey} <key>\`${key.from === "environment" ? ` (stack config wins over ${key.name})` : ""}`;
  const apiUrlFix =
    source === "provider argument"
      ? `set ${names.apiUrl}`
      : source === "command line"
        ? `pass \`${names.apiUrl} <URL of the Novu API>\``
        : `\`pulumi config set ${names.apiUrl} <URL of the Novu API>\`${url.from === "environment" ? ` (stack config wins over ${url.name})` : ""}`;
  return {
    key: key.name,
    keyFrom: describeOrigin(key),
    keyFix,
    apiUrl: url.from === "default" ? `${names.apiUrl} (unset)` : url.name,
    apiUrlFrom: describeOrigin(url),
    apiUrlFix,
  };
}

export type { ProviderConfig };
