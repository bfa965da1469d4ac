/**
 * Pure: the `integrations` stack-config map → one Integration's args per entry, or the problems
 * found, each prefixed with its config path (`integrations.sendgrid.channel: …`).
 */
import { checkIntegrationInputs } from "../provider/planning/check";
import { type IntegrationInputsIn, withNameDefaults } from "../provider/schemas/integration-inputs";

export interface DeclaredIntegration {
  /** The map key: the Pulumi resource name and the default identifier. */
  readonly name: string;
  readonly args: IntegrationInputsIn;
}

export interface StackConfigOutcome {
  readonly integrations: DeclaredIntegration[];
  readonly problems: string[];
}

export function readIntegrationsConfig(raw: unknown, configKey = "integrations"): StackConfigOutcome {
  if (raw === undefined || raw === null) return { integrations: [], problems: [] };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return { integrations: [], problems: [`${configKey}: must be a map of integration name to settings`] };
  }
  const integrations: DeclaredIntegration[] = [];
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(raw)) {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      problems.push(`${configKey}.${name}: must be a map of settings (providerId, channel, credentials, …)`);
      continue;
    }
    const args = withNameDefaults(entry as Record<string, unknown>, name);
    const { failures } = checkIntegrationInputs(args);
    if (failures.length > 0) {
      problems.push(...failures.map((f) => `${configKey}.${name}.${f.reason}`));
      continue;
    }
    integrations.push({ name, args: args as unknown as IntegrationInputsIn });
  }
  // The provider checks this too, per resource; here both offenders can be named at once.
  const primaries = new Map<string, string>();
  for (const { name, args } of integrations) {
    if (args.primary !== true) continue;
    const key = `${args.environmentId ?? ""}/${args.channel}`;
    const other = primaries.get(key);
    if (other) problems.push(`${configKey}.${name}.primary: ${other} is already primary for the ${args.channel} channel; only one can be`);
    else primaries.set(key, name);
  }
  return { integrations, problems };
}
