/**
 * Pure: the `integrations` stack-config map → one Integration's args per entry, or the problems
 * found, each prefixed with its config path (`integrations.sendgrid.channel: …`).
 */
import { checkIntegrationInputs } from "../provider/planning/check";
import { claimPrimary } from "../provider/planning/primary-claims";
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
  // The provider checks this too, per resource; here the config path can be named, with the same words.
  const claims = {};
  for (const { name, args } of integrations) {
    if (args.primary !== true) continue;
    const conflict = claimPrimary(claims, name, args.channel, args.environmentId);
    if (conflict) problems.push(`${configKey}.${name}.primary: ${conflict}`);
  }
  return { integrations, problems };
}
