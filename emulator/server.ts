/**
 * The HTTP server: reads each request's body, then routes `/__emulator/*` to the test controls
 * (loopback callers only) and everything else through fault injection and the Novu API pipeline.
 *
 * Concurrency: the only `await`s are reading the body and an injected delay, both before the
 * request touches the store; from there to the commit everything is synchronous, so concurrent
 * requests see each other's writes whole. A request whose wait spans a `reset` is cut off unlogged:
 * the reset is a fresh server, and the request was sent to the one before it (a killed
 * deployment's last create would otherwise land in the next test's environment).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { handleApiRequest } from "./api";
import { HttpException, InternalServerError, RateLimitedError, reasonPhrase, type NovuHttpError } from "./errors";
import { parseBody, readRawBody, writeJson, type JsonResponse } from "./http";
import { matchRoute } from "./router";
import { ControlError, controlRoutes } from "./routes/controls";
import type { Runtime } from "./runtime";
import type { Fault } from "./schemas";
import { isPlainObject } from "./validation";

export const CONTROL_PREFIX = "/__emulator";

export function createEmulatorServer(runtime: Runtime): Server {
  return createServer((request, response) => {
    handle(request, response, runtime).catch((error: unknown) => {
      process.stderr.write(`novu-emulator: request failed: ${(error as Error)?.stack ?? String(error)}\n`);
      response.destroy();
    });
  });
}

async function handle(request: IncomingMessage, response: ServerResponse, runtime: Runtime): Promise<void> {
  const startedAt = performance.now();
  const at = new Date().toISOString();
  const method = request.method ?? "GET";
  const url = request.url ?? "/";
  const pathname = url.split("?")[0];
  const resetsAtStart = runtime.resets.count;
  const raw = await readRawBody(request);

  if (pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)) {
    writeJson(response, handleControl(request, method, pathname, raw, runtime));
    return;
  }

  // From before a reset: neither a fault rule of the fresh server nor its store may be touched.
  const sentBeforeAReset = () => runtime.resets.count !== resetsAtStart;
  if (sentBeforeAReset()) {
    request.socket.destroy();
    return;
  }
  const body = parseBody(raw, request.headers["content-type"]);
  const bodyKeys = body.kind === "json" && isPlainObject(body.value) ? Object.keys(body.value) : null;
  const fault = runtime.faults.take(method, pathname);
  const record = (status: number | null) =>
    runtime.log.add({
      method,
      path: pathname,
      status,
      durationMs: Math.round(performance.now() - startedAt),
      bodyKeys,
      fault: fault?.type ?? null,
      at,
    });

  if (fault?.type === "drop") {
    record(null);
    request.socket.destroy();
    return;
  }
  if (fault?.type === "delay") await sleep(fault.ms);
  if (sentBeforeAReset()) {
    request.socket.destroy();
    return;
  }
  if (fault?.type === "status" || fault?.type === "rate-limit") {
    const injected = injectedError(fault);
    writeJson(response, {
      status: injected.status,
      headers: injected.headers(),
      body: injected.toBody({ path: url, timestamp: new Date().toISOString() }),
    });
    record(injected.status);
    return;
  }

  if (fault?.type === "echo") {
    const echoed = new HttpException(fault.status, echoMessage(method, url, request.headers, raw));
    writeJson(response, { status: echoed.status, headers: {}, body: echoed.toBody({ path: url, timestamp: new Date().toISOString() }) });
    record(echoed.status);
    return;
  }

  const result = handleApiRequest(
    { method, url, pathname, authorization: request.headers.authorization, body },
    runtime,
  );
  if (fault?.type === "apply-then-drop") {
    // The write is committed; the client never learns it. Naive create-retries duplicate here.
    record(null);
    request.socket.destroy();
    return;
  }
  writeJson(response, result);
  record(result.status);
}

/**
 * What a careless proxy or a debugging server answers: the request quoted back, headers
 * (Authorization included) and body as sent, so clients can prove they never show it.
 */
function echoMessage(method: string, url: string, headers: IncomingMessage["headers"], raw: Buffer | "too-large"): string {
  const body = raw === "too-large" ? "(too large)" : raw.toString("utf8");
  return `Bad request ${method} ${url}; headers: ${JSON.stringify(headers)}; body: ${body}`;
}

function injectedError(fault: Extract<Fault, { type: "status" | "rate-limit" }>): NovuHttpError {
  if (fault.type === "rate-limit") return new RateLimitedError(fault.retryAfterSeconds);
  if (fault.status === 500 && fault.message === undefined) return new InternalServerError();
  return new HttpException(fault.status, fault.message ?? reasonPhrase(fault.status));
}

function handleControl(
  request: IncomingMessage,
  method: string,
  pathname: string,
  raw: Buffer | "too-large",
  runtime: Runtime,
): JsonResponse {
  try {
    if (!isLoopback(request.socket.remoteAddress)) {
      throw new ControlError(403, "The emulator's test controls answer loopback callers only");
    }
    const match = matchRoute(controlRoutes, method, pathname);
    if (!match) throw new ControlError(404, `No emulator control ${method} ${pathname}`);
    return match.route.handler({ params: match.params, body: parseControlBody(raw) }, runtime);
  } catch (error) {
    if (error instanceof ControlError) return { status: error.status, headers: {}, body: { error: error.message } };
    throw error;
  }
}

/** Controls take JSON whatever the content type, so `curl -d` works without headers. */
function parseControlBody(raw: Buffer | "too-large"): unknown {
  if (raw === "too-large") throw new ControlError(413, "Request body too large");
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw new ControlError(400, `Invalid JSON: ${(error as Error).message}`);
  }
}

/** `127.0.0.0/8`, `::1`, or IPv4-mapped loopback. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}
