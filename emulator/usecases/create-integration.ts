/**
 * `POST /v1/integrations` (§5.3): validation order, defaults and the primary placement of §6.1.
 */
import { castConditions, castConfigurations } from "../casting";
import {
  NOVU_AGENT_RUNTIME_PROVIDER,
  NOVU_CREDENTIALED_PROVIDERS,
  NOVU_DEMO_PROVIDERS,
  NOVU_IN_APP_PROVIDER,
  defaultName,
  slugOf,
  supportsPrimary,
} from "../catalogue";
import { BadRequestError, ConflictError, NotFoundError } from "../errors";
import type { StoredIntegration } from "../schemas";
import { placeNewActiveIntegration, type Table } from "../state-machine";
import type { CreateIntegrationInput } from "../validation";
import {
  assertTargetEnvironmentInScope,
  checkIntegration,
  environmentExists,
  type UseCaseContext,
  type UseCaseResult,
} from "./context";

export function createIntegration(
  table: Table,
  context: UseCaseContext,
  input: CreateIntegrationInput,
): UseCaseResult<StoredIntegration> {
  assertTargetEnvironmentInScope(context, input.environmentId);
  const environmentId = input.environmentId ?? context.principal.environmentId;
  if (!environmentExists(context, environmentId)) {
    throw new NotFoundError(`Environment with id ${environmentId} not found`);
  }

  const live = table.filter((i) => !i.deleted && i._environmentId === environmentId);
  if (input.kind === "agent") validateAgent(live, context, input);
  else validateNovuProviders(live, context, input);

  if (input.identifier && live.some((i) => i.identifier === input.identifier)) {
    throw new ConflictError("Integration with identifier already exists");
  }

  if (input.check === true && input.kind !== "agent") checkIntegration(context, input.providerId, input.channel);

  // Mongoose casts happen on save; the emulator casts first so a failed create changes nothing.
  const conditions = castConditions(input.conditions ?? [], context.newId);
  const configurations = input.configurations ? castConfigurations(input.configurations) : undefined;

  const name = input.name ?? defaultName(input.providerId);
  const active = input.active ?? false;
  const kind = input.kind ?? "delivery";
  const timestamp = context.now.toISOString();

  let next = table;
  let priority = 0;
  let primary = false;
  if (active && kind !== "agent" && supportsPrimary(input.channel)) {
    const placement = placeNewActiveIntegration(
      table,
      { organizationId: context.principal.organizationId, environmentId, channel: input.channel as string },
      context.now,
    );
    ({ table: next, priority, primary } = placement);
  }

  const created: StoredIntegration = {
    _id: context.newId(),
    _environmentId: environmentId,
    _organizationId: context.principal.organizationId,
    providerId: input.providerId,
    // An agent is stored without a channel, even when one is sent.
    ...(input.channel !== undefined && kind !== "agent" ? { channel: input.channel } : {}),
    kind,
    credentials: input.credentials ?? {},
    ...(configurations && Object.keys(configurations).length > 0 ? { configurations } : {}),
    active,
    name,
    // `??`, not `||`: an explicit empty identifier is kept; the generated one is never checked for uniqueness.
    identifier: input.identifier ?? `${slugOf(name)}-${context.newShortId()}`,
    priority,
    primary,
    // `rules` pass the DTO but the current server's create use case does not store them (only PUT does).
    conditions,
    deleted: false,
    createdAt: timestamp,
    updatedAt: timestamp,
    __v: 0,
  };
  return { table: [...next, created], result: created };
}

/**
 * `validate()` for `kind: "agent"` (current server): Novu's own Claude runtime needs the server's
 * managed credentials and exists once per environment; the delivery rules below do not apply.
 * Provisioning other agent runtimes (a call to the runtime's vendor) is not emulated.
 */
function validateAgent(live: Table, context: UseCaseContext, input: CreateIntegrationInput): void {
  if (input.providerId !== NOVU_AGENT_RUNTIME_PROVIDER) return;
  if (!context.settings.novuProviderCredentials) {
    throw new BadRequestError(`Creating Novu integration for ${input.providerId} provider is not allowed`);
  }
  if (live.some((i) => i.providerId === input.providerId && i.kind === "agent")) {
    throw new ConflictError("Integration with novu provider for agent runtime already exists");
  }
}

/** `validate()` of the create use case: the Novu-managed providers' own rules (§5.3 step 4). */
function validateNovuProviders(live: Table, context: UseCaseContext, input: CreateIntegrationInput): void {
  const { providerId, channel } = input;
  // The server refuses Novu's Claude runtime without its managed credentials whatever the kind.
  if (providerId === NOVU_AGENT_RUNTIME_PROVIDER && !context.settings.novuProviderCredentials) {
    throw new BadRequestError(`Creating Novu integration for ${providerId} provider is not allowed`);
  }
  if (providerId === NOVU_IN_APP_PROVIDER && channel === "in_app") {
    if (live.some((i) => i.providerId === providerId && i.channel === channel)) {
      throw new BadRequestError("One environment can only have one In app provider");
    }
  }
  if (NOVU_CREDENTIALED_PROVIDERS.includes(providerId) && !context.settings.novuProviderCredentials) {
    throw new BadRequestError(`Creating Novu integration for ${providerId} provider is not allowed`);
  }
  if (NOVU_DEMO_PROVIDERS.includes(providerId)) {
    if (live.some((i) => i.providerId === providerId && i.channel === channel)) {
      throw new ConflictError(`Integration with novu provider for ${channel?.toLowerCase()} channel already exists`);
    }
  }
}
