/**
 * The Novu integrations API over undici. One method per endpoint; each returns parsed data or
 * throws a typed error. It knows nothing of Pulumi.
 */
import { Agent, type Dispatcher, request } from "undici";
import { z } from "zod";
import { NovuApiError, NovuNetworkError, NovuResponseError } from "../errors";
import {
  type CreateBody,
  errorBodySchema,
  type IntegrationResponse,
  integrationResponseSchema,
  type UpdateBody,
} from "../schemas/api";
import { retryDelayMs } from "./retry-timing";

export interface NovuClientOptions {
  readonly apiUrl: string;
  readonly secretKey: string;
  readonly requestTimeoutMs?: number;
  readonly dispatcher?: Dispatcher;
  readonly userAgent?: string;
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

export class NovuClient {
  private readonly dispatcher: Dispatcher;

  constructor(private readonly opts: NovuClientOptions) {
    this.dispatcher = opts.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  }

  async listIntegrations(): Promise<IntegrationResponse[]> {
    return this.call("list integrations", "GET", "/v1/integrations", undefined, [200], z.array(integrationResponseSchema));
  }

  async createIntegration(body: CreateBody): Promise<IntegrationResponse> {
    return this.call(`create integration "${body.identifier}"`, "POST", "/v1/integrations", body, [201, 200], integrationResponseSchema);
  }

  /** Novu Cloud has been seen answering 201 to PUT, the open-source server 200: both are success. */
  async updateIntegration(integrationId: string, body: UpdateBody): Promise<IntegrationResponse> {
    return this.call(`update integration ${integrationId}`, "PUT", `/v1/integrations/${integrationId}`, body, [200, 201], integrationResponseSchema);
  }

  /** 201 before Novu PR #12612, 200 after. */
  async setPrimary(integrationId: string): Promise<IntegrationResponse> {
    return this.call(`set integration ${integrationId} as primary`, "POST", `/v1/integrations/${integrationId}/set-primary`, undefined, [200, 201], integrationResponseSchema);
  }

  /** The answer is the caller's remaining integrations, which we do not need. */
  async deleteIntegration(integrationId: string): Promise<void> {
    await this.call(`delete integration ${integrationId}`, "DELETE", `/v1/integrations/${integrationId}`, undefined, [200, 204], z.unknown());
  }

  async close(): Promise<void> {
    if (!this.opts.dispatcher) await this.dispatcher.close();
  }

  private async call<T>(
    operation: string,
    method: Method,
    path: string,
    body: unknown,
    okStatuses: readonly number[],
    schema: z.ZodType<T>,
  ): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `ApiKey ${this.opts.secretKey}`,
      accept: "application/json",
      "user-agent": this.opts.userAgent ?? "pulumi-novu",
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    let res: Dispatcher.ResponseData;
    try {
      res = await request(this.opts.apiUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        dispatcher: this.dispatcher,
        headersTimeout: this.opts.requestTimeoutMs ?? 30_000,
        bodyTimeout: this.opts.requestTimeoutMs ?? 30_000,
      });
    } catch (err) {
      throw new NovuNetworkError(operation, networkCode(err));
    }
    let text: string;
    try {
      text = await res.body.text();
    } catch (err) {
      throw new NovuNetworkError(operation, networkCode(err));
    }
    if (!okStatuses.includes(res.statusCode)) {
      throw new NovuApiError(operation, res.statusCode, serverMessage(text, res.statusCode), retryDelayMs(res.headers));
    }
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      throw new NovuResponseError(operation, `status ${res.statusCode} with a body that is not JSON`);
    }
    const data = json !== null && typeof json === "object" && "data" in json ? (json as { data: unknown }).data : json;
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new NovuResponseError(operation, z.prettifyError(parsed.error).split("\n").slice(0, 3).join("; "));
    }
    return parsed.data;
  }
}

function networkCode(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string }; name?: string };
  return e.code ?? e.cause?.code ?? e.name ?? "unknown error";
}

/** One line from Nest's error body; validation errors list their messages. Never echoes request data. */
function serverMessage(text: string, status: number): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text.trim().slice(0, 200) || `HTTP ${status}`;
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return `HTTP ${status}`;
  const b = parsed.data;
  const details = Object.values(b.errors ?? {}).flatMap((e) => e.messages ?? []);
  const message = Array.isArray(b.message) ? b.message.join("; ") : (b.message ?? b.error ?? `HTTP ${status}`);
  return details.length > 0 && !details.includes(message) ? `${message}: ${details.join("; ")}` : message;
}
