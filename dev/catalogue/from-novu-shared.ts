/**
 * The part of `@novu/shared` the provider needs at preview time, as plain data: every provider's
 * id, channel, display name, credential fields and configuration keys, and the keys Novu encrypts at rest.
 *
 * The provider reads this from a snapshot (provider/novu-catalogue.json) instead of importing
 * `@novu/shared` in the provider process: the package is 261 modules (~100 ms to load on a 2-core
 * machine) for a list of a hundred entries, and every `pulumi preview`/`up` pays that load before
 * its first check. `npm run catalogue` writes the snapshot; test/unit/catalogue.test.ts fails when
 * it no longer matches the installed `@novu/shared`.
 */
import { providers, secureCredentials } from "@novu/shared";
import type { NovuCatalogue } from "../../provider/catalogue";

export function catalogueFromNovuShared(): NovuCatalogue {
  return {
    providers: providers.map((p) => ({
      id: String(p.id),
      displayName: p.displayName,
      channel: String(p.channel),
      credentials: p.credentials.map((c) => ({ key: String(c.key), required: Boolean(c.required) })),
      // Only providers with a configuration group carry the field (10 of them in @novu/shared 2.10.0).
      ...(p.configurations ? { configurations: p.configurations.flatMap((group) => group.configurations.map((c) => String(c.key))) } : {}),
    })),
    secureCredentials: secureCredentials.map(String),
  };
}
