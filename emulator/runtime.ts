/**
 * Everything a running emulator holds, handed to the route handlers.
 */
import type { ApiKeyBinding } from "./auth";
import type { FaultInjector } from "./faults";
import type { ResolvedOptions } from "./options";
import type { TokenBucketRateLimiter } from "./rate-limit";
import type { RequestLog } from "./request-log";
import type { EmulatorStore } from "./store";

export interface Runtime {
  readonly options: ResolvedOptions;
  readonly store: EmulatorStore;
  /** API key → its environment; the `api-key` control regenerates one. */
  readonly keys: Map<string, ApiKeyBinding>;
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  /** Absent when rate limiting is off. */
  readonly limiter?: TokenBucketRateLimiter;
  /**
   * How many times `reset` ran. A request still waiting on an injected delay when it runs belongs
   * to what came before (a killed deployment's last create): it is cut off, not applied after.
   */
  readonly resets: { count: number };
}
