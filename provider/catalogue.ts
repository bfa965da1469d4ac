/**
 * Novu's provider catalogue (`@novu/shared`): which providers exist, their channel, display name and
 * credential fields. Used at preview time, so mistakes surface before any API call.
 */
import { providers, secureCredentials } from "@novu/shared";

export interface CatalogueCredential {
  readonly key: string;
  readonly required: boolean;
}

export interface CatalogueProvider {
  readonly id: string;
  readonly displayName: string;
  readonly channel: string;
  readonly credentials: readonly CatalogueCredential[];
}

const byId: ReadonlyMap<string, CatalogueProvider> = new Map(
  providers.map((p) => [
    p.id as string,
    {
      id: p.id as string,
      displayName: p.displayName,
      channel: p.channel as string,
      credentials: p.credentials.map((c) => ({ key: c.key as string, required: Boolean(c.required) })),
    },
  ]),
);

export function findProvider(providerId: string): CatalogueProvider | undefined {
  return byId.get(providerId);
}

export function providerIds(): string[] {
  return [...byId.keys()];
}

/** Keys Novu encrypts at rest: the ones that must never appear in plain text anywhere. */
export const SECURE_CREDENTIAL_KEYS: readonly string[] = secureCredentials.map(String);
