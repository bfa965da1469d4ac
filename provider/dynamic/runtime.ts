/**
 * The real Integration provider, loaded by the serialized stub (stub.ts) inside Pulumi's
 * dynamic-provider host process. Request flow for one resource:
 *
 *   configure(stack config) → check(inputs: validation, no HTTP) → diff(state, inputs)
 *     → create: POST, then set-primary if wanted            (adopt: list, then PUT what differs)
 *     → update: one PUT with only what changed, then set-primary if wanted
 *     → read:   list (shared by all resources read at once), find by id
 *     → delete: DELETE (404 = already gone)
 *
 * Each of create/update/read/delete has one deadline (`novu:operationTimeoutMs`) for all its calls.
 * Retries, the rate limiter shared by the process, and the lookups that keep a retried create from
 * making a second integration are the client's (client/novu-client.ts, docs/reliability.md). A
 * write that half succeeded (POST or PUT done, set-primary failed) is reported with the resource's
 * id and new state, so the engine records it and the next `up` only finishes the job.
 *
 * Every property bag from the host carries `__provider`; it is stripped before anything is sent.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Deadline } from "../client/deadline";
import type { NovuClient } from "../client/novu-client";
import { RateLimiter } from "../client/rate-limiter";
import { IntegrationStateError, NovuApiError, NovuProviderError } from "../errors";
import { checkIntegrationInputs } from "../planning/check";
import { classifyFound } from "../planning/ledger";
import { createBody, diffIntegration, planUpdate } from "../planning/plan";
import { flatten, type IntegrationState, inputsOf, refreshed } from "../planning/state";
import type { IntegrationResponse } from "../schemas/api";
import { type IntegrationInputs, integrationInputsSchema } from "../schemas/integration-inputs";
import { type ProviderConfig, readProviderConfig } from "./configure";
import { ledgerProvider } from "./ledger";

const PROVIDER_KEY = "__provider";

type Bag = Record<string, unknown>;

function strip(bag: Bag): Bag {
  const { [PROVIDER_KEY]: _ignored, ...rest } = bag;
  return rest;
}

class IntegrationRuntime implements pulumi.dynamic.ResourceProvider {
  private config?: ProviderConfig;
  private configError?: Error;
  private novu?: NovuClient;
  /**
   * One list call serves every read that starts within LIST_SHARE_MS of it (a refresh reads all
   * resources within moments, at the engine's pace), until this process writes.
   */
  private listing?: { readonly startedAt: number; readonly result: Promise<IntegrationResponse[]> };

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    try {
      this.config = readProviderConfig(req.config);
      this.configError = undefined;
    } catch (err) {
      // Preview-time checks need no key; fail only when Novu must be called.
      this.configError = err as Error;
    }
  }

  async check(_olds: Bag, news: Bag): Promise<pulumi.dynamic.CheckResult> {
    const { inputs, failures } = checkIntegrationInputs(strip(news));
    return { inputs, failures };
  }

  async diff(_id: string, olds: Bag, news: Bag): Promise<pulumi.dynamic.DiffResult> {
    const desired = parseInputs(strip(news));
    const outcome = diffIntegration(olds as unknown as IntegrationState, desired, olds[PROVIDER_KEY] !== news[PROVIDER_KEY]);
    return { changes: outcome.changes, replaces: outcome.replaces, deleteBeforeReplace: outcome.deleteBeforeReplace };
  }

  async create(news: Bag): Promise<pulumi.dynamic.CreateResult> {
    const inputs = parseInputs(strip(news));
    const novu = this.client();
    const deadline = novu.deadline();
    if (inputs.adopt) {
      const existing = await this.findByIdentifier(inputs, deadline);
      if (existing) return this.adopt(existing, inputs, deadline);
    }
    let created: IntegrationResponse;
    try {
      // Never two integrations for one resource: the client looks the identifier up before retrying a lost POST.
      created = await this.write(() => novu.createIntegration(createBody(inputs), { deadline }));
    } catch (err) {
      if (err instanceof NovuApiError && err.status === 409 && /identifier/i.test(err.serverMessage)) {
        // An interrupted `up` of this stack may have made it (planning/ledger.ts).
        const found = classifyFound(inputs, inputs.ledgerEntry, await this.list(deadline));
        if (found.kind === "ours") return this.resumeInterruptedCreate(found.integration, inputs, deadline);
        throw new IntegrationStateError(
          `${err.message}. An integration with identifier "${inputs.identifier}" already exists and this stack did not create it (${found.reason}): ` +
            "set `adopt: true` to bring it under management, or choose another identifier.",
        );
      }
      throw err;
    }
    return this.finish(created, inputs, undefined, deadline);
  }

  async read(id: string, props: Bag): Promise<pulumi.dynamic.ReadResult> {
    const previous = strip(props) as unknown as IntegrationState;
    const found = (await this.list(this.client().deadline())).find((i) => i._id === id);
    if (!found || found.deleted) {
      warn(`integration "${previous.identifier}" (${id}) no longer exists in Novu; it is removed from the state and the next \`pulumi up\` creates it again`);
      return { id: "" };
    }
    const state = refreshed(found, previous);
    return { id, props: { ...state }, inputs: { ...inputsOf(state) } };
  }

  async update(id: string, olds: Bag, news: Bag): Promise<pulumi.dynamic.UpdateResult> {
    const current = strip(olds) as unknown as IntegrationState;
    const desired = parseInputs(strip(news));
    const plan = planUpdate(current, desired);
    const novu = this.client();
    const deadline = novu.deadline();
    let response: IntegrationResponse | undefined;
    // A PUT is idempotent: the client simply sends it again after a lost answer.
    if (plan.body) response = await this.write(() => novu.updateIntegration(id, plan.body!, { deadline }));
    // Novu's answer to the PUT says whether it is primary now; without a PUT, the state does.
    if (desired.primary && !(response?.primary ?? current.primary)) {
      const updated = response;
      try {
        response = await this.write(() => novu.setPrimary(id, { deadline }));
      } catch (err) {
        if (!updated) throw err;
        // The PUT is done: record it, so that the next `up` only makes it primary.
        throw partialFailure(id, flatten(updated, desired, current), `integration ${id} was updated but making it primary failed: ${(err as Error).message}; the next \`pulumi up\` will retry`);
      }
    }
    const state = response ? flatten(response, desired, current) : { ...current, ...stateInputs(desired, current) };
    return { outs: { ...state } };
  }

  async delete(id: string): Promise<void> {
    try {
      const novu = this.client();
      await this.write(() => novu.deleteIntegration(id, { deadline: novu.deadline() }));
    } catch (err) {
      if (err instanceof NovuApiError && err.status === 404) return;
      throw err;
    }
  }

  /** After POST (or adoption): set-primary if wanted. A failure still records the created id. */
  private async finish(response: IntegrationResponse, inputs: IntegrationInputs, note: string | undefined, deadline: Deadline): Promise<pulumi.dynamic.CreateResult> {
    let final = response;
    if (inputs.primary && !response.primary) {
      try {
        final = await this.write(() => this.client().setPrimary(response._id, { deadline }));
      } catch (err) {
        // Recorded as created but not initialised: the next `up` updates it instead of creating again.
        throw partialFailure(
          response._id,
          flatten(response, inputs),
          `integration ${response._id} was created${note ?? ""} but making it primary failed: ${(err as Error).message}; the next \`pulumi up\` will retry`,
        );
      }
    }
    return { id: final._id, outs: { ...flatten(final, inputs) } };
  }

  private async adopt(existing: IntegrationResponse, inputs: IntegrationInputs, deadline: Deadline): Promise<pulumi.dynamic.CreateResult> {
    // Credentials cannot be read back, so adoption writes the declared ones (if any) once.
    const current: IntegrationState = { ...flatten(existing, inputs), credentials: {} };
    const plan = planUpdate(current, { ...inputs, credentials: inputs.credentials });
    const body = plan.body && Object.keys(inputs.credentials).length === 0 ? withoutCredentials(plan.body) : plan.body;
    let response = existing;
    if (body && Object.keys(body).length > 0) response = await this.write(() => this.client().updateIntegration(existing._id, body, { deadline }));
    return this.finish(response, inputs, " (adopted)", deadline);
  }

  /**
   * The integration an interrupted `up` of this stack created: made ours like an adoption (a PUT of
   * what differs, credentials included, since Novu does not show them), but recorded as created.
   */
  private async resumeInterruptedCreate(existing: IntegrationResponse, inputs: IntegrationInputs, deadline: Deadline): Promise<pulumi.dynamic.CreateResult> {
    const { body } = planUpdate({ ...flatten(existing, inputs), credentials: {} }, inputs);
    const payload = body && Object.keys(inputs.credentials).length === 0 ? withoutCredentials(body) : body;
    warn(
      `integration "${inputs.identifier}" (${existing._id}) was created by an interrupted deployment of this stack; continuing with it. ` +
        "If this run warned about pending operations, run `pulumi refresh --clear-pending-creates --yes` once to clear them",
    );
    let response = existing;
    if (payload && Object.keys(payload).length > 0) response = await this.write(() => this.client().updateIntegration(existing._id, payload, { deadline }));
    return this.finish(response, inputs, " (by an interrupted deployment of this stack)", deadline);
  }

  /** The ledger's one list call (dynamic/ledger.ts), shared with the reads of this process. */
  listForLedger(): Promise<IntegrationResponse[]> {
    return this.list(this.client().deadline());
  }

  private async findByIdentifier(inputs: IntegrationInputs, deadline: Deadline): Promise<IntegrationResponse | undefined> {
    const matches = (await this.list(deadline)).filter(
      (i) => i.identifier === inputs.identifier && !i.deleted && (inputs.environmentId === undefined || i._environmentId === inputs.environmentId),
    );
    if (matches.length > 1) {
      throw new IntegrationStateError(
        `identifier "${inputs.identifier}" exists in ${matches.length} environments: set environmentId to choose which one to adopt`,
      );
    }
    const match = matches[0];
    if (match && (match.providerId !== inputs.providerId || match.channel !== inputs.channel)) {
      throw new IntegrationStateError(
        `cannot adopt "${inputs.identifier}": it is a ${match.providerId} ${match.channel} integration, not ${inputs.providerId} ${inputs.channel}`,
      );
    }
    return match;
  }

  private list(deadline: Deadline): Promise<IntegrationResponse[]> {
    const now = Date.now();
    if (!this.listing || now - this.listing.startedAt > LIST_SHARE_MS) {
      const listing = { startedAt: now, result: this.client().listIntegrations({ deadline }) };
      this.listing = listing;
      // A failed list is not handed to later reads: they try again.
      listing.result.catch(() => {
        if (this.listing === listing) this.listing = undefined;
      });
    }
    return this.listing.result;
  }

  private async write<T>(call: () => Promise<T>): Promise<T> {
    this.listing = undefined;
    return call();
  }

  private client(): NovuClient {
    if (!this.config) {
      if (this.configError) throw this.configError;
      this.config = readProviderConfig(undefined);
    }
    if (!this.novu) {
      // Loaded on first use: preview and a no-op `up` send no request, so they skip loading undici.
      const { NovuClient } = require("../client/novu-client") as typeof import("../client/novu-client");
      // One client, hence one HTTP agent and one rate limiter, for every resource of the process.
      this.novu = new NovuClient({
        apiUrl: this.config.apiUrl,
        secretKey: this.config.secretKey,
        requestTimeoutMs: this.config.requestTimeoutMs,
        operationTimeoutMs: this.config.operationTimeoutMs,
        retry: { maxRetries: this.config.maxRetries },
        limiter: new RateLimiter({ perSecond: this.config.maxRequestsPerSecond }),
        userAgent: `pulumi-novu/${PACKAGE_VERSION}`,
      });
    }
    return this.novu;
  }
}

