/**
 * Desired inputs → the Novu calls that realise them ("expand"). Pure: the provider runtime executes
 * the plan, tests read it.
 */
import type { CreateBody, UpdateBody } from "../schemas/api";
import type { IntegrationInputs } from "../schemas/integration-inputs";
import { hasRules } from "../schemas/rules";
import { sameValue } from "./canonical";
import type { IntegrationState } from "./state";

/** Properties whose change Novu cannot apply in place. */
export const REPLACE_PROPERTIES = ["providerId", "channel", "environmentId"] as const;

export function createBody(inputs: IntegrationInputs): CreateBody {
  return {
    providerId: inputs.providerId,
    channel: inputs.channel,
    ...(inputs.name !== undefined ? { name: inputs.name } : {}),
    identifier: inputs.identifier,
    ...(inputs.environmentId !== undefined ? { _environmentId: inputs.environmentId } : {}),
    active: inputs.active,
    check: inputs.check,
    credentials: inputs.credentials,
    ...(inputs.conditions.length > 0 ? { conditions: inputs.conditions } : {}),
    ...(hasRules(inputs.rules) ? { rules: inputs.rules } : {}),
    ...(inputs.configurations !== undefined && Object.keys(inputs.configurations).length > 0 ? { configurations: inputs.configurations } : {}),
  };
}

/**
 * What a create must PUT after its POST: the rules, when Novu's answer does not have them. Novu's
 * current create use case does not store `rules` (only its update does, after checking them), so
 * the POST carries them for servers that do and this PUT makes them hold on the others.
 */
export function rulesAfterCreate(response: { readonly rules?: Record<string, unknown> | null }, inputs: IntegrationInputs): UpdateBody | undefined {
  if (!hasRules(inputs.rules) || sameValue(response.rules ?? null, inputs.rules)) return undefined;
  return { rules: inputs.rules };
}

export interface UpdatePlan {
  /** The PUT body, or undefined when nothing Novu stores has changed (Novu rejects an empty PUT). */
  readonly body?: UpdateBody;
  /** Call set-primary after the PUT. */
  readonly setPrimary: boolean;
  /** Names of the properties that differ, for logs and tests. */
  readonly changed: readonly string[];
}

/**
 * What to send to bring `current` to `desired`. `primary: false` means "not managed": Novu has no
 * way to un-set a primary, so another integration taking it over is how primary moves.
 */
export function planUpdate(current: IntegrationState, desired: IntegrationInputs): UpdatePlan {
  const body: UpdateBody = {};
  const changed: string[] = [];
  if (desired.name !== undefined && desired.name !== current.name) {
    body.name = desired.name;
    changed.push("name");
  }
  if (desired.identifier !== current.identifier) {
    body.identifier = desired.identifier;
    changed.push("identifier");
  }
  if (desired.active !== current.active) {
    body.active = desired.active;
    changed.push("active");
  }
  if (!sameValue(desired.credentials, current.credentials)) {
    body.credentials = desired.credentials;
    changed.push("credentials");
    if (desired.check) body.check = true;
  }
  if (!sameValue(desired.conditions, current.conditions)) {
    body.conditions = desired.conditions;
    changed.push("conditions");
  }
  // Unset: not managed. Declared, compared as Novu stores them: `{}` and null both mean "none", and
  // Novu turns either into `rules: null`, so null is what clears them.
  if (desired.rules !== undefined) {
    const wanted = hasRules(desired.rules) ? desired.rules : null;
    if (!sameValue(wanted, current.rules ?? null)) {
      body.rules = wanted;
      changed.push("rules");
    }
  }
  // Unset: not managed. Novu replaces the whole object on PUT (`{}` clears it), so all of it is sent.
  if (desired.configurations !== undefined && !sameValue(desired.configurations, current.configurations ?? {})) {
    body.configurations = desired.configurations;
    changed.push("configurations");
  }
  // State only, no call: what a later delete does with an adopted integration.
  if (desired.deleteAdopted !== (current.deleteAdopted ?? false)) changed.push("deleteAdopted");
  const setPrimary = desired.primary && !current.primary;
  if (setPrimary) changed.push("primary");
  return { body: Object.keys(body).length > 0 ? body : undefined, setPrimary, changed };
}

export interface DiffOutcome {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
  readonly changed: readonly string[];
}

export function diffIntegration(current: IntegrationState, desired: IntegrationInputs, providerCodeChanged: boolean): DiffOutcome {
  const replaces: string[] = [];
  if (desired.providerId !== current.providerId) replaces.push("providerId");
  if (desired.channel !== current.channel) replaces.push("channel");
  if (desired.environmentId !== undefined && desired.environmentId !== current.environmentId) replaces.push("environmentId");
  const { changed } = planUpdate(current, desired);
  return {
    changes: replaces.length > 0 || changed.length > 0 || providerCodeChanged,
    replaces,
    // The new integration would collide with the old one's identifier (409) while both exist.
    deleteBeforeReplace: replaces.length > 0 && desired.identifier === current.identifier,
    changed: [...replaces, ...changed],
  };
}
