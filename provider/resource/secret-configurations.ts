import * as pulumi from "@pulumi/pulumi";
import { SECRET_CONFIGURATION_KEYS } from "../schemas/configurations";

/**
 * `configurations` with its secret keys (the signing key) secret, the rest readable in a preview.
 * An Output or a promise cannot be looked into here, so then all of it is secret. Used by the
 * dynamic Integration (resource/integration.ts); the native provider marks the key itself in
 * Check, whatever the program sent (native/wire.ts `wrapSecrets`).
 */
export function withSecretConfigurationKeys(configurations: unknown): unknown {
  if (configurations === undefined) return undefined;
  if (pulumi.Output.isInstance(configurations) || configurations instanceof Promise) return pulumi.secret(configurations);
  const out: Record<string, unknown> = { ...(configurations as Record<string, unknown>) };
  for (const key of SECRET_CONFIGURATION_KEYS) if (out[key] !== undefined) out[key] = pulumi.secret(out[key]);
  return out;
}
