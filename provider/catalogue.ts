/**
 * Novu's provider catalogue: which providers exist, their channel, display name and credential
 * fields. Used at preview time, so mistakes surface before any API call.
 *
 * It comes from `@novu/shared` through a snapshot (novu-catalogue.json, written by
 * `npm run catalogue`, checked against the installed package by test/unit/catalogue.test.ts), so
 * the provider process does not load that 261-module package before its first check.
 */
import snapshot from "./novu-catalogue.json";

export interface CatalogueCredential {
  readonly key: string;
  readonly required: boolean;
}

export interface CatalogueProvider {
  readonly id: string;
  readonly displayName: string;
  readonly channel: string;
  readonly credentials: readonly CatalogueCredential[];
  /** Keys of the provider's `configurations` groups (inbound webhook, SES configuration set), if it has any. */
  readonly configurations?: readonly string[];
}

/** The snapshot's shape. */
export interface NovuCatalogue {
  readonly providers: readonly CatalogueProvider[];
  /** Keys Novu encrypts at rest. */
  readonly secureCredentials: readonly string[];
}

const catalogue: NovuCatalogue = snapshot;

const byId: ReadonlyMap<string, CatalogueProvider> = new Map(catalogue.providers.map((p) => [p.id, p]));

export function findProvider(providerId: string): CatalogueProvider | undefined {
  return byId.get(providerId);
}

export function providerIds(): string[] {
  return [...byId.keys()];
}

/** Keys Novu encrypts at rest: the ones that must never appear in plain text anywhere. */
export const SECURE_CREDENTIAL_KEYS: readonly string[] = catalogue.secureCredentials;
