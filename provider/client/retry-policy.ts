/**
 * Whether a failed attempt is tried again, and after how long. Pure: the client passes the failure,
 * the retries so far, the time left of the operation and a source of randomness.
 *
 * - Retried: 429, the transient 5xx (500, 502, 503, 504) and network failures (connection refused or
 *   reset, socket closed, timeouts). Every other status is an answer, not a fault: a 409 says the
 *   identifier is taken, a 404 that the integration is gone, a 400/422 that the request is wrong;
 *   asking again would get the same answer.
 * - The wait is the server's when it names one (`Retry-After`, then `RateLimit-Reset` on a 429),
 *   otherwise exponential backoff with full jitter: a uniform draw from 0 to
 *   min(maxDelayMs, baseDelayMs × 2^retry). Full jitter spreads the retries of many resources that
 *   failed together, so they do not come back together (AWS Architecture Blog, "Exponential
 *   Backoff And Jitter").
 * - A wait that would end after the operation's deadline is not started: the operation fails now,
 *   with the last failure, instead of failing later with less information.
 */

export interface RetrySettings {
  /** Retries after the first attempt; 0 turns retrying off. */
  readonly maxRetries: number;
  /** The backoff ceiling of the first retry; it doubles with each further retry. */
  readonly baseDelayMs: number;
  /** The largest backoff ceiling (a server-named wait is not capped by it, only by the deadline). */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/** One failed attempt, as the policy sees it. */
export type AttemptFailure =
  /** Novu answered with an error status; `serverDelayMs` is the wait it named, if any. */
  | { readonly kind: "status"; readonly status: number; readonly serverDelayMs?: number }
  /** No answer: the request failed at the network level with this (Node or undici) error code. */
  | { readonly kind: "network"; readonly code: string };

export const RETRYABLE_STATUSES: readonly number[] = [429, 500, 502, 503, 504];

/** Failures of the request before it reached the server: it cannot have acted on it. */
const NOT_SENT_CODES: readonly string[] = [
  "ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT", "EAI_AGAIN", "ENETDOWN", "ENETUNREACH", "EHOSTDOWN", "EHOSTUNREACH",
];

/** Failures after the request may have reached the server. */
const IN_FLIGHT_CODES: readonly string[] = [
  "ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT",
];

/** The host name does not resolve: the request never left this machine. */
const UNRESOLVED_CODES: readonly string[] = ["ENOTFOUND", "EAI_FAIL", "EAI_NONAME"];

/**
 * Network codes worth another attempt. ENOTFOUND is not among them: a host that does not resolve is
 * almost always a wrong `novu:apiUrl`, and retrying it only delays the error.
 */
export const RETRYABLE_NETWORK_CODES: readonly string[] = [...NOT_SENT_CODES, ...IN_FLIGHT_CODES];

export function isRetryable(failure: AttemptFailure): boolean {
  return failure.kind === "status" ? RETRYABLE_STATUSES.includes(failure.status) : RETRYABLE_NETWORK_CODES.includes(failure.code);
}

/**
 * Whether the server may have carried out the request although we got no success: the connection
 * broke after the request was sent, or a 500/502/504 (a proxy may answer those after forwarding
 * it). A 429 and a 503 are refusals before any work; a refused connection never reached Novu.
 * For a non-idempotent request (create) such an outcome is *unknown*, and must be looked up
 * before the request is sent again.
 */
export function mayHaveApplied(failure: AttemptFailure): boolean {
  if (failure.kind === "status") return failure.status === 500 || failure.status === 502 || failure.status === 504;
  return !NOT_SENT_CODES.includes(failure.code) && !UNRESOLVED_CODES.includes(failure.code);
}

/** Full jitter: uniform in [0, min(maxDelayMs, baseDelayMs × 2^retry)). `retry` counts from 0. */
export function backoffMs(retry: number, settings: RetrySettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.min(retry, 30));
  return Math.floor(random() * ceiling);
}

export type GiveUpReason = "not-retryable" | "retries-exhausted" | "deadline";

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: GiveUpReason };

/**
 * @param retriesSoFar retries already made (0 after the first attempt failed)
 * @param remainingMs time left before the operation's deadline
 */
export function decideRetry(
  failure: AttemptFailure,
  retriesSoFar: number,
  remainingMs: number,
  settings: RetrySettings,
  random: () => number,
): RetryDecision {
  if (!isRetryable(failure)) return { retry: false, reason: "not-retryable" };
  if (retriesSoFar >= settings.maxRetries) return { retry: false, reason: "retries-exhausted" };
  const serverDelay = failure.kind === "status" ? failure.serverDelayMs : undefined;
  const delayMs = serverDelay ?? backoffMs(retriesSoFar, settings, random);
  if (delayMs >= remainingMs) return { retry: false, reason: "deadline" };
  return { retry: true, delayMs };
}
