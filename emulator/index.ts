/**
 * A local Novu-compatible server for the `/v1/integrations` API, for tests and demos.
 * See docs/emulator.md for the switches and the `/__emulator/*` test controls.
 */
import type { AddressInfo } from "node:net";
import { initialApiKeys } from "./auth";
import { FaultInjector } from "./faults";
import { resolveOptions, type EmulatorOptions } from "./options";
import { TokenBucketRateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import type { Runtime } from "./runtime";
import { createEmulatorServer } from "./server";
import { EmulatorStore } from "./store";

export type { EmulatorOptions } from "./options";
export { EmulatorOptionsError } from "./options";
export { StateFileError } from "./store";
export type { RequestLogEntry } from "./request-log";
export type { Fault, FaultRuleInput, IntegrationPatch, SeedIntegration, Settings, StateFile, StoredIntegration } from "./schemas";

export interface EmulatorEnvironment {
  readonly id: string;
  readonly apiKey: string;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>` (the Novu SDK's `serverURL`). */
  readonly url: string;
  readonly port: number;
  readonly organizationId: string;
  readonly environments: { readonly development: EmulatorEnvironment; readonly production: EmulatorEnvironment };
  /** Stops listening and closes open connections. Safe to call twice. */
  close(): Promise<void>;
}

export async function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const store = EmulatorStore.open(resolved.stateFile);
  const development = store.environment("Development");
  const production = store.environment("Production");
  const keys = initialApiKeys(resolved, store);
  const runtime: Runtime = {
    options: resolved,
    store,
    keys,
    faults: new FaultInjector(resolved.seed),
    log: new RequestLog(),
    limiter: resolved.rateLimitPerSecond === undefined ? undefined : new TokenBucketRateLimiter(resolved.rateLimitPerSecond),
    resets: { count: 0 },
  };

  const server = createEmulatorServer(runtime);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(resolved.host)}:${port}`,
    port,
    organizationId: store.organizationId,
    environments: {
      development: { id: development._id, apiKey: resolved.apiKey },
      production: { id: production._id, apiKey: resolved.productionApiKey },
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Wildcard addresses are reached through loopback; IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
