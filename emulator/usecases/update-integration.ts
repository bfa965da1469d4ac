/**
 * `PUT /v1/integrations/{integrationId}` (§5.4, current server): the steps in the server's order,
 * the update payload rules (`name: ""` ignored, credentials replaced whole, `configurations: {}` and
 * `conditions: []` clear, routing `rules` checked (emulator/rules.ts) and, when non-empty, clearing
 * the conditions) and the primary effects of §6.2, where non-empty rules un-set a primary as
 * conditions do.
 */
import { castConditions, castConfigurations } from "../casting";
import { supportsPrimary } from "../catalogue";
import { BadRequestError, ConflictError, NotFoundError } from "../errors";
import { assertValidIntegrationRules, hasIntegrationRules } from "../rules";
import type { StoredIntegration } from "../schemas";
import {
  groupOf,
  patch,
  placeReactivatedIntegration,
  recalculatePriorityForAllActive,
  removeDeactivatedIntegration,
  type Table,
} from "../state-machine";
import { validateOutboundCredentials } from "../outbound-credentials";
import type { UpdateIntegrationInput } from "../validation";
import {
  assertIntegrationIdIsObjectId,
  assertIntegrationInScope,
  assertTargetEnvironmentInScope,
  checkIntegration,
  environmentExists,
  findInOrganization,
  type UseCaseContext,
  type UseCaseResult,
} from "./context";

export function updateIntegration(
  table: Table,
  context: UseCaseContext,
  integrationId: string,
  input: UpdateIntegrationInput,
): UseCaseResult<StoredIntegration> {
  // The controller's environment check runs before the command is built (and validated).
  assertTargetEnvironmentInScope(context, input.environmentId);
  assertIntegrationIdIsObjectId("UpdateIntegrationCommand", integrationId);

  const existing = findInOrganization(table, context, integrationId);
  if (!existing) throw new NotFoundError(`Entity with id ${integrationId} not found`);
  assertIntegrationInScope(context, existing, "update");

  if (input.environmentId && input.environmentId !== existing._environmentId && !environmentExists(context, input.environmentId)) {
    throw new NotFoundError(`Environment with id ${input.environmentId} not found`);
  }

  // Uniqueness on update is organization-wide, stricter than on create.
  const identifierHasChanged = Boolean(input.identifier) && input.identifier !== existing.identifier;
  if (identifierHasChanged) {
    const taken = table.some(
      (i) => !i.deleted && i._organizationId === existing._organizationId && i.identifier === input.identifier,
    );
    if (taken) throw new ConflictError("Integration with identifier already exists");
  }

  // Current server: destinations typed by an operator are checked whenever credentials are sent (or checked).
  if (input.check || input.credentials) validateOutboundCredentials(existing.providerId, input.credentials ?? existing.credentials);

  if (input.check) checkIntegration(context, existing.providerId, existing.channel);

  const payload = buildUpdatePayload(context, input, identifierHasChanged);
  if (Object.keys(payload).length === 0) throw new BadRequestError("No properties found for update");

  let next = table;
  const isActiveChanged = input.active !== undefined && input.active !== existing.active;
  if (isActiveChanged && supportsPrimary(existing.channel)) {
    const placement = input.active
      ? placeReactivatedIntegration(next, existing, context.now)
      : removeDeactivatedIntegration(next, existing, context.now);
    next = placement.table;
    payload.priority = placement.priority;
    payload.primary = placement.primary;
  }

  // Conditions (or rules) make a primary conditional, which un-primaries it; it keeps the top number.
  const haveConditions = (payload.conditions?.length ?? 0) > 0 || hasIntegrationRules(payload.rules);
  const shouldRemovePrimary = haveConditions && existing.primary;
  if (shouldRemovePrimary) payload.primary = false;

  next = patch(next, existing._id, payload, context.now);
  if (shouldRemovePrimary) {
    next = recalculatePriorityForAllActive(next, groupOf(existing), existing._id, context.now);
  }

  const updated = next.find((i) => i._id === existing._id) as StoredIntegration;
  return { table: next, result: updated };
}

function buildUpdatePayload(
  context: UseCaseContext,
  input: UpdateIntegrationInput,
  identifierHasChanged: boolean,
): Partial<StoredIntegration> {
  const payload: Partial<StoredIntegration> = {};
  if (input.name) payload.name = input.name;
  if (identifierHasChanged) payload.identifier = input.identifier;
  if (input.environmentId) payload._environmentId = input.environmentId;
  if (input.active !== undefined) payload.active = input.active;
  if (input.credentials) payload.credentials = input.credentials;
  if (input.configurations) payload.configurations = castConfigurations(input.configurations);
  if (input.conditions) payload.conditions = castConditions(input.conditions, context.newId);
  if (input.rules !== undefined) {
    // Current server: rules Novu would not evaluate are refused (400); non-empty rules replace
    // conditions; empty or null rules clear the rules.
    assertValidIntegrationRules(input.rules);
    if (hasIntegrationRules(input.rules)) {
      payload.rules = input.rules;
      payload.conditions = [];
    } else {
      payload.rules = null;
    }
  }
  return payload;
}
