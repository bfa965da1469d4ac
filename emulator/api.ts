/**
 * The request pipeline of the Novu API (§3.3), for one request whose body is already read:
 * body parser → routing (Nest's 404) → authentication guard (401) → rate limit (429, and the
 * `RateLimit-*` headers on everything after it) → handler (validation 422, use case 4xx) →
 * `{data}` envelope. Synchronous from the first read of the store to the commit.
 */
import { assertExternalApiAccessible, authenticate } from "./auth";
import { HttpException, InternalServerError, NovuHttpError, RateLimitedError } from "./errors";
import type { BodyResult, JsonResponse } from "./http";
import { matchRoute } from "./router";
import { environmentRoutes } from "./routes/environments";
import { integrationRoutes } from "./routes/integrations";
import type { Runtime } from "./runtime";

export interface IncomingApiRequest {
  readonly method: string;
  /** As received, query string included (error bodies echo it as `path`). */
  readonly url: string;
  readonly pathname: string;
  readonly authorization: string | undefined;
  readonly body: BodyResult;
}

const API_ROUTES = [...integrationRoutes, ...environmentRoutes];

export function handleApiRequest(request: IncomingApiRequest, runtime: Runtime): JsonResponse {
  let headers: Record<string, string> = {};
  try {
    if (request.body.kind === "too-large") throw new HttpException(413, "request entity too large");
    if (request.body.kind === "invalid-json") throw new HttpException(400, request.body.message);

    // Express answers HEAD with the GET route (Node drops the body).
    const routeMethod = request.method === "HEAD" ? "GET" : request.method;
    const match = matchRoute(API_ROUTES, routeMethod, request.pathname);
    if (!match) throw new HttpException(404, `Cannot ${request.method} ${request.url}`);

    const principal = authenticate(request.authorization, runtime.keys);
    assertExternalApiAccessible(match.route.handler.externalApiAccessible);

    if (runtime.limiter) {
      const decision = runtime.limiter.consume(principal.environmentId, Date.now());
      headers = runtime.limiter.headers(decision);
      if (!decision.allowed) throw new RateLimitedError(decision.resetSeconds);
    }

    const body = request.body.kind === "json" ? request.body.value : undefined;
    const { status, data } = match.route.handler.handle({ params: match.params, body, principal }, runtime);
    return { status, headers, body: { data } };
  } catch (caught) {
    const error = caught instanceof NovuHttpError ? caught : unexpected(caught);
    return {
      status: error.status,
      headers: { ...headers, ...error.headers() },
      body: error.toBody({ path: request.url, timestamp: new Date().toISOString() }),
    };
  }
}

function unexpected(caught: unknown): InternalServerError {
  const error = new InternalServerError();
  process.stderr.write(`novu-emulator: unexpected error ${error.errorId}: ${(caught as Error)?.stack ?? String(caught)}\n`);
  return error;
}
