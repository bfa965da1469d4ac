/**
 * API-key authentication as `CommunityUserAuthGuard` does it (§3.2). Each key is bound to one
 * organization and one environment. The emulator has no dashboard sessions, so every `Bearer`
 * token fails the way an invalid session token does.
 */
import { BareUnauthorizedError, UnauthorizedError } from "./errors";

export interface ApiKeyBinding {
  readonly apiKey: string;
  readonly organizationId: string;
  readonly environmentId: string;
}

/**
 * The keys an emulator starts with (and returns to at reset): one per environment. Novu
 * regenerates an environment's key from its dashboard; the `api-key` control does the same.
 */
export function initialApiKeys(
  keys: { readonly apiKey: string; readonly productionApiKey: string },
  store: { readonly organizationId: string; environment(name: "Development" | "Production"): { readonly _id: string } },
): Map<string, ApiKeyBinding> {
  const organizationId = store.organizationId;
  return new Map<string, ApiKeyBinding>([
    [keys.apiKey, { apiKey: keys.apiKey, organizationId, environmentId: store.environment("Development")._id }],
    [keys.productionApiKey, { apiKey: keys.productionApiKey, organizationId, environmentId: store.environment("Production")._id }],
  ]);
}

/** Who is calling: always an API key (`scheme: 'ApiKey'`, all permissions). */
export interface Principal {
  readonly scheme: "ApiKey";
  readonly organizationId: string;
  readonly environmentId: string;
}

export function authenticate(header: string | undefined, keys: ReadonlyMap<string, ApiKeyBinding>): Principal {
  if (!header) throw new UnauthorizedError("Missing authorization header");
  const [scheme, token] = header.split(" ");
  if (scheme !== "ApiKey" && scheme !== "Bearer") {
    throw new UnauthorizedError(`Invalid authentication scheme: "${scheme}"`);
  }
  if (scheme === "Bearer" || !token) throw new BareUnauthorizedError();
  const binding = keys.get(token);
  if (!binding) throw new UnauthorizedError("API Key not found");
  return { scheme: "ApiKey", organizationId: binding.organizationId, environmentId: binding.environmentId };
}

/** Routes without `@ExternalApiAccessible()` refuse API keys after authenticating them. */
export function assertExternalApiAccessible(externalApiAccessible: boolean): void {
  if (!externalApiAccessible) throw new UnauthorizedError("API endpoint not accessible");
}
