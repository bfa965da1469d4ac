/**
 * How long the server asks us to wait. `Retry-After` is the server's explicit instruction for this
 * response, so it wins; `RateLimit-Reset` (seconds until the window refills) is a fallback that
 * Novu sends on every rate-limited response.
 */
import type { IncomingHttpHeaders } from "node:http";

export function retryDelayMs(headers: IncomingHttpHeaders, now: number = Date.now()): number | undefined {
  return retryAfterMs(headers, now) ?? rateLimitResetMs(headers);
}

/**
 * The wait a failed answer asks for before the next attempt. A 429 may fall back to
 * `RateLimit-Reset`; a 5xx may not: Novu puts `RateLimit-*` headers on every rate-limited answer,
 * and waiting for the next window would only slow down the retry of an unrelated server error.
 */
export function serverDelayMs(status: number, headers: IncomingHttpHeaders, now: number = Date.now()): number | undefined {
  return status === 429 ? retryDelayMs(headers, now) : retryAfterMs(headers, now);
}

/** `Retry-After` in seconds or as an HTTP date (1-second granularity). */
export function retryAfterMs(headers: IncomingHttpHeaders, now: number = Date.now()): number | undefined {
  const retryAfter = header(headers, "retry-after");
  if (retryAfter === undefined) return undefined;
  const seconds = Number(retryAfter);
  if (retryAfter.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function rateLimitResetMs(headers: IncomingHttpHeaders): number | undefined {
  const raw = header(headers, "ratelimit-reset");
  const reset = Number(raw);
  return raw !== undefined && raw.trim() !== "" && Number.isFinite(reset) && reset >= 0 ? reset * 1000 : undefined;
}

/**
 * Novu's view of the caller's bucket after this request (`RateLimit-Remaining`, `RateLimit-Reset`),
 * sent on every answer to an API key when rate limiting is on. Undefined when either is missing.
 */
export function rateLimitBucket(headers: IncomingHttpHeaders): { readonly remaining: number; readonly resetMs: number } | undefined {
  const raw = header(headers, "ratelimit-remaining");
  const remaining = Number(raw);
  const resetMs = rateLimitResetMs(headers);
  if (raw === undefined || raw.trim() === "" || !Number.isFinite(remaining) || resetMs === undefined) return undefined;
  return { remaining, resetMs };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
