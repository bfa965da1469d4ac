/**
 * How long the server asks us to wait. `Retry-After` is the server's explicit instruction for this
 * response, so it wins; `RateLimit-Reset` (seconds until the window refills) is a fallback that
 * Novu sends on every rate-limited response.
 */
import type { IncomingHttpHeaders } from "node:http";

export function retryDelayMs(headers: IncomingHttpHeaders, now: number = Date.now()): number | undefined {
  const retryAfter = header(headers, "retry-after");
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = Number(header(headers, "ratelimit-reset"));
  if (Number.isFinite(reset) && reset >= 0 && header(headers, "ratelimit-reset") !== undefined) return reset * 1000;
  return undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