const PACKAGE_VERSION: string = require("pulumi-novu/package.json").version;

/**
 * How long one list answers reads. The provider process lives for one CLI command, and a refresh
 * is a snapshot of that moment anyway; a longer refresh lists again every 10 s.
 */
const LIST_SHARE_MS = 10_000;

/**
 * The dynamic-provider host has no channel to the engine's diagnostics; the engine shows a
 * plugin's stderr to the user. Never pass credentials or the key here.
 */
function warn(message: string): void {
  process.stderr.write(`warning: pulumi-novu: ${message}\n`);
}

/**
 * An error that tells the engine the write happened: it records `id` and `properties` as the
 * resource's state (a partially created or updated resource) and shows only `reasons`, so the
 * whole explanation goes there.
 */
function partialFailure(id: string, state: IntegrationState, message: string): Error {
  const error = new IntegrationStateError(message);
  return Object.assign(error, { id, properties: { ...state }, reasons: [message] });
}

function withoutCredentials<T extends { credentials?: unknown; check?: boolean }>(body: T): Omit<T, "credentials" | "check"> {
  const { credentials: _c, check: _k, ...rest } = body;
  return rest;
}

/** Fields of the state that come straight from the inputs, when no call was needed. */
function stateInputs(desired: IntegrationInputs, current: IntegrationState): Partial<IntegrationState> {
  return { check: desired.check, adopt: desired.adopt, nameManaged: desired.name !== undefined || current.nameManaged };
}

