/**
 * The test controls under `/__emulator/` (no auth; the server only lets loopback callers in).
 * They read and change the emulator directly, bypassing the Novu rules: that is what makes it
 * possible to assert what the server holds and to simulate out-of-band dashboard changes.
 * Plain JSON in and out (no `{data}` envelope); errors are `{error: "<message>"}`.
 */
import type { z } from "zod";
import { initialApiKeys } from "../auth";
import { castConditions } from "../casting";
import { defaultName, slugOf } from "../catalogue";
import { NovuHttpError } from "../errors";
import type { JsonResponse } from "../http";
import { newObjectId, newShortId } from "../ids";
import { encryptAtRest } from "../present";
import type { Route } from "../router";
import type { Runtime } from "../runtime";
import {
  apiKeyRequestSchema,
  faultRuleInputSchema,
  integrationPatchSchema,
  seedRequestSchema,
  settingsPatchSchema,
  type IntegrationPatch,
  type SeedIntegration,
  type StoredIntegration,
} from "../schemas";

export interface ControlRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export type ControlHandler = (request: ControlRequest, runtime: Runtime) => JsonResponse;

export class ControlError extends Error {
  override name = "ControlError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const controlRoutes: readonly Route<ControlHandler>[] = [
  { method: "POST", pattern: "/__emulator/reset", handler: reset },
  { method: "GET", pattern: "/__emulator/requests", handler: (_, rt) => ok({ requests: rt.log.list() }) },
  { method: "DELETE", pattern: "/__emulator/requests", handler: clearRequests },
  { method: "GET", pattern: "/__emulator/state", handler: state },
  { method: "GET", pattern: "/__emulator/environments", handler: environments },
  { method: "POST", pattern: "/__emulator/environments/:environmentId/api-key", handler: regenerateApiKey },
  { method: "POST", pattern: "/__emulator/seed", handler: seed },
  { method: "PATCH", pattern: "/__emulator/integrations/:integrationId", handler: patchIntegration },
  { method: "GET", pattern: "/__emulator/faults", handler: (_, rt) => ok({ faults: rt.faults.list() }) },
  { method: "POST", pattern: "/__emulator/faults", handler: addFault },
  { method: "DELETE", pattern: "/__emulator/faults", handler: clearFaults },
  { method: "DELETE", pattern: "/__emulator/faults/:faultId", handler: removeFault },
  { method: "GET", pattern: "/__emulator/settings", handler: (_, rt) => ok({ settings: rt.store.settings }) },
  { method: "PATCH", pattern: "/__emulator/settings", handler: updateSettings },
];

function reset(_: ControlRequest, runtime: Runtime): JsonResponse {
  runtime.resets.count++;
  runtime.store.reset();
  runtime.keys.clear();
  for (const [key, binding] of initialApiKeys(runtime.options, runtime.store)) runtime.keys.set(key, binding);
  runtime.log.clear();
  runtime.faults.reset();
  runtime.limiter?.reset();
  return ok({ ok: true });
}

function clearRequests(_: ControlRequest, runtime: Runtime): JsonResponse {
  runtime.log.clear();
  return ok({ ok: true });
}

/** Every stored integration, deleted ones included, with plain and at-rest credentials. */
function state(_: ControlRequest, runtime: Runtime): JsonResponse {
  const { organizationId, environments, integrations } = runtime.store.snapshot();
  return ok({
    organizationId,
    environments,
    integrations: integrations.map((i) => ({ ...i, encryptedCredentials: encryptAtRest(i.credentials) })),
  });
}

function environments(_: ControlRequest, runtime: Runtime): JsonResponse {
  const keyOf = (environmentId: string) =>
    [...runtime.keys.values()].find((binding) => binding.environmentId === environmentId)?.apiKey;
  return ok({
    organizationId: runtime.store.organizationId,
    environments: runtime.store.environments.map((e) => ({ id: e._id, name: e.name, apiKey: keyOf(e._id) })),
  });
}

/**
 * What Novu's dashboard does when a key is regenerated: the environment's old key stops working at
 * once and the given one takes its place (same organization and environment, same integrations).
 */
function regenerateApiKey({ body, params }: ControlRequest, runtime: Runtime): JsonResponse {
  const { apiKey } = parse(apiKeyRequestSchema, body);
  assertKnownEnvironment(runtime, params.environmentId!);
  if (runtime.keys.has(apiKey)) throw new ControlError(400, "That API key is already in use");
  for (const [key, binding] of runtime.keys) if (binding.environmentId === params.environmentId) runtime.keys.delete(key);
  runtime.keys.set(apiKey, { apiKey, organizationId: runtime.store.organizationId, environmentId: params.environmentId! });
  return ok({ environmentId: params.environmentId, apiKey });
}

