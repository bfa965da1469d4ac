/**
 * Novu's API rate limit (§10): a token bucket per environment with a 5-second window and a 10 %
 * burst allowance. Tokens are refilled in whole windows (`max × 5` tokens every 5 s, capped at the
 * burst), like the Upstash token bucket the server uses, so `RateLimit-Reset` and `Retry-After` are
 * the seconds until the next refill. Pure: the caller passes the clock.
 */

export const WINDOW_SECONDS = 5;
export const BURST_ALLOWANCE = 0.1;

const SERVICE_LEVELS: Readonly<Record<number, string>> = { 30: "free", 120: "pro", 300: "business", 3000: "enterprise" };

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the next refill. */
  readonly resetSeconds: number;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

export class TokenBucketRateLimiter {
  readonly limit: number;
  readonly burst: number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(readonly perSecond: number) {
    this.limit = Math.round(perSecond * WINDOW_SECONDS);
    this.burst = Math.floor(this.limit * (1 + BURST_ALLOWANCE));
  }

  /** Takes one token (cost `single`) from `key`'s bucket if there is one. */
  consume(key: string, nowMs: number): RateLimitDecision {
    const windowMs = WINDOW_SECONDS * 1000;
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, refilledAt: nowMs };
    const windows = Math.floor((nowMs - bucket.refilledAt) / windowMs);
    if (windows > 0) {
      bucket.tokens = Math.min(this.burst, bucket.tokens + windows * this.limit);
      bucket.refilledAt += windows * windowMs;
    }
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    const resetSeconds = Math.max(1, Math.ceil((bucket.refilledAt + windowMs - nowMs) / 1000));
    return { allowed, limit: this.limit, remaining: Math.floor(bucket.tokens), resetSeconds };
  }

  reset(): void {
    this.buckets.clear();
  }

  /** The `RateLimit-*` headers of every rate-limited response, success or error. */
  headers(decision: RateLimitDecision): Record<string, string> {
    const serviceLevel = SERVICE_LEVELS[this.perSecond] ?? "custom";
    return {
      "RateLimit-Limit": String(decision.limit),
      "RateLimit-Remaining": String(decision.remaining),
      "RateLimit-Reset": String(decision.resetSeconds),
      "RateLimit-Policy":
        `${this.limit};w=${WINDOW_SECONDS};burst=${this.burst};comment="token bucket";` +
        `category="global";cost="single";serviceLevel="${serviceLevel}"`,
    };
  }
}
