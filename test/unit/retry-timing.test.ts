import { retryDelayMs } from "../../provider/client/retry-timing";

describe("retry timing", () => {
  it("prefers Retry-After seconds, then an HTTP date, then RateLimit-Reset", () => {
    expect(retryDelayMs({ "retry-after": "3", "ratelimit-reset": "9" })).toBe(3000);
    expect(retryDelayMs({ "retry-after": new Date(10_000).toUTCString() }, 4_000)).toBe(6000);
    expect(retryDelayMs({ "ratelimit-reset": "2" })).toBe(2000);
    expect(retryDelayMs({})).toBeUndefined();
  });
});
