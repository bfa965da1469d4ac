/**
 * `pulumi import` of an integration that exists in Novu: the state and the inputs the engine needs
 * from a Read that has only the id. Pure.
 *
 * Credentials cannot be read back from current servers, so the imported inputs have none: the
 * generated code declares none, previews clean, and the first `up` after credentials are added to
 * the program sends them (a change the preview names key by key). As with any `pulumi import`, the
 * stack then owns the integration: not recorded as adopted, so a `destroy` deletes it once the
 * program lets it (`pulumi import` adds `protect: true`; `retainOnDelete: true` keeps it in Novu).
 * That is also what the recovery from a killed `up` on the native front-end needs: the integration
 * that `up` made is this stack's (planning/ledger.ts, identifierTakenWithoutLedger).
 */
import type { IntegrationInputs } from "../schemas/integration-inputs";
import type { IntegrationResponse } from "../schemas/api";
import { hasRules } from "../schemas/rules";
import { flatten, type IntegrationState, normaliseConditions } from "./state";

export function importedInputs(found: IntegrationResponse): IntegrationInputs {
  // No `configurations`: unset means "left as Novu has them". Declared, they are sent whole (Novu
  // replaces the object), and the signing key cannot be read back, so an imported copy would clear it.
  return {
    providerId: found.providerId,
    channel: found.channel as IntegrationInputs["channel"],
    name: found.name,
    identifier: found.identifier,
    active: found.active,
    primary: found.primary,
    credentials: {},
    conditions: normaliseConditions(found.conditions),
    // Declared only when Novu has some, so the generated code manages exactly what it shows.
    ...(hasRules(found.rules) ? { rules: found.rules } : {}),
    check: false,
    adopt: false,
    deleteAdopted: false,
  };
}

export function importedState(found: IntegrationResponse): IntegrationState {
  return { ...flatten(found, importedInputs(found)), adopted: false };
}

/** What the generated code should say: the imported inputs without the values that are defaults anyway. */
export function declaredImportInputs(inputs: IntegrationInputs): Partial<IntegrationInputs> {
  const { credentials, conditions, active, primary, check, adopt, deleteAdopted, ...rest } = inputs;
  return {
    ...rest,
    ...(Object.keys(credentials).length > 0 ? { credentials } : {}),
    ...(conditions.length > 0 ? { conditions } : {}),
    ...(active ? {} : { active }),
    ...(primary ? { primary } : {}),
    ...(check ? { check } : {}),
    ...(adopt ? { adopt } : {}),
    ...(deleteAdopted ? { deleteAdopted } : {}),
  };
}
