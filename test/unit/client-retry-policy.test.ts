import {
  type AttemptFailure,
  backoffMs,
  decideRetry,
  DEFAULT_RETRY_SETTINGS,
  isRetryable,
  mayHaveApplied,
} from "../../provider/client/retry-policy";
import { rateLimitBucket, retryAfterMs, serverDelayMs } from "../../provider/client/retry-timing";

const status = (code: number, serverDelayMs?: number): AttemptFailure => ({ kind: "status", status: code, serverDelayMs });
const network = (code: string): AttemptFailure => ({ kind: "network", code });
const settings = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000 };
const half = () => 0.5;
const HOUR = 3_600_000;

describe("retry policy", () => {
  it("retries 429 and the transient 5xx, and nothing else Novu answers", () => {
    for (const code of [429, 500, 502, 503, 504]) expect(isRetryable(status(code))).toBe(true);
    for (const code of [400, 401, 403, 404, 405, 409, 413, 422, 501, 505]) expect(isRetryable(status(code))).toBe(false);
  });

  it("treats a 409 as an answer, not a fault", () => {
    expect(decideRetry(status(409), 0, HOUR, settings, half)).toEqual({ retry: false, reason: "not-retryable" });
  });

  it("retries refused, reset and closed connections and timeouts, but not a host that does not resolve", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT", "ETIMEDOUT"]) {
      expect(isRetryable(network(code))).toBe(true);
    }
    expect(isRetryable(network("ENOTFOUND"))).toBe(false);
    expect(isRetryable(network("ERR_INVALID_URL"))).toBe(false);
  });

  it("calls an outcome unknown when the request may have reached Novu", () => {
    expect(mayHaveApplied(network("ECONNRESET"))).toBe(true);
    expect(mayHaveApplied(network("UND_ERR_SOCKET"))).toBe(true);
    expect(mayHaveApplied(network("UND_ERR_HEADERS_TIMEOUT"))).toBe(true);
    expect(mayHaveApplied(status(500))).toBe(true);
    expect(mayHaveApplied(status(502))).toBe(true);
    expect(mayHaveApplied(status(504))).toBe(true);
  });

  it("knows a host that does not resolve, a refused connection, a 429 and a 503 did nothing", () => {
    expect(mayHaveApplied(network("ENOTFOUND"))).toBe(false);
    expect(mayHaveApplied(network("ECONNREFUSED"))).toBe(false);
    expect(mayHaveApplied(network("UND_ERR_CONNECT_TIMEOUT"))).toBe(false);
    expect(mayHaveApplied(status(429))).toBe(false);
    expect(mayHaveApplied(status(503))).toBe(false);
  });

  it("backs off exponentially with full jitter below a cap", () => {
    expect([0, 1, 2, 3].map((retry) => backoffMs(retry, settings, () => 0.999999))).toEqual([499, 999, 1999, 3999]);
    expect(backoffMs(10, settings, () => 0.999999)).toBe(29_999);
    expect(backoffMs(40, settings, () => 0.999999)).toBe(29_999);
    expect(backoffMs(3, settings, () => 0)).toBe(0);
    expect(backoffMs(2, settings, half)).toBe(1000);
  });

  it("spreads the retries of resources that failed together", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const delays = Array.from({ length: 200 }, () => backoffMs(3, settings, random));
    expect(Math.min(...delays)).toBeLessThan(400);
    expect(Math.max(...delays)).toBeGreaterThan(3600);
    expect(new Set(delays).size).toBeGreaterThan(150);
  });

  it("waits exactly what the server names instead of its own backoff", () => {
    expect(decideRetry(status(429, 2000), 0, HOUR, settings, half)).toEqual({ retry: true, delayMs: 2000 });
    expect(decideRetry(status(503, 0), 4, HOUR, settings, half)).toEqual({ retry: true, delayMs: 0 });
    expect(decideRetry(status(500), 1, HOUR, settings, half)).toEqual({ retry: true, delayMs: 500 });
  });

  it("stops after maxRetries retries", () => {
    expect(decideRetry(status(503), 4, HOUR, settings, half).retry).toBe(true);
    expect(decideRetry(status(503), 5, HOUR, settings, half)).toEqual({ retry: false, reason: "retries-exhausted" });
    expect(decideRetry(status(503), 0, HOUR, { ...settings, maxRetries: 0 }, half)).toEqual({ retry: false, reason: "retries-exhausted" });
  });

  it("does not start a wait that would end after the deadline", () => {
    expect(decideRetry(status(429, 60_000), 0, 59_999, settings, half)).toEqual({ retry: false, reason: "deadline" });
    expect(decideRetry(status(429, 60_000), 0, 60_001, settings, half)).toEqual({ retry: true, delayMs: 60_000 });
    expect(decideRetry(network("ECONNRESET"), 3, 1000, settings, half)).toEqual({ retry: false, reason: "deadline" });
  });

  it("has the documented defaults", () => {
    expect(DEFAULT_RETRY_SETTINGS).toEqual({ maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000 });
  });
});

describe("server-named waits", () => {
  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs({ "retry-after": "2" })).toBe(2000);
    expect(retryAfterMs({ "retry-after": "0" })).toBe(0);
    expect(retryAfterMs({ "retry-after": new Date(12_000).toUTCString() }, 10_000)).toBe(2000);
    expect(retryAfterMs({ "retry-after": new Date(1_000).toUTCString() }, 10_000)).toBe(0);
    expect(retryAfterMs({ "retry-after": "soon" })).toBeUndefined();
    expect(retryAfterMs({ "retry-after": "" })).toBeUndefined();
  });

  it("falls back to RateLimit-Reset for a 429 only", () => {
    expect(serverDelayMs(429, { "ratelimit-reset": "3" })).toBe(3000);
    expect(serverDelayMs(429, { "retry-after": "1", "ratelimit-reset": "3" })).toBe(1000);
    // Novu sends RateLimit-* on every rate-limited answer: a 500 must not wait for the next window.
    expect(serverDelayMs(500, { "ratelimit-reset": "3" })).toBeUndefined();
    expect(serverDelayMs(503, { "retry-after": "4" })).toBe(4000);
  });

  it("reads the account's bucket from RateLimit-Remaining and RateLimit-Reset", () => {
    expect(rateLimitBucket({ "ratelimit-remaining": "0", "ratelimit-reset": "4" })).toEqual({ remaining: 0, resetMs: 4000 });
    expect(rateLimitBucket({ "ratelimit-remaining": "12" })).toBeUndefined();
    expect(rateLimitBucket({})).toBeUndefined();
  });
});