/** Inserts documents as they are, with the defaults of a create but none of its rules. */
function seed({ body }: ControlRequest, runtime: Runtime): JsonResponse {
  const { integrations } = parse(seedRequestSchema, body);
  const now = new Date();
  const known = new Set(runtime.store.table.map((i) => i._id));
  const created = integrations.map((input) => {
    const stored = seededIntegration(input, runtime, now);
    if (known.has(stored._id)) throw new ControlError(400, `An integration with _id ${stored._id} already exists`);
    known.add(stored._id);
    return stored;
  });
  runtime.store.commit([...runtime.store.table, ...created]);
  return { status: 201, headers: {}, body: { integrations: created } };
}

function seededIntegration(input: SeedIntegration, runtime: Runtime, now: Date): StoredIntegration {
  const environmentId = input._environmentId ?? runtime.store.environment("Development")._id;
  assertKnownEnvironment(runtime, environmentId);
  const name = input.name ?? defaultName(input.providerId);
  const timestamp = now.toISOString();
  return {
    _id: input._id ?? newObjectId(now),
    _environmentId: environmentId,
    _organizationId: runtime.store.organizationId,
    providerId: input.providerId,
    ...(input.channel !== undefined ? { channel: input.channel } : {}),
    kind: input.kind ?? "delivery",
    credentials: input.credentials ?? {},
    ...(input.configurations !== undefined ? { configurations: input.configurations } : {}),
    active: input.active ?? false,
    name,
    identifier: input.identifier ?? `${slugOf(name)}-${newShortId()}`,
    priority: input.priority ?? 0,
    primary: input.primary ?? false,
    conditions: castSeedConditions(input.conditions ?? [], now),
    ...(input.rules !== undefined ? { rules: input.rules } : {}),
    deleted: input.deleted ?? false,
    ...(input.deleted ? { deletedAt: timestamp } : {}),
    createdAt: input.createdAt ?? timestamp,
    updatedAt: input.createdAt ?? timestamp,
    __v: 0,
  };
}

/** Raw field changes to one stored integration (deleted ones too); `deleted: true` soft-deletes it. */
function patchIntegration({ body, params }: ControlRequest, runtime: Runtime): JsonResponse {
  const changes = parse(integrationPatchSchema, body);
  const existing = runtime.store.table.find((i) => i._id === params.integrationId);
  if (!existing) throw new ControlError(404, `No stored integration with _id ${params.integrationId}`);
  const patched = applyPatch(existing, changes, runtime, new Date());
  runtime.store.commit(runtime.store.table.map((i) => (i._id === existing._id ? patched : i)));
  return ok({ integration: patched });
}

function applyPatch(existing: StoredIntegration, changes: IntegrationPatch, runtime: Runtime, now: Date): StoredIntegration {
  if (changes._environmentId !== undefined) assertKnownEnvironment(runtime, changes._environmentId);
  const { conditions, deleted, ...fields } = changes;
  const next: StoredIntegration = { ...existing, ...stripUndefined(fields), updatedAt: now.toISOString() };
  if (conditions !== undefined) next.conditions = castSeedConditions(conditions, now);
  if (deleted === true && !existing.deleted) {
    next.deleted = true;
    next.deletedAt = now.toISOString();
  } else if (deleted === false) {
    next.deleted = false;
    delete next.deletedAt;
  }
  return next;
}

function addFault({ body }: ControlRequest, runtime: Runtime): JsonResponse {
  const rule = runtime.faults.add(parse(faultRuleInputSchema, body));
  return { status: 201, headers: {}, body: { fault: rule } };
}

function clearFaults(_: ControlRequest, runtime: Runtime): JsonResponse {
  runtime.faults.clear();
  return ok({ ok: true });
}

function removeFault({ params }: ControlRequest, runtime: Runtime): JsonResponse {
  if (!runtime.faults.remove(params.faultId)) throw new ControlError(404, `No fault rule with id ${params.faultId}`);
  return ok({ ok: true });
}

function updateSettings({ body }: ControlRequest, runtime: Runtime): JsonResponse {
  const changes = parse(settingsPatchSchema, body);
  runtime.store.updateSettings({ ...runtime.store.settings, ...stripUndefined(changes) });
  return ok({ settings: runtime.store.settings });
}

// ---- helpers ----------------------------------------------------------------------------------

function ok(body: unknown): JsonResponse {
  return { status: 200, headers: {}, body };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
  throw new ControlError(400, `Invalid request body: ${issues.join("; ")}`);
}

function assertKnownEnvironment(runtime: Runtime, environmentId: string): void {
  if (!runtime.store.environments.some((e) => e._id === environmentId)) {
    throw new ControlError(400, `Unknown environment ${environmentId}`);
  }
}

function castSeedConditions(conditions: readonly Record<string, unknown>[], now: Date): StoredIntegration["conditions"] {
  try {
    return castConditions(conditions, () => newObjectId(now));
  } catch (error) {
    if (error instanceof NovuHttpError) throw new ControlError(400, error.message);
    throw error;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
