/**
 * The Novu integrations API over undici (keep-alive). One method per endpoint; each returns parsed
 * data or throws a typed error. It knows nothing of Pulumi.
 *
 * Every method is one *operation* with a deadline (`operationTimeoutMs`, or the caller's, shared
 * by all calls of a provider operation). Within it, each attempt takes a slot from the rate
 * limiter, and failures the retry policy calls transient are tried again (retry-policy.ts). What
 * a retry may do depends on the request (docs/reliability.md):
 *
 * - GET, PUT and set-primary are idempotent: they are simply sent again. A set-primary that still
 *   fails after a lost answer is re-read before it is reported, since the lost attempt may have
 *   worked.
 * - POST (create) is not: Novu would make a second integration, or answer 409 for our own. After
 *   an attempt whose outcome is unknown, the next one first looks the identifier up and continues
 *   with what it finds, so one create never makes two integrations.
 * - DELETE: a 404 on a retry after a lost answer means the lost attempt deleted it.
 */
import { Agent, type Dispatcher, request } from "undici";
import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import { NovuApiError, NovuNetworkError, NovuResponseError } from "../errors";
import {
  type CreateBody,
  type EnvironmentResponse,
  environmentResponseSchema,
  errorBodySchema,
  type IntegrationListing,
  type IntegrationResponse,
  integrationResponseSchema,
  type UpdateBody,
} from "../schemas/api";
import { holdersOf, isIdentifierTaken } from "../planning/identifier-holders";
import { Deadline } from "./deadline";
import { readListing } from "./listing";
import { NovuCreateOutcomeUnknownError, NovuGaveUpError } from "./errors";
import { RateLimiter, RateLimitWaitError } from "./rate-limiter";
import { type AttemptFailure, decideRetry, DEFAULT_RETRY_SETTINGS, mayHaveApplied, type RetrySettings } from "./retry-policy";
import { rateLimitBucket, serverDelayMs } from "./retry-timing";

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_OPERATION_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_REQUESTS_PER_SECOND = 25;

export interface NovuClientOptions {
  readonly apiUrl: string;
  /** Where `apiUrl` came from, as the user wrote it (`novu:apiUrl`, `NOVU_API_URL`, `--api-url`): network errors name it. */
  readonly apiUrlSetting?: string;
  readonly secretKey: string;
  /** Time limit of one HTTP request; never more than what is left of the operation. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Budget of one operation (all its attempts, waits and lookups) when the caller gives no deadline. Default 120 s. */
  readonly operationTimeoutMs?: number;
  /** Retry settings; `maxRetries: 0` turns retrying off. Defaults: DEFAULT_RETRY_SETTINGS. */
  readonly retry?: Partial<RetrySettings>;
  /** The limiter to share; by default the client makes its own of `maxRequestsPerSecond`. */
  readonly limiter?: RateLimiter;
  /** Requests per second of the client's own limiter; 0 = no limit of ours. Default 25 (Novu Free allows 30). */
  readonly maxRequestsPerSecond?: number;
  readonly dispatcher?: Dispatcher;
  readonly userAgent?: string;
  /** Randomness of the backoff jitter (tests pass a fixed one). */
  readonly random?: () => number;
}

export interface CallOptions {
  /** The deadline of the provider operation this call belongs to. Default: a new one of `operationTimeoutMs`. */
  readonly deadline?: Deadline;
  /** The integration's identifier, so that errors name what the user declared rather than only Novu's id. */
  readonly identifier?: string;
  /** Fewer retries than the client's for this call (a preview's quick check); never more. */
  readonly maxRetries?: number;
}

