/**
 * The provider process's own rate limit, shared by every resource it handles, so a large stack
 * stays within the Novu account's rate instead of learning it from 429s.
 *
 * Two rules decide when a request may leave:
 *
 * 1. **A token bucket of `perSecond` tokens a second.** Its capacity (`burst`) defaults to five
 *    seconds' worth, the window of Novu's own bucket (novu-api-behaviour §10: a limit of `max × 5`
 *    per 5-second window), so a stack uses the burst Novu grants it and is then paced at the
 *    configured rate. It is kept as a virtual schedule (GCRA: each request reserves the next free
 *    slot), which needs no queue and no timer per token.
 * 2. **Novu's word.** A 429, or an answer saying the account's bucket is empty
 *    (`RateLimit-Remaining: 0`), pauses every request of the process until the time Novu names
 *    (`Retry-After`, or the refill `RateLimit-Reset` points to). After the pause the bucket starts
 *    full again, as Novu's does at a window boundary, and requests that were waiting take new
 *    slots, so they do not all leave at once.
 *
 * `RateLimit-Reset` is in whole seconds, rounded up, so one answer places the refill within a
 * second. Every answer of the same window gives such a second; their intersection narrows it to
 * where the rounding steps from one second to the next, so a pause ends about when the bucket
 * refills instead of up to a second later. Answers arrive a little after Novu wrote them, which
 * only moves the estimate later: the pause never ends before the refill.
 *
 * `perSecond = 0` turns rule 1 off; rule 2 always applies. Waits never outlast the caller's deadline.
 */
import type { Deadline } from "./deadline";

export interface RateLimiterOptions {
  /** Requests per second; 0 = no limit of our own. */
  readonly perSecond: number;
  /** Requests that may leave at once. Default: five seconds' worth (Novu's window), at least 1. */
  readonly burst?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Waiting for the limiter would end after the operation's deadline. */
export class RateLimitWaitError extends Error {
  override readonly name = "RateLimitWaitError";
  constructor(readonly waitMs: number) {
    super(`waiting ${Math.ceil(waitMs / 1000)} s for the rate limit would pass the operation's deadline`);
  }
}

/** Novu's window: the default burst is this many seconds of requests. */
export const NOVU_WINDOW_SECONDS = 5;

export class RateLimiter {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  /** GCRA's theoretical arrival time: when the bucket would be full again. */
  private tat = 0;
  private pausedUntil = 0;
  /** Bumped by every new pause, so sleepers know their slot was cancelled. */
  private pauses = 0;
  /** When Novu's bucket refills next, as far as its answers tell: in (after, atLatest]. */
  private refill?: { after: number; atLatest: number };
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: RateLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.intervalMs = options.perSecond > 0 ? 1000 / options.perSecond : 0;
    const burst = Math.max(1, Math.floor(options.burst ?? options.perSecond * NOVU_WINDOW_SECONDS));
    this.toleranceMs = (burst - 1) * this.intervalMs;
  }

  /**
   * Resolves when one request may be sent. Throws {@link RateLimitWaitError} at once, without
   * waiting, when the wait would end after `deadline`.
   */
  async acquire(deadline?: Deadline): Promise<void> {
    for (;;) {
      const now = this.now();
      let at = Math.max(now, this.pausedUntil);
      if (this.intervalMs > 0) {
        at = Math.max(at, this.tat - this.toleranceMs);
        this.tat = Math.max(this.tat, at) + this.intervalMs;
      }
      const waitMs = at - now;
      if (waitMs <= 0) return;
      if (deadline && waitMs >= deadline.remainingMs()) {
        // Give the slot back: nobody will use it.
        if (this.intervalMs > 0) this.tat -= this.intervalMs;
        throw new RateLimitWaitError(waitMs);
      }
      const pauses = this.pauses;
      await this.sleep(waitMs);
      // A pause that began while we slept cancelled our slot: take a new one after it.
      if (this.pauses === pauses) return;
    }
  }

  /** Novu said its bucket is empty until `untilMs` (a 429, or `RateLimit-Remaining: 0`). */
  pauseUntil(untilMs: number): void {
    if (untilMs <= this.pausedUntil || untilMs <= this.now()) return;
    this.pausedUntil = untilMs;
    this.tat = untilMs;
    this.pauses += 1;
  }

  /**
   * Novu's bucket after an answer: `remaining` tokens, refilled in `resetMs` (whole seconds,
   * rounded up). An empty bucket pauses every request until the estimated refill.
   */
  observeBucket(remaining: number, resetMs: number): void {
    const now = this.now();
    const after = now + resetMs - 1000;
    const atLatest = now + resetMs;
    const known = this.refill;
    if (known && after < known.atLatest && atLatest > known.after) {
      this.refill = { after: Math.max(after, known.after), atLatest: Math.min(atLatest, known.atLatest) };
    } else {
      // The first answer, or one of the next window.
      this.refill = { after, atLatest };
    }
    if (remaining <= 0) this.pauseUntil(this.refill.atLatest);
  }

  /** The latest time Novu's bucket refills, as far as its answers tell (undefined before any). */
  get refillAtLatestMs(): number | undefined {
    return this.refill?.atLatest;
  }

  /** When requests may leave again after a pause Novu asked for (0 = not paused). */
  get pausedUntilMs(): number {
    return this.pausedUntil > this.now() ? this.pausedUntil : 0;
  }
}
