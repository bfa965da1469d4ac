/**
 * The token bucket of §10, with a synthetic clock, and its headers over HTTP.
 */
import { TokenBucketRateLimiter } from "../../emulator/rate-limit";
import { withEmulator } from "../helpers/emulator";

describe("TokenBucketRateLimiter", () => {
  it("sizes the Free tier like Novu: 150 per 5-second window, burst 165", () => {
    const limiter = new TokenBucketRateLimiter(30);
    expect([limiter.limit, limiter.burst]).toEqual([150, 165]);
    expect(limiter.headers(limiter.consume("env", 0))).toEqual({
      "RateLimit-Limit": "150",
      "RateLimit-Remaining": "164",
      "RateLimit-Reset": "5",
      "RateLimit-Policy": '150;w=5;burst=165;comment="token bucket";category="global";cost="single";serviceLevel="free"',
    });
  });

  it("allows the burst, then refuses until the next window refills the bucket", () => {
    const limiter = new TokenBucketRateLimiter(2); // limit 10, burst 11
    const allowed = Array.from({ length: 12 }, () => limiter.consume("env", 1_000).allowed);
    expect(allowed.filter(Boolean)).toHaveLength(11);
    expect(allowed[11]).toBe(false);
    const refused = limiter.consume("env", 4_500);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 2 });
    const refilled = limiter.consume("env", 6_000);
    expect(refilled).toMatchObject({ allowed: true, remaining: 9 });
  });

  it("caps a refill at the burst", () => {
    const limiter = new TokenBucketRateLimiter(2);
    limiter.consume("env", 0);
    expect(limiter.consume("env", 60_000).remaining).toBe(10);
  });

  it("keeps one bucket per key", () => {
    const limiter = new TokenBucketRateLimiter(1); // burst 5
    for (let n = 0; n < 5; n++) limiter.consume("development", 0);
    expect(limiter.consume("development", 0).allowed).toBe(false);
    expect(limiter.consume("production", 0).allowed).toBe(true);
  });
});

describe("rate limiting over HTTP", () => {
  const emu = withEmulator({ resetBeforeEach: true, rateLimitPerSecond: 1 });

  it("counts down RateLimit-Remaining on every API-key response, errors included", async () => {
    const remaining: string[] = [];
    remaining.push((await emu.api("GET", "/v1/integrations")).headers["ratelimit-remaining"]);
    remaining.push((await emu.api("PUT", "/v1/integrations/0123456789abcdef01234567", { name: "x" })).headers["ratelimit-remaining"]);
    remaining.push((await emu.api("POST", "/v1/integrations", {})).headers["ratelimit-remaining"]);
    expect(remaining).toEqual(["4", "3", "2"]);
  });

  it("limits each environment's key separately", async () => {
    for (let n = 0; n < 5; n++) await emu.api("GET", "/v1/integrations");
    expect((await emu.api("GET", "/v1/integrations")).status).toBe(429);
    expect((await emu.api("GET", "/v1/integrations", undefined, { apiKey: emu.environments.production.apiKey })).status).toBe(200);
  });

  it("does not write when throttled", async () => {
    for (let n = 0; n < 5; n++) await emu.api("GET", "/v1/integrations");
    const response = await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email" });
    expect(response.status).toBe(429);
    expect(await emu.control.state()).toEqual([]);
  });

  it("starts with a full bucket after a reset", async () => {
    for (let n = 0; n < 6; n++) await emu.api("GET", "/v1/integrations");
    await emu.control.reset();
    expect((await emu.api("GET", "/v1/integrations")).status).toBe(200);
  });
});
