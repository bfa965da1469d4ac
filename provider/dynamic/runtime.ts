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
 * Every property bag from the host carries `__provider`; it is stripped before anything is sent.
 */
import type * as pulumi from "@pulumi/pulumi";
import { NovuClient } from "../client/novu-client";
import { IntegrationStateError, NovuApiError, NovuProviderError } from "../errors";
import { checkIntegrationInputs } from "../planning/check";
import { createBody, diffIntegration, planUpdate } from "../planning/plan";
import { flatten, type IntegrationState, inputsOf, refreshed } from "../planning/state";
import type { IntegrationResponse } from "../schemas/api";
import { type IntegrationInputs, integrationInputsSchema } from "../schemas/integration-inputs";
import { type ProviderConfig, readProviderConfig } from "./configure";

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
  /** One list call serves every read in flight (a refresh reads all resources at once). */
  private listing?: Promise<IntegrationResponse[]>;

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
    if (inputs.adopt) {
      const existing = await this.findByIdentifier(inputs);
      if (existing) return this.adopt(existing, inputs);
    }
    let created: IntegrationResponse;
    try {
      created = await this.write(() => novu.createIntegration(createBody(inputs)));
    } catch (err) {
      if (err instanceof NovuApiError && err.status === 409 && /identifier/i.test(err.serverMessage)) {
        throw new IntegrationStateError(
          `${err.message}. An integration with identifier "${inputs.identifier}" already exists: ` +
            "set `adopt: true` to bring it under management, or choose another identifier.",
        );
      }
      throw err;
    }
    return this.finish(created, inputs, undefined);
  }

  async read(id: string, props: Bag): Promise<pulumi.dynamic.ReadResult> {
    const previous = strip(props) as unknown as IntegrationState;
    const found = (await this.list()).find((i) => i._id === id);
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
    let response: IntegrationResponse | undefined;
    if (plan.body) response = await this.write(() => this.client().updateIntegration(id, plan.body!));
    if (desired.primary && !(response?.primary ?? current.primary)) {
      response = await this.write(() => this.client().setPrimary(id));
    }
    const state = response ? flatten(response, desired, current) : { ...current, ...stateInputs(desired, current) };
    return { outs: { ...state } };
  }

  async delete(id: string): Promise<void> {
    try {
      await this.write(() => this.client().deleteIntegration(id));
    } catch (err) {
      if (err instanceof NovuApiError && err.status === 404) return;
      throw err;
    }
  }

  /** After POST (or adoption): set-primary if wanted. A failure still records the created id. */
  private async finish(response: IntegrationResponse, inputs: IntegrationInputs, note: string | undefined): Promise<pulumi.dynamic.CreateResult> {
    let final = response;
    if (inputs.primary && !response.primary) {
      try {
        final = await this.write(() => this.client().setPrimary(response._id));
      } catch (err) {
        // Recorded as created but not initialised: the next `up` updates it instead of creating again.
        // The engine shows only `reasons` for such an error, so the whole explanation goes there.
        const error = new IntegrationStateError(
          `integration ${response._id} was created${note ?? ""} but making it primary failed: ${(err as Error).message}; the next \`pulumi up\` will retry`,
        );
        throw Object.assign(error, { id: response._id, properties: flatten(response, inputs), reasons: [error.message] });
      }
    }
    return { id: final._id, outs: { ...flatten(final, inputs) } };
  }

  private async adopt(existing: IntegrationResponse, inputs: IntegrationInputs): Promise<pulumi.dynamic.CreateResult> {
    // Credentials cannot be read back, so adoption writes the declared ones (if any) once.
    const current: IntegrationState = { ...flatten(existing, inputs), credentials: {} };
    const plan = planUpdate(current, { ...inputs, credentials: inputs.credentials });
    const body = plan.body && Object.keys(inputs.credentials).length === 0 ? withoutCredentials(plan.body) : plan.body;
    let response = existing;
    if (body && Object.keys(body).length > 0) response = await this.write(() => this.client().updateIntegration(existing._id, body));
    return this.finish(response, inputs, " (adopted)");
  }

  private async findByIdentifier(inputs: IntegrationInputs): Promise<IntegrationResponse | undefined> {
    const matches = (await this.list()).filter(
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

  private list(): Promise<IntegrationResponse[]> {
    if (!this.listing) {
      const listing = this.client().listIntegrations();
      this.listing = listing;
      // Reads that start after this answer arrived must see fresh data.
      const clear = () => {
        if (this.listing === listing) this.listing = undefined;
      };
      listing.then(clear, clear);
    }
    return this.listing;
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
    this.novu ??= new NovuClient({
      apiUrl: this.config.apiUrl,
      secretKey: this.config.secretKey,
      requestTimeoutMs: this.config.requestTimeoutMs,
      userAgent: `pulumi-novu/${PACKAGE_VERSION}`,
    });
    return this.novu;
  }
}

const PACKAGE_VERSION: string = require("pulumi-novu/package.json").version;

/**
 * The dynamic-provider host has no channel to the engine's diagnostics; the engine shows a
 * plugin's stderr to the user. Never pass credentials or the key here.
 */
function warn(message: string): void {
  process.stderr.write(`warning: pulumi-novu: ${message}\n`);
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

/** The stub calls this on every method call; one runtime (and one HTTP agent) per process. */
export function integrationRuntime(_providerVersion: string): IntegrationRuntime {
  instance ??= new IntegrationRuntime();
  return instance;
}
