/**
 * `GET /v1/environments/me` (`EnvironmentsController.getCurrentEnvironment`, API-key accessible;
 * the @novu/node SDK's `environments.getCurrent()`): the caller's own environment. The real server
 * reads it without its API keys, so the answer names the environment and its organization and never
 * carries a key (of this environment or any other).
 */
import { NotFoundError } from "../errors";
import type { Route } from "../router";
import type { Runtime } from "../runtime";
import type { ApiHandlerSpec, ApiRequest, ApiResult } from "./integrations";

export const environmentRoutes: readonly Route<ApiHandlerSpec>[] = [
  { method: "GET", pattern: "/v1/environments/me", handler: { externalApiAccessible: true, handle: current } },
];

function current({ principal }: ApiRequest, runtime: Runtime): ApiResult {
  const environment = runtime.store.environments.find((e) => e._id === principal.environmentId && e._organizationId === principal.organizationId);
  if (!environment) throw new NotFoundError(`Environment with id ${principal.environmentId} not found`);
  const development = runtime.store.environments.find((e) => e.name === "Development");
  return {
    status: 200,
    data: {
      _id: environment._id,
      name: environment.name,
      _organizationId: environment._organizationId,
      // Novu's `identifier` is a random nanoid made at creation; the emulator derives a fixed one.
      identifier: `env${environment._id.slice(-8)}`,
      // Production is created as a child of Development.
      ...(development && development._id !== environment._id ? { _parentId: development._id } : {}),
    },
  };
}
