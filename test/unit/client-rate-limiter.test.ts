import { Deadline } from "../../provider/client/deadline";
import { RateLimiter, RateLimitWaitError } from "../../provider/client/rate-limiter";

/** Virtual time: `sleep` jumps the clock, so sequential acquires show exactly when each may leave. */
function clock() {
  let t = 1_000_000;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** Virtual timers for concurrent callers: `run` fires them in time order until none is left. */
function scheduler() {
  let t = 0;
  const timers: Array<{ at: number; fire: () => void }> = [];
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    now: () => t,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: t + ms, fire: resolve })),
    at: (time: number, fire: () => void) => timers.push({ at: time, fire }),
    async run() {
      for (await settle(); timers.length > 0; await settle()) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift()!;
        t = Math.max(t, next.at);
        next.fire();
      }
    },
  };
}

async function departures(limiter: RateLimiter, c: ReturnType<typeof clock>, n: number): Promise<number[]> {
  const start = c.now();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    await limiter.acquire();
    out.push(c.now() - start);
  }
  return out;
}

describe("rate limiter", () => {
  it("lets five seconds' worth of requests leave at once (Novu's window), then paces them", async () => {
    const c = clock();
    const limiter = new RateLimiter({ perSecond: 2, now: c.now, sleep: c.sleep });
    expect(await departures(limiter, c, 13)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 500, 1000, 1500]);
  });

  it("refills while idle, up to the burst", async () => {
    const c = clock();
    const limiter = new RateLimiter({ perSecond: 10, burst: 3, now: c.now, sleep: c.sleep });
    expect(await departures(limiter, c, 5)).toEqual([0, 0, 0, 100, 200]);
    c.advance(10_000);
    expect(await departures(limiter, c, 5)).toEqual([0, 0, 0, 100, 200]);
  });

  it("holds every request while Novu says its bucket is empty, then starts full", async () => {
    const c = clock();
    const limiter = new RateLimiter({ perSecond: 10, burst: 3, now: c.now, sleep: c.sleep });
    await departures(limiter, c, 3);
    limiter.pauseUntil(c.now() + 4000);
    expect(limiter.pausedUntilMs).toBe(c.now() + 4000);
    expect(await departures(limiter, c, 5)).toEqual([4000, 4000, 4000, 4100, 4200]);
  });

  it("never shortens a pause, and ignores one in the past", async () => {
    const c = clock();
    const limiter = new RateLimiter({ perSecond: 0, now: c.now, sleep: c.sleep });
    limiter.pauseUntil(c.now() + 3000);
    limiter.pauseUntil(c.now() + 1000);
    limiter.pauseUntil(c.now() - 1000);
    expect(await departures(limiter, c, 3)).toEqual([3000, 3000, 3000]);
  });

  it("narrows Novu's refill time from the whole seconds of RateLimit-Reset, and pauses until then when the bucket is empty", async () => {
    const c = clock();
    const limiter = new RateLimiter({ perSecond: 0, now: c.now, sleep: c.sleep });
    const start = c.now();
    const refill = start + 4850;
    const answer = (at: number, remaining: number) => {
      c.advance(start + at - c.now());
      limiter.observeBucket(remaining, Math.ceil((refill - c.now()) / 1000) * 1000);
    };
    answer(0, 40);
    expect(limiter.refillAtLatestMs).toBe(start + 5000);
    answer(840, 20);
    answer(860, 10);
    expect(limiter.refillAtLatestMs).toBe(start + 4860);
    expect(limiter.pausedUntilMs).toBe(0);
    answer(900, 0);
    expect(limiter.pausedUntilMs).toBe(start + 4860);
    // The next window starts a new estimate.
    c.advance(start + 6000 - c.now());
    limiter.observeBucket(49, 4000);
    expect(limiter.refillAtLatestMs).toBe(start + 10_000);
  });

  it("has no limit of its own at 0 requests per second", async () => {
    const c = clock();
    const limiter = new RateLimiter({ perSecond: 0, now: c.now, sleep: c.sleep });
    expect(await departures(limiter, c, 500)).toEqual(new Array(500).fill(0));
  });

  it("fails at once, without waiting, when the wait would pass the deadline", async () => {
    const c = clock();
    const limiter = new RateLimiter({ perSecond: 1, burst: 1, now: c.now, sleep: c.sleep });
    await limiter.acquire();
    const before = c.now();
    await expect(limiter.acquire(Deadline.after(500, c.now))).rejects.toBeInstanceOf(RateLimitWaitError);
    expect(c.now()).toBe(before);
    // The slot it gave back is the next caller's.
    await limiter.acquire(Deadline.after(1500, c.now));
    expect(c.now() - before).toBe(1000);
  });

  it("gives waiting callers new, spaced slots after a pause that began while they slept", async () => {
    const timers = scheduler();
    const limiter = new RateLimiter({ perSecond: 20, burst: 2, now: timers.now, sleep: timers.sleep });
    const left: number[] = [];
    const callers = Array.from({ length: 6 }, () => limiter.acquire().then(() => left.push(timers.now())));
    timers.at(20, () => limiter.pauseUntil(300));
    await timers.run();
    await Promise.all(callers);
    // Two left at once; four slept towards 50…200 ms, then the pause moved them: two at its end, two paced.
    expect(left).toEqual([0, 0, 300, 300, 350, 400]);
  });
});