function parseInputs(bag: Bag): IntegrationInputs {
  const parsed = integrationInputsSchema.safeParse(bag);
  if (!parsed.success) {
    // check() has already reported these with property paths; this guards against a skipped check.
    throw new NovuProviderErrorImpl(`invalid inputs: ${parsed.error.issues.map((i) => i.path.join(".") || "(inputs)").join(", ")}`);
  }
  return parsed.data;
}

class NovuProviderErrorImpl extends NovuProviderError {
  override readonly name = "InvalidInputsError";
}

let instance: IntegrationRuntime | undefined;

/** One runtime (and so one HTTP agent and one rate limiter) per provider process. */
export function integrationRuntime(_providerVersion: string): IntegrationRuntime {
  instance ??= new IntegrationRuntime();
  return instance;
}

/** The ledger stub's `configure` (dynamic/ledger-stub.ts): installs the ledger's methods, sharing this process's client. */
export function installLedger(provider: Record<string, unknown>, req: pulumi.dynamic.ConfigureRequest, providerVersion: string): Promise<void> {
  const runtime = integrationRuntime(providerVersion);
  Object.assign(provider, ledgerProvider(() => runtime.listForLedger()));
  return runtime.configure(req);
}

const METHODS = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * Called by the serialized stub's `configure`, the only method it carries: puts the runtime's
 * methods on the provider object the host deserialized, then configures. The host awaits this before
 * it calls anything else on that object. The methods are installed before the first `await`, so a
 * call that finds the provider in the host's cache while configuration is still running finds them.
 */
export function install(provider: Record<string, unknown>, req: pulumi.dynamic.ConfigureRequest, providerVersion: string): Promise<void> {
  const runtime = integrationRuntime(providerVersion);
  for (const method of METHODS) provider[method] = runtime[method].bind(runtime);
  return runtime.configure(req);
}
