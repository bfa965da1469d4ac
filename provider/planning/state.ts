/**
 * The resource's outputs (its state) and how they are derived from Novu's answer ("flatten").
 * Outputs hold everything read, diff, update and delete need: the dynamic-provider host gives them
 * only the stored outputs.
 */
import { IntegrationStateError } from "../errors";
import type { Condition } from "../schemas/conditions";
import { CONFIGURATION_KEYS, type Configurations } from "../schemas/configurations";
import type { Credentials } from "../schemas/credentials";
import type { IntegrationInputs } from "../schemas/integration-inputs";
import { type IntegrationState, integrationStateSchema } from "../schemas/integration-state";
import type { IntegrationResponse } from "../schemas/api";
import { hasRules } from "../schemas/rules";

export type { IntegrationState };

/**
 * Bookkeeping the runtime keeps beside Novu's view: which inputs the program declares. Stored under
 * `__` names, which the engine never displays (previews, refresh, the console), since no user reads
 * them; state written before the `__` names keeps its plain ones and is read all the same.
 */
const BOOKKEEPING = ["nameManaged", "environmentManaged", "configurationsManaged", "rulesManaged"] as const;

/** The state as the engine stores it (a resource's outputs). */
export function storedOutputs(state: IntegrationState): Record<string, unknown> {
  const out: Record<string, unknown> = { ...state };
  for (const key of BOOKKEEPING) {
    if (key in out) {
      out[`__${key}`] = out[key];
      delete out[key];
    }
  }
  return out;
}

/**
 * The state from what the engine stored (either naming of the bookkeeping), parsed: every operation
 * on an existing resource starts here. `__provider` and other `__` keys are dropped. A state that
 * does not parse was not written by pulumi-novu (or was edited by hand): the error names the fields,
 * never their values.
 */
export function stateOf(stored: Record<string, unknown>): IntegrationState {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) if (!key.startsWith("__")) out[key] = value;
  for (const key of BOOKKEEPING) if (stored[`__${key}`] !== undefined) out[key] = stored[`__${key}`];
  const parsed = integrationStateSchema.safeParse(out);
  if (parsed.success) return parsed.data;
  const which = typeof stored.identifier === "string" ? `integration "${stored.identifier}"` : "an integration";
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(state)"}: ${i.message}`).join("; ");
  throw new IntegrationStateError(`the state of ${which} is not one pulumi-novu writes (${problems}): remove it from the stack with \`pulumi state delete\` and take the integration over again with \`adopt: true\``, { cause: parsed.error });
}

export function flatten(response: IntegrationResponse, inputs: IntegrationInputs, previous?: IntegrationState): IntegrationState {
  return {
    integrationId: response._id,
    environmentId: response._environmentId,
    organizationId: response._organizationId,
    providerId: response.providerId,
    channel: response.channel,
    name: response.name,
    identifier: response.identifier,
    active: response.active,
    primary: response.primary,
    priority: response.priority,
    deleted: response.deleted,
    conditions: normaliseConditions(response.conditions),
    credentials: readableCredentials(response.credentials) ?? inputs.credentials ?? previous?.credentials ?? {},
    ...configurationsState(response.configurations, inputs.configurations ?? previous?.configurations),
    configurationsManaged: inputs.configurations !== undefined,
    ...(hasRules(response.rules) ? { rules: response.rules } : {}),
    rulesManaged: inputs.rules !== undefined,
    check: inputs.check,
    adopt: inputs.adopt,
    adopted: previous?.adopted ?? false,
    deleteAdopted: inputs.deleteAdopted,
    nameManaged: inputs.name !== undefined,
    environmentManaged: inputs.environmentId !== undefined,
  };
}

/**
 * Refreshed state: Novu's view of every readable field. Credentials are write-only for API keys on
 * current servers (`{}`), so the stored ones are kept; older servers echo them, and then a real
 * difference is drift.
 */
export function refreshed(response: IntegrationResponse, previous: IntegrationState): IntegrationState {
  const { rules: _stored, ...kept } = previous;
  return {
    // Rules Novu no longer has are gone, not kept from the previous state.
    ...kept,
    ...flatten(response, { ...inputsOf(previous), credentials: previous.credentials }, previous),
    credentials: readableCredentials(response.credentials) ?? previous.credentials,
  };
}

/** The inputs that reproduce a state: what `read` reports so the next preview diffs against Novu's view. */
export function inputsOf(state: IntegrationState): IntegrationInputs {
  return {
    providerId: state.providerId,
    channel: state.channel as IntegrationInputs["channel"],
    ...(state.nameManaged ? { name: state.name } : {}),
    identifier: state.identifier,
    ...(state.environmentManaged ? { environmentId: state.environmentId } : {}),
    active: state.active,
    primary: state.primary,
    credentials: state.credentials,
    conditions: state.conditions,
    ...(state.configurationsManaged ? { configurations: state.configurations ?? {} } : {}),
    ...(state.rulesManaged ? { rules: state.rules ?? {} } : {}),
    check: state.check,
    adopt: state.adopt,
    deleteAdopted: state.deleteAdopted ?? false,
  };
}

/**
 * Whether the resource adopted its integration. State from before the `adopted` flag was recorded
 * cannot say; `adopt: true` there means it may have been, and keeping an integration is the
 * mistake that can be undone (delete it in the dashboard), deleting one is not.
 */
export function wasAdopted(state: Pick<IntegrationState, "adopt" | "adopted">): boolean {
  return state.adopted ?? state.adopt === true;
}

/** Whether deleting the resource must leave its integration in Novu. */
export function retainedOnDelete(state: Pick<IntegrationState, "adopt" | "adopted" | "deleteAdopted">): boolean {
  return wasAdopted(state) && state.deleteAdopted !== true;
}

/**
 * Novu's configurations as state: the keys Novu stores, and the signing key we wrote when the
 * server does not return it (write-only on current servers).
 */
function configurationsState(fromNovu: Record<string, unknown> | undefined, written: Configurations | undefined): { configurations?: Configurations } {
  const out: Record<string, unknown> = {};
  for (const key of CONFIGURATION_KEYS) if (fromNovu?.[key] !== undefined) out[key] = fromNovu[key];
  if (out.inboundWebhookSigningKey === undefined && written?.inboundWebhookSigningKey !== undefined) out.inboundWebhookSigningKey = written.inboundWebhookSigningKey;
  return Object.keys(out).length > 0 ? { configurations: out as Configurations } : {};
}

function readableCredentials(credentials: Record<string, unknown> | undefined): Credentials | undefined {
  return credentials && Object.keys(credentials).length > 0 ? (credentials as Credentials) : undefined;
}

/** Drop server-side fields (subdocument `_id`s) so conditions compare with what the user wrote. */
export function normaliseConditions(conditions: readonly Record<string, unknown>[]): Condition[] {
  return conditions.map((c) => {
    const out: Record<string, unknown> = {};
    if (c.isNegated !== undefined) out.isNegated = c.isNegated;
    if (c.type !== undefined) out.type = c.type;
    if (c.value !== undefined) out.value = c.value;
    out.children = ((c.children as Record<string, unknown>[] | undefined) ?? []).map((p) => ({
      field: p.field,
      value: typeof p.value === "string" ? p.value : JSON.stringify(p.value),
      operator: p.operator,
      on: p.on,
    }));
    return out as Condition;
  });
}
