/**
 * Test helper for the Novu emulator: `withEmulator()` starts one on a free port for a jest file
 * (beforeAll/afterAll), `api()` sends raw requests, and `control` is a typed client for the
 * `/__emulator/*` test controls.
 *
 *   const emu = withEmulator({ resetBeforeEach: true });
 *   it("…", async () => {
 *     const { status, body } = await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email" });
 *     expect((await emu.control.state())[0].providerId).toBe("sendgrid");
 *   });
 */
import { request } from "undici";
import {
  startEmulator,
  type EmulatorOptions,
  type FaultRuleInput,
  type IntegrationPatch,
  type RequestLogEntry,
  type RunningEmulator,
  type SeedIntegration,
  type Settings,
  type StoredIntegration,
} from "../../emulator";

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  readonly body: T;
}

export interface ApiRequestOptions {
  /** API key to send as `Authorization: ApiKey <key>`; default the Development key; `null` sends no header. */
  readonly apiKey?: string | null;
  /** Exact `Authorization` value (wins over `apiKey`), e.g. `"Bearer x"`. */
  readonly authorization?: string;
  readonly headers?: Record<string, string>;
}

/** An integration as `GET /__emulator/state` shows it: the stored document plus the at-rest credentials. */
export type StateIntegration = StoredIntegration & { readonly encryptedCredentials: Record<string, unknown> };

export interface FaultRule extends Required<Pick<FaultRuleInput, "method" | "path" | "fault">> {
  readonly id: string;
  readonly probability: number;
  readonly remaining: number | null;
  readonly hits: number;
}

/** Sends one HTTP request and reads the whole answer. */
export async function httpRequest(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const hasBody = body !== undefined;
  const response = await request(url, {
    method: method as "GET",
    headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...headers },
    body: hasBody ? JSON.stringify(body) : undefined,
  });
  const text = await response.body.text();
  let parsed: unknown = text;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { status: response.statusCode, headers: flat, body: parsed };
}

/** Typed client for `/__emulator/*`. Every method throws if the control answers an error. */
export class EmulatorControl {
  constructor(readonly url: string) {}

  /** Every stored integration, deleted ones included. */
  async state(): Promise<StateIntegration[]> {
    return (await this.call("GET", "/state")).integrations;
  }
  async requests(): Promise<RequestLogEntry[]> {
    return (await this.call("GET", "/requests")).requests;
  }
  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/requests");
  }
  /** Back to the seeded state; also clears the request log, the faults and the settings. */
  async reset(): Promise<void> {
    await this.call("POST", "/reset");
  }
  async environments(): Promise<{ organizationId: string; environments: { id: string; name: string; apiKey: string }[] }> {
    return this.call("GET", "/environments");
  }
  /** Regenerates an environment's API key, as Novu's dashboard does: the old key is refused from now on. */
  async regenerateApiKey(environmentId: string, apiKey: string): Promise<void> {
    await this.call("POST", `/environments/${environmentId}/api-key`, { apiKey });
  }
  /** Inserts documents directly (no Novu rules); returns them as stored. */
  async seed(integrations: SeedIntegration[]): Promise<StoredIntegration[]> {
    return (await this.call("POST", "/seed", { integrations })).integrations;
  }
  /** Out-of-band change of a stored integration, e.g. `{ deleted: true }` or `{ primary: false }`. */
  async patchIntegration(id: string, changes: IntegrationPatch): Promise<StoredIntegration> {
    return (await this.call("PATCH", `/integrations/${id}`, changes)).integration;
  }
  async fault(rule: FaultRuleInput): Promise<FaultRule> {
    return (await this.call("POST", "/faults", rule)).fault;
  }
  async faults(): Promise<FaultRule[]> {
    return (await this.call("GET", "/faults")).faults;
  }
  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/faults");
  }
  async settings(changes: Partial<Settings>): Promise<Settings> {
    return (await this.call("PATCH", "/settings", changes)).settings;
  }

  private async call(method: string, path: string, body?: unknown): Promise<any> {
    const response = await httpRequest(`${this.url}/__emulator${path}`, method, body);
    if (response.status >= 400) {
      throw new Error(`emulator control ${method} ${path} failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }
}

export interface EmulatorHandle {
  readonly url: string;
  readonly port: number;
  readonly organizationId: string;
  readonly environments: RunningEmulator["environments"];
  readonly running: RunningEmulator;
  readonly control: EmulatorControl;
  /** A raw Novu API request, authenticated with the Development key unless told otherwise. */
  api<T = any>(method: string, path: string, body?: unknown, options?: ApiRequestOptions): Promise<ApiResponse<T>>;
}

/** Binds raw API requests and the controls to a running emulator. */
export function emulatorHandle(running: RunningEmulator): EmulatorHandle {
  const control = new EmulatorControl(running.url);
  return {
    url: running.url,
    port: running.port,
    organizationId: running.organizationId,
    environments: running.environments,
    running,
    control,
    api(method, path, body, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const apiKey = options.apiKey === undefined ? running.environments.development.apiKey : options.apiKey;
      if (options.authorization !== undefined) headers.authorization = options.authorization;
      else if (apiKey !== null) headers.authorization = `ApiKey ${apiKey}`;
      return httpRequest(`${running.url}${path}`, method, body, headers);
    },
  };
}

/**
 * Starts an emulator on a free port before the file's tests and closes it after them. The
 * returned handle can be used from inside tests and hooks (not at collection time).
 */
export function withEmulator(options: EmulatorOptions & { resetBeforeEach?: boolean } = {}): EmulatorHandle {
  const { resetBeforeEach = false, ...emulatorOptions } = options;
  let handle: EmulatorHandle | undefined;
  const current = (): EmulatorHandle => {
    if (!handle) throw new Error("withEmulator(): the emulator is not running (use it inside tests or hooks)");
    return handle;
  };

  beforeAll(async () => {
    handle = emulatorHandle(await startEmulator({ port: 0, ...emulatorOptions }));
  });
  afterAll(async () => {
    await handle?.running.close();
    handle = undefined;
  });
  if (resetBeforeEach) beforeEach(() => current().control.reset());

  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get organizationId() {
      return current().organizationId;
    },
    get environments() {
      return current().environments;
    },
    get running() {
      return current().running;
    },
    get control() {
      return current().control;
    },
    api: (method, path, body, requestOptions) => current().api(method, path, body, requestOptions),
  };
}