/** `integration "mail" (6b10…)`, or `integration 6b10…` when the identifier is not known. */
function integrationLabel(integrationId: string, options: CallOptions): string {
  return options.identifier !== undefined ? `integration "${options.identifier}" (${integrationId})` : `integration ${integrationId}`;
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

/** One request and what counts as its success. */
interface Exchange<T> {
  readonly operation: string;
  readonly method: Method;
  readonly path: string;
  readonly body?: unknown;
  readonly okStatuses: readonly number[];
  readonly schema: z.ZodType<T>;
}

/** No attempt can start before the deadline (the limiter's wait, or no time left). */
class NoTimeLeft extends Error {}

export class NovuClient {
  private readonly dispatcher: Dispatcher;
  private readonly limiter: RateLimiter;
  private readonly retry: RetrySettings;
  private readonly requestTimeoutMs: number;
  private readonly operationTimeoutMs: number;
  private readonly random: () => number;

  constructor(private readonly opts: NovuClientOptions) {
    this.dispatcher = opts.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, connections: 16 });
    this.limiter = opts.limiter ?? new RateLimiter({ perSecond: opts.maxRequestsPerSecond ?? DEFAULT_MAX_REQUESTS_PER_SECOND });
    this.retry = { ...DEFAULT_RETRY_SETTINGS, ...opts.retry };
    this.requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.operationTimeoutMs = opts.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;
    this.random = opts.random ?? Math.random;
  }

  /** A deadline for one provider operation, to pass to every call it makes. */
  deadline(): Deadline {
    return Deadline.after(this.operationTimeoutMs);
  }

  /** The integrations pulumi-novu can manage; the ones it cannot are in listAllIntegrations. */
  async listIntegrations(options: CallOptions = {}): Promise<IntegrationResponse[]> {
    return (await this.listAllIntegrations(options)).integrations;
  }

  /**
   * Every listed integration, read tolerantly (listing.ts): an item pulumi-novu cannot manage (an
   * agent, an unknown channel or kind, a shape it cannot read) is set aside with the reason and
   * never fails the list. Only an answer that is not a list at all is an error.
   */
  async listAllIntegrations(options: CallOptions = {}): Promise<IntegrationListing> {
    const exchange = {
      operation: "list integrations",
      method: "GET",
      path: "/v1/integrations",
      okStatuses: [200],
      schema: z.array(z.unknown()).transform((items) => readListing(items)!),
    } as const;
    const deadline = options.deadline ?? this.deadline();
    return this.retrying(exchange.operation, deadline, () => this.send(exchange, deadline));
  }

  /**
   * `GET /v1/environments/me`: the environment the key belongs to, or `undefined` when the server
   * does not serve that route (404, older self-hosted servers).
   */
  async currentEnvironment(options: CallOptions = {}): Promise<EnvironmentResponse | undefined> {
    const exchange = {
      operation: "read the key's environment",
      method: "GET",
      path: "/v1/environments/me",
      okStatuses: [200],
      schema: environmentResponseSchema,
    } as const;
    const deadline = options.deadline ?? this.deadline();
    try {
      return await this.retrying(exchange.operation, deadline, () => this.send(exchange, deadline), options.maxRetries);
    } catch (err) {
      if (err instanceof NovuApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  /**
   * POST, never twice for one integration: after an attempt whose outcome is unknown, the identifier
   * is looked up (in the body's environment) before the next attempt, and a 409 for the identifier
   * is checked against the lookup too, in case the lost attempt landed late.
   */
  async createIntegration(body: CreateBody, options: CallOptions = {}): Promise<IntegrationResponse> {
    const exchange = {
      operation: `create integration "${body.identifier}"`,
      method: "POST",
      path: "/v1/integrations",
      body,
      okStatuses: [201, 200],
      schema: integrationResponseSchema,
    } as const;
    const deadline = options.deadline ?? this.deadline();
    let outcomeUnknown = false;
    try {
      return await this.retrying(exchange.operation, deadline, async () => {
        if (outcomeUnknown) {
          const found = await this.findCreated(body, deadline);
          if (found) return found;
        }
        try {
          return await this.send(exchange, deadline);
        } catch (err) {
          const failure = failureOf(err);
          if (failure && mayHaveApplied(failure)) outcomeUnknown = true;
          else if (outcomeUnknown && isIdentifierConflict(err)) {
            const found = await this.findCreated(body, deadline);
            if (found) return found;
          }
          throw err;
        }
      });
    } catch (err) {
      if (!outcomeUnknown || isIdentifierConflict(err)) throw err;
      // One last look, if time is left: the lost attempt may have worked after all.
      const found = deadline.expired() ? undefined : await this.findCreated(body, deadline).catch(() => undefined);
      if (found) return found;
      throw new NovuCreateOutcomeUnknownError(exchange.operation, body.identifier, err as Error);
    }
  }

  /** Novu Cloud has been seen answering 201 to PUT, the open-source server 200: both are success. Idempotent. */
  async updateIntegration(integrationId: string, body: UpdateBody, options: CallOptions = {}): Promise<IntegrationResponse> {
    const exchange = {
      operation: `update ${integrationLabel(integrationId, options)}`,
      method: "PUT",
      path: `/v1/integrations/${integrationId}`,
      body,
      okStatuses: [200, 201],
      schema: integrationResponseSchema,
    } as const;
    const deadline = options.deadline ?? this.deadline();
    return this.retrying(exchange.operation, deadline, () => this.send(exchange, deadline));
  }

  /**
   * 201 before Novu PR #12612, 200 after. Idempotent (an integration that is already primary is
   * answered as it is). If it still fails after an attempt whose answer was lost, the integration
   * is re-read: the lost attempt may have made it primary.
   */
  async setPrimary(integrationId: string, options: CallOptions = {}): Promise<IntegrationResponse> {
    const exchange = {
      operation: `set ${integrationLabel(integrationId, options)} as primary`,
      method: "POST",
      path: `/v1/integrations/${integrationId}/set-primary`,
      okStatuses: [200, 201],
      schema: integrationResponseSchema,
    } as const;
    const deadline = options.deadline ?? this.deadline();
    let outcomeUnknown = false;
    try {
      return await this.retrying(exchange.operation, deadline, () =>
        this.send(exchange, deadline).catch((err: unknown) => {
          const failure = failureOf(err);
          if (failure && mayHaveApplied(failure)) outcomeUnknown = true;
          throw err;
        }),
      );
    } catch (err) {
      if (!outcomeUnknown || deadline.expired()) throw err;
      const current = (await this.listIntegrations({ deadline }).catch(() => [])).find((i) => i._id === integrationId && !i.deleted);
      if (current?.primary) return current;
      throw err;
    }
  }

  /** The answer is the caller's remaining integrations, which we do not need. */
  async deleteIntegration(integrationId: string, options: CallOptions = {}): Promise<void> {
    const exchange = {
      operation: `delete ${integrationLabel(integrationId, options)}`,
      method: "DELETE",
      path: `/v1/integrations/${integrationId}`,
      okStatuses: [200, 204],
      schema: z.unknown(),
    } as const;
    const deadline = options.deadline ?? this.deadline();
    let outcomeUnknown = false;
    await this.retrying(exchange.operation, deadline, async () => {
      try {
        await this.send(exchange, deadline);
      } catch (err) {
        // The attempt whose answer was lost deleted it.
        if (outcomeUnknown && err instanceof NovuApiError && err.status === 404) return;
        const failure = failureOf(err);
        if (failure && mayHaveApplied(failure)) outcomeUnknown = true;
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    if (!this.opts.dispatcher) await this.dispatcher.close();
  }

  /** Runs `attempt` until it succeeds, the policy says stop, or the deadline leaves no room. */
  private async retrying<T>(operation: string, deadline: Deadline, attempt: () => Promise<T>, maxRetries?: number): Promise<T> {
    const retry = maxRetries === undefined ? this.retry : { ...this.retry, maxRetries: Math.min(maxRetries, this.retry.maxRetries) };
    const started = Date.now();
    let attempts = 0;
    let lastError: Error | undefined;
    for (;;) {
      try {
        attempts += 1;
        return await attempt();
      } catch (err) {
        if (err instanceof NoTimeLeft) {
          const detail = `novu:operationTimeoutMs (${deadline.budgetMs} ms) would pass before ${lastError ? "the next attempt" : "the first attempt"} could start (${err.message})`;
          throw new NovuGaveUpError(operation, "deadline", attempts - 1, Date.now() - started, lastError, detail);
        }
        const failure = failureOf(err);
        if (!failure) throw err;
        const decision = decideRetry(failure, attempts - 1, deadline.remainingMs(), retry, this.random);
        if (!decision.retry) {
          if (decision.reason === "not-retryable") throw err;
          const detail =
            decision.reason === "retries-exhausted"
              ? retry.maxRetries === this.retry.maxRetries
                ? `novu:maxRetries is ${retry.maxRetries}`
                : `${retry.maxRetries} retr${retry.maxRetries === 1 ? "y" : "ies"} allowed for this call`
              : `novu:operationTimeoutMs (${deadline.budgetMs} ms) would pass before the next attempt`;
          throw new NovuGaveUpError(operation, decision.reason, attempts, Date.now() - started, err as Error, detail);
        }
        lastError = err as Error;
        await sleep(decision.delayMs);
      }
    }
  }

  /** One attempt: a limiter slot, the request, and the answer checked and parsed. */
  private async send<T>(x: Exchange<T>, deadline: Deadline): Promise<T> {
    try {
      await this.limiter.acquire(deadline);
    } catch (err) {
      if (err instanceof RateLimitWaitError) throw new NoTimeLeft(`waiting for the rate limit: ${Math.ceil(err.waitMs / 1000)} s`);
      throw err;
    }
    const timeoutMs = Math.min(this.requestTimeoutMs, deadline.remainingMs());
    if (timeoutMs <= 0) throw new NoTimeLeft("no time left");
    const headers: Record<string, string> = {
      authorization: `ApiKey ${this.opts.secretKey}`,
      accept: "application/json",
      "user-agent": this.opts.userAgent ?? "pulumi-novu",
    };
    if (x.body !== undefined) headers["content-type"] = "application/json";
    // undici's own headers/body timeouts tick in whole seconds; an abort timer keeps the limit (and the deadline) exact.
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(Object.assign(new Error(`timed out after ${timeoutMs} ms`), { code: "ETIMEDOUT" })), timeoutMs);
    let res: Dispatcher.ResponseData;
    let text: string;
    try {
      try {
        res = await request(this.opts.apiUrl + x.path, {
          method: x.method,
          headers,
          body: x.body === undefined ? undefined : JSON.stringify(x.body),
          dispatcher: this.dispatcher,
          signal: timer.signal,
        });
      } catch (err) {
        throw new NovuNetworkError(x.operation, networkCode(err), this.opts.apiUrl, this.opts.apiUrlSetting);
      }
      this.observeRateLimit(res.statusCode, res.headers);
      try {
        text = await res.body.text();
      } catch (err) {
        throw new NovuNetworkError(x.operation, networkCode(err), this.opts.apiUrl, this.opts.apiUrlSetting);
      }
    } finally {
      clearTimeout(timeout);
    }
    if (!x.okStatuses.includes(res.statusCode)) {
      throw new NovuApiError(x.operation, res.statusCode, serverMessage(text, res.statusCode), serverDelayMs(res.statusCode, res.headers));
    }
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      throw new NovuResponseError(x.operation, `status ${res.statusCode} with a body that is not JSON`);
    }
    const data = json !== null && typeof json === "object" && "data" in json ? (json as { data: unknown }).data : json;
    const parsed = x.schema.safeParse(data);
    if (!parsed.success) {
      throw new NovuResponseError(x.operation, z.prettifyError(parsed.error).split("\n").slice(0, 3).join("; "));
    }
    return parsed.data;
  }

  /** A 429, or an answer saying the account's bucket is empty, holds every request of the process. */
  private observeRateLimit(status: number, headers: IncomingHttpHeaders): void {
    const now = Date.now();
    if (status === 429) {
      this.limiter.pauseUntil(now + (serverDelayMs(429, headers, now) ?? 1000));
      return;
    }
    const bucket = rateLimitBucket(headers);
    if (bucket) this.limiter.observeBucket(bucket.remaining, bucket.resetMs);
  }

  /** The integration an earlier create attempt made, if any: same identifier, environment, provider and channel. */
  private async findCreated(body: CreateBody, deadline: Deadline): Promise<IntegrationResponse | undefined> {
    const matches = holdersOf({ identifier: body.identifier, environmentId: body._environmentId }, await this.listIntegrations({ deadline })).filter(
      (i) => i.providerId === body.providerId && i.channel === body.channel,
    );
    // Several environments hold the identifier (an organization-wide list) and the body names none: we cannot tell.
    return matches.length === 1 ? matches[0] : undefined;
  }
}

function failureOf(err: unknown): AttemptFailure | undefined {
  if (err instanceof NovuApiError) return { kind: "status", status: err.status, serverDelayMs: err.retryAfterMs };
  if (err instanceof NovuNetworkError) return { kind: "network", code: err.code };
  return undefined;
}

function isIdentifierConflict(err: unknown): boolean {
  return err instanceof NovuApiError && isIdentifierTaken(err.status, err.serverMessage);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function networkCode(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string }; name?: string };
  return e.code ?? e.cause?.code ?? e.name ?? "unknown error";
}

/** One line from Nest's error body; validation errors list their messages. Never echoes request data. */
function serverMessage(text: string, status: number): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text.trim().slice(0, 200) || `HTTP ${status}`;
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return `HTTP ${status}`;
  const b = parsed.data;
  const details = Object.values(b.errors ?? {}).flatMap((e) => e.messages ?? []);
  const message = Array.isArray(b.message) ? b.message.join("; ") : unwrapCheckMessage(b.message ?? b.error ?? `HTTP ${status}`);
  return details.length > 0 && !details.includes(message) ? `${message}: ${details.join("; ")}` : message;
}

/**
 * Novu's credential check (`check: true`) fails with a 400 whose `message` is itself a JSON string,
 * `{"success":false,"code":"…","message":"…"}`: show the provider's message and code instead.
 */
function unwrapCheckMessage(message: string): string {
  if (!message.startsWith("{")) return message;
  try {
    const inner = JSON.parse(message) as { success?: unknown; code?: unknown; message?: unknown };
    if (inner.success !== false || typeof inner.message !== "string") return message;
    const code = typeof inner.code === "string" || typeof inner.code === "number" ? ` (${inner.code})` : "";
    return `the credential check failed${code}: ${inner.message}`;
  } catch {
    return message;
  }
}
