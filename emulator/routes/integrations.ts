/**
 * The `/v1/integrations` routes: request → validated input → pure use case → committed table →
 * `{data}` envelope. Each handler's read-modify-write is synchronous (no `await`), so concurrent
 * requests cannot interleave inside it.
 */
import type { Principal } from "../auth";
import { InternalServerError } from "../errors";
import { newObjectId, newShortId } from "../ids";
import { presentIntegration } from "../present";
import type { Route } from "../router";
import type { Runtime } from "../runtime";
import type { StoredIntegration } from "../schemas";
import type { UseCaseContext } from "../usecases/context";
import { createIntegration } from "../usecases/create-integration";
import { getIntegrations } from "../usecases/get-integrations";
import { getWebhookSupportStatus } from "../usecases/get-webhook-support-status";
import { removeIntegration } from "../usecases/remove-integration";
import { setIntegrationAsPrimary } from "../usecases/set-integration-as-primary";
import { updateIntegration } from "../usecases/update-integration";
import { validateCreateBody, validateUpdateBody } from "../validation";

export interface ApiRequest {
  readonly params: Readonly<Record<string, string>>;
  /** The parsed JSON body, or `undefined` when none was sent. */
  readonly body: unknown;
  readonly principal: Principal;
}

export interface ApiResult {
  readonly status: number;
  /** Wrapped in `{data}` by the pipeline (Novu's `ResponseInterceptor`). */
  readonly data: unknown;
}

export interface ApiHandlerSpec {
  /** `@ExternalApiAccessible()`: API keys may call it. */
  readonly externalApiAccessible: boolean;
  readonly handle: (request: ApiRequest, runtime: Runtime) => ApiResult;
}

export const integrationRoutes: readonly Route<ApiHandlerSpec>[] = [
  { method: "GET", pattern: "/v1/integrations", handler: external(list(false)) },
  { method: "GET", pattern: "/v1/integrations/active", handler: external(list(true)) },
  { method: "POST", pattern: "/v1/integrations", handler: external(create) },
  // Dashboard-only routes: an API key is refused before they run (§5.7).
  { method: "GET", pattern: "/v1/integrations/in-app/status", handler: dashboardOnly() },
  { method: "GET", pattern: "/v1/integrations/:channelType/limit", handler: dashboardOnly() },
  { method: "GET", pattern: "/v1/integrations/webhook/provider/:providerOrIntegrationId/status", handler: external(webhookSupportStatus) },
  { method: "PUT", pattern: "/v1/integrations/:integrationId", handler: external(update) },
  { method: "POST", pattern: "/v1/integrations/:integrationId/set-primary", handler: external(setPrimary) },
  { method: "DELETE", pattern: "/v1/integrations/:integrationId", handler: external(remove) },
];

function list(activeOnly: boolean) {
  return ({ principal }: ApiRequest, runtime: Runtime): ApiResult => {
    const found = getIntegrations(runtime.store.table, context(principal, runtime), { activeOnly });
    return { status: 200, data: found.map((i) => present(i, runtime, { withVirtualId: false })) };
  };
}

function webhookSupportStatus({ params, principal }: ApiRequest, runtime: Runtime): ApiResult {
  return { status: 200, data: getWebhookSupportStatus(runtime.store.table, context(principal, runtime), params.providerOrIntegrationId!) };
}

function create({ body, principal }: ApiRequest, runtime: Runtime): ApiResult {
  const input = validateCreateBody(body);
  const { table, result } = createIntegration(runtime.store.table, context(principal, runtime), input);
  runtime.store.commit(table);
  return { status: 201, data: present(result, runtime, { withVirtualId: true }) };
}

function update({ body, params, principal }: ApiRequest, runtime: Runtime): ApiResult {
  const input = validateUpdateBody(body);
  const { table, result } = updateIntegration(runtime.store.table, context(principal, runtime), params.integrationId, input);
  runtime.store.commit(table);
  return { status: runtime.options.updateStatus, data: present(result, runtime, { withVirtualId: true }) };
}

function setPrimary({ params, principal }: ApiRequest, runtime: Runtime): ApiResult {
  const before = runtime.store.table;
  const { table, result } = setIntegrationAsPrimary(before, context(principal, runtime), params.integrationId);
  if (table !== before) runtime.store.commit(table);
  return { status: runtime.options.setPrimaryStatus, data: present(result, runtime, { withVirtualId: true }) };
}

function remove({ params, principal }: ApiRequest, runtime: Runtime): ApiResult {
  const { table, result } = removeIntegration(runtime.store.table, context(principal, runtime), params.integrationId);
  runtime.store.commit(table);
  // Lean entities: no `id` virtual, and in `echo` mode the stored (encrypted) credentials.
  return { status: 200, data: result.map((i) => present(i, runtime, { withVirtualId: false, credentialsAtRest: true })) };
}

function context(principal: Principal, runtime: Runtime): UseCaseContext {
  const now = new Date();
  return {
    principal,
    scoping: runtime.options.scoping,
    scopeWording: runtime.options.scopeWording,
    environments: runtime.store.environments,
    settings: runtime.store.settings,
    now,
    newId: () => newObjectId(now),
    newShortId,
  };
}

function present(
  integration: StoredIntegration,
  runtime: Runtime,
  options: { withVirtualId: boolean; credentialsAtRest?: boolean },
): Record<string, unknown> {
  return presentIntegration(integration, { credentials: runtime.options.credentials, ...options });
}

function external(handle: ApiHandlerSpec["handle"]): ApiHandlerSpec {
  return { externalApiAccessible: true, handle };
}

function dashboardOnly(): ApiHandlerSpec {
  return {
    externalApiAccessible: false,
    handle: () => {
      // Unreachable: every caller of the emulator is an API key, refused by the guard.
      throw new InternalServerError();
    },
  };
}
