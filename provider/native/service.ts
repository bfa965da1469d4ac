/**
 * The native front-end: Pulumi's ResourceProvider gRPC service for the `novu` package, written on
 * the protocol stubs `@pulumi/pulumi` ships (the way the SDK's own dynamic-provider host is), because
 * the SDK's `provider.main()` drops provider configuration and detailed diffs (pulumi-notes §9).
 *
 * Every decision is the core's: the same IntegrationRuntime (runtime/integration-operations.ts) the dynamic front-end
 * runs, behind the same redaction boundary. This file only translates: property bags in and out
 * of protobuf Structs and secret wrappers (wire.ts), results to responses, and errors to gRPC
 * statuses (a write that half succeeded becomes ErrorResourceInitFailed, so the engine records it).
 *
 * One provider instance per plugin process: the engine starts a process for every provider
 * resource (the default one from `novu:*` stack config, and each explicit `novu.Provider`).
 */
import { LookupError, PartialWriteError, ProviderConfigError } from "../errors";
import { UNKNOWN } from "../planning/check";
import type { PropertyChange } from "../planning/detailed-diff";
import { declaredImportInputs } from "../planning/import";
import { plaintextKeyRefusal } from "../planning/plaintext-key";
import { isDefaultProviderName, nameOf, stackOfUrn } from "../planning/urn";
import { withNameDefaults } from "../schemas/integration-inputs";
import { storedOutputs } from "../planning/state";
import { claimPrimary, primaryConflictMessage } from "../planning/primary-claims";
import { IntegrationOperations } from "../runtime/integration-operations";
import { ProviderProcess } from "../runtime/provider-process";
import { LOOKUPS } from "../runtime/lookup-operations";
import { type ConfigSource, PROVIDER_SETTINGS, readProviderConfig } from "../runtime/provider-config";
import { guardMethod, guardProvider, secrets } from "../runtime/redact";
import { anyPb, configureResponse, emptyPb, grpc, pluginPb, providerPb, serveResourceProvider, statusPb, structPb } from "./grpc";
import { type Bag, plain, unwrapBag, wrapSecrets } from "./wire";
import { loggingAbout } from "../runtime/engine-log";
import { DeploymentClaims } from "./deployment-claims";
import { packageSchema } from "./schema";

const PACKAGE_VERSION: string = require("pulumi-novu/package.json").version;

type Call = { request: any };
type Callback = (err: unknown, value?: unknown, trailer?: unknown) => void;

const KIND: Record<PropertyChange, number> = {
  add: providerPb.PropertyDiff.Kind.ADD,
  "add-replace": providerPb.PropertyDiff.Kind.ADD_REPLACE,
  update: providerPb.PropertyDiff.Kind.UPDATE,
  "update-replace": providerPb.PropertyDiff.Kind.UPDATE_REPLACE,
  delete: providerPb.PropertyDiff.Kind.DELETE,
  "delete-replace": providerPb.PropertyDiff.Kind.DELETE_REPLACE,
};

function toJs(struct: any): Bag {
  return (struct?.toJavaScript() ?? {}) as Bag;
}

function toStruct(bag: Bag): any {
  return structPb.Struct.fromJavaScript(plain(bag));
}

/** A resource's claim of its channel's primary, when it makes one with a known channel (the environment: explicit, if known). */
function primaryClaimOf(declared: Bag): { channel: string; environmentId: string | undefined } | undefined {
  if (declared.primary !== true || typeof declared.channel !== "string" || declared.channel === UNKNOWN) return undefined;
  const environmentId = typeof declared.environmentId === "string" && declared.environmentId !== UNKNOWN ? declared.environmentId : undefined;
  return { channel: declared.channel, environmentId };
}

/**
 * The explicit provider's name, or undefined for the default provider (made by the engine from
 * `novu:*` stack config, named `default…`) and when the engine does not say.
 */
function explicitProvider(request: { getUrn?(): string; getName?(): string }): string | undefined {
  const name = request.getName?.() || nameOf(request.getUrn?.() ?? "");
  return name && !isDefaultProviderName(name) ? name : undefined;
}

/**
 * Provider settings from the explicit provider's arguments or the default provider's `novu:*` stack
 * config, each named as the user wrote it (the core reports where a value came from, the
 * environment variables included).
 */
function settingsSource(args: Bag, explicit?: string): ConfigSource {
  return {
    kind: explicit ? "provider argument" : "stack config",
    nameOf: explicit ? (key) => `the ${key.replace(/^novu:/, "")} argument of provider "${explicit}"` : undefined,
    get(key: string) {
      const value = args[key.replace(/^novu:/, "")];
      if (value === undefined || value === null) return undefined;
      return typeof value === "string" ? value : JSON.stringify(value);
    },
  };
}

export class NovuProviderService {
  // No ledger resource beside a native program's integrations: a taken identifier is explained without it.
  private readonly process = new ProviderProcess();
  private readonly operations = new IntegrationOperations(this.process, { ledger: false });
  private readonly ops = guardProvider({
    configure: (req: Parameters<ProviderProcess["configure"]>[0]) => this.process.configure(req),
    check: (olds: Bag, news: Bag) => this.operations.check(olds, news),
    diff: (id: string, olds: Bag, news: Bag) => this.operations.diff(id, olds, news),
    create: (news: Bag, context: { resourceName?: string }) => this.operations.create(news, context),
    read: (id: string, props: Bag, inputs: Bag) => this.operations.read(id, props, inputs),
    update: (id: string, olds: Bag, news: Bag) => this.operations.update(id, olds, news),
    delete: (id: string, props: Bag) => this.operations.delete(id, props),
  });
  private readonly importById = guardMethod((id: string) => this.operations.importById(id));

  /** Claims of this deployment's other provider processes (deployment-claims.ts); none without the engine's address. */
  private readonly claims?: DeploymentClaims;

  constructor(engineAddress?: string) {
    if (engineAddress) this.claims = new DeploymentClaims(engineAddress);
  }

  /**
   * The same claim as `claimPrimary`, against every provider of the deployment: two explicit
   * providers whose keys reach one environment would otherwise take its primary from each other at
   * every `up`. Keyed by the environment the key reaches (one request per process, as placement asks).
   */
  private async claimAcrossProviders(urn: string, channel: string, explicitEnvironment: string | undefined): Promise<string | undefined> {
    if (!this.claims) return undefined;
    const environmentId = explicitEnvironment ?? (await this.process.keyEnvironmentId());
    if (!environmentId) return undefined;
    let holder: string | undefined;
    try {
      holder = this.claims.claim(`${environmentId}/${channel}`, urn);
    } catch {
      return undefined; // Best effort: a temp folder we cannot write only loses this check.
    }
    return holder ? primaryConflictMessage(nameOf(holder), nameOf(urn), channel, environmentId, true) : undefined;
  }

  getPluginInfo(_call: Call, callback: Callback): void {
    const info = new pluginPb.PluginInfo();
    info.setVersion(PACKAGE_VERSION);
    callback(null, info);
  }

  getSchema(_call: Call, callback: Callback): void {
    const response = new providerPb.GetSchemaResponse();
    response.setSchema(JSON.stringify(packageSchema()));
    callback(null, response);
  }

  /** Validates the provider's settings at preview: each problem names the setting, never its value. */
  checkConfig(call: Call, callback: Callback): void {
    const news = toJs(call.request.getNews());
    const { bag } = unwrapBag(news);
    const failures: CheckFailure[] = [];
    try {
      readProviderConfig(settingsSource(bag, explicitProvider(call.request)));
    } catch (err) {
      if (!(err instanceof ProviderConfigError)) return callback(asStatus(err));
      failures.push({ property: "", reason: secrets.redact(err.message) });
    }
    callback(null, checkResponse(call.request.getNews(), failures));
  }

  /** A changed key or endpoint updates the provider in place: replacing it would replace every integration. */
  diffConfig(call: Call, callback: Callback): void {
    const olds = unwrapBag(toJs(call.request.getOlds())).bag;
    const news = unwrapBag(toJs(call.request.getNews())).bag;
    const changed = Object.keys(PROVIDER_SETTINGS).filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
    const response = new providerPb.DiffResponse();
    response.setChanges(changed.length > 0 ? providerPb.DiffResponse.DiffChanges.DIFF_SOME : providerPb.DiffResponse.DiffChanges.DIFF_NONE);
    response.setDiffsList(changed);
    callback(null, response);
  }

  async configure(call: Call, callback: Callback): Promise<void> {
    try {
      const args = toJs(call.request.getArgs());
      const { bag, secret } = unwrapBag(args);
      // (An unknown key — an output not yet computed at preview — is not a plain one.)
      if (typeof bag.secretKey === "string" && bag.secretKey !== "" && bag.secretKey !== UNKNOWN && !secret.has("secretKey")) {
        secrets.remember(bag.secretKey);
        const explicit = explicitProvider(call.request);
        const stack = stackOfUrn(call.request.getUrn?.() ?? "") ?? "<stack>";
        throw new ProviderConfigError(explicit ? `secretKey ${plaintextKeyRefusal({ explicitProvider: explicit })}` : `novu:secretKey ${plaintextKeyRefusal({ stack })}`);
      }
      await this.ops.configure({ config: settingsSource(bag, explicitProvider(call.request)) });
      callback(null, configureResponse());
    } catch (err) {
      callback(asStatus(err));
    }
  }

  async check(call: Call, callback: Callback): Promise<void> {
    try {
      const olds = unwrapBag(toJs(call.request.getOlds())).bag;
      const news = unwrapBag(toJs(call.request.getNews()));
      const name = nameOf(call.request.getUrn());
      const declared: Bag = withNameDefaults(news.bag, name);
      // Two resources of this provider claiming one channel's primary: the second fails at preview,
      // as in the dynamic front-end (one plugin process serves one provider instance for one command).
      const claim = primaryClaimOf(declared);
      if (claim) {
        const conflict = claimPrimary(this, name, claim.channel, claim.environmentId);
        if (conflict) declared.__primaryClaimConflict = conflict;
      }
      const result = await this.ops.check(olds, declared);
      const inputs = { ...((result.inputs ?? declared) as Bag) };
      const failures = [...(result.failures ?? [])];
      // Against the deployment's other providers too, once the inputs are otherwise fine (it asks which environment the key reaches).
      if (claim && failures.length === 0) {
        const conflict = await this.claimAcrossProviders(call.request.getUrn(), claim.channel, claim.environmentId);
        if (conflict) failures.push({ property: "", reason: `primary: ${conflict}` });
      }
      callback(null, checkResponse(toStruct(wrapSecrets(inputs, news.secret)), failures));
    } catch (err) {
      callback(asStatus(err));
    }
  }

  async diff(call: Call, callback: Callback): Promise<void> {
    try {
      const olds = unwrapBag(toJs(call.request.getOlds())).bag;
      const news = unwrapBag(toJs(call.request.getNews())).bag;
      const result = await this.ops.diff(call.request.getId(), olds, news);
      const properties: Record<string, PropertyChange> = { ...result.detailedDiff };
      for (const name of result.replaces ?? []) if (!properties[name]?.endsWith("replace")) properties[name] = "update-replace";
      const response = new providerPb.DiffResponse();
      response.setChanges(result.changes ? providerPb.DiffResponse.DiffChanges.DIFF_SOME : providerPb.DiffResponse.DiffChanges.DIFF_NONE);
      response.setReplacesList(result.replaces ?? []);
      response.setDeletebeforereplace(result.deleteBeforeReplace ?? false);
      response.setDiffsList([...new Set(Object.keys(properties).map((p) => p.split(".")[0]!))]);
      const map = response.getDetaileddiffMap();
      for (const [path, change] of Object.entries(properties)) {
        const diff = new providerPb.PropertyDiff();
        diff.setKind(KIND[change]);
        diff.setInputdiff(true);
        map.set(path, diff);
      }
      response.setHasdetaileddiff(true);
      callback(null, response);
    } catch (err) {
      callback(asStatus(err));
    }
  }

  async create(call: Call, callback: Callback): Promise<void> {
    const news = unwrapBag(toJs(call.request.getProperties()));
    try {
      const result = await this.ops.create(news.bag, { resourceName: nameOf(call.request.getUrn()) });
      const response = new providerPb.CreateResponse();
      response.setId(result.id);
      response.setProperties(toStruct(wrapSecrets(result.outs as Bag, news.secret)));
      callback(null, response);
    } catch (err) {
      callback(...asFailure(err, news.secret));
    }
  }

  async read(call: Call, callback: Callback): Promise<void> {
    try {
      const id: string = call.request.getId();
      const state = unwrapBag(toJs(call.request.getProperties()));
      const inputs = unwrapBag(toJs(call.request.getInputs()));
      const response = new providerPb.ReadResponse();
      if (Object.keys(state.bag).length === 0) {
        // `pulumi import`: only the id is known.
        const found = await this.importById(id);
        if (found) {
          response.setId(id);
          response.setProperties(toStruct(wrapSecrets(storedOutputs(found.state))));
          response.setInputs(toStruct(wrapSecrets(declaredImportInputs(found.inputs) as Bag)));
        }
        return callback(null, response);
      }
      const result = await this.ops.read(id, state.bag, inputs.bag);
      response.setId(result.id ?? "");
      if (result.id) {
        const keep = new Set([...state.secret, ...inputs.secret]);
        response.setProperties(toStruct(wrapSecrets((result.props ?? {}) as Bag, keep)));
        if (result.inputs) response.setInputs(toStruct(wrapSecrets(result.inputs as Bag, keep)));
      }
      callback(null, response);
    } catch (err) {
      callback(asStatus(err));
    }
  }

  async update(call: Call, callback: Callback): Promise<void> {
    const olds = unwrapBag(toJs(call.request.getOlds()));
    const news = unwrapBag(toJs(call.request.getNews()));
    try {
      const result = await this.ops.update(call.request.getId(), olds.bag, news.bag);
      const response = new providerPb.UpdateResponse();
      response.setProperties(toStruct(wrapSecrets((result.outs ?? {}) as Bag, news.secret)));
      callback(null, response);
    } catch (err) {
      callback(...asFailure(err, news.secret));
    }
  }

  async delete(call: Call, callback: Callback): Promise<void> {
    try {
      await this.ops.delete(call.request.getId(), unwrapBag(toJs(call.request.getProperties())).bag);
      callback(null, new emptyPb.Empty());
    } catch (err) {
      callback(asStatus(err));
    }
  }

  /**
   * A function (invoke): dispatched by its token to its handler (runtime/lookup-operations.ts
   * LOOKUPS), so a new function is a new handler there and nothing here. Reads only; the result
   * holds no credential, so nothing in it is wrapped as a secret.
   */
  async invoke(call: Call, callback: Callback): Promise<void> {
    try {
      const token: string = call.request.getTok();
      const handler = LOOKUPS[token];
      if (!handler) throw new LookupError("token", `${token} is not a function of the novu package (it has ${Object.keys(LOOKUPS).join(", ")})`);
      const args = unwrapBag(toJs(call.request.getArgs())).bag;
      const result = await guardMethod((a: Bag) => handler(this.process, a))(args);
      const response = new providerPb.InvokeResponse();
      response.setReturn(toStruct(result));
      callback(null, response);
    } catch (err) {
      callback(asStatus(err));
    }
  }

  cancel(_call: Call, callback: Callback): void {
    callback(null, new emptyPb.Empty());
  }
}

interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

function checkResponse(inputs: unknown, failures: readonly CheckFailure[]): unknown {
  const response = new providerPb.CheckResponse();
  response.setInputs(inputs);
  response.setFailuresList(
    failures.map((f) => {
      const failure = new providerPb.CheckFailure();
      failure.setProperty(f.property);
      failure.setReason(f.reason);
      return failure;
    }),
  );
  return response;
}

/** An error for the engine, already redacted by the operations' boundary. */
function asStatus(err: unknown): { code: number; details: string; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  return { code: grpc.status.UNKNOWN, details: message, message };
}

/**
 * A create or update that half succeeded (PartialWriteError): sent as ErrorResourceInitFailed, so the
 * engine records the integration and the next `up` finishes the job; any other error as a status.
 */
function asFailure(err: unknown, keepSecret: ReadonlySet<string>): [unknown, null?, unknown?] {
  if (!(err instanceof PartialWriteError)) return [asStatus(err)];
  const detail = new providerPb.ErrorResourceInitFailed();
  detail.setId(err.resourceId);
  detail.setProperties(toStruct(wrapSecrets({ ...err.outputs }, keepSecret)));
  detail.setReasonsList([err.message]);
  const any = new anyPb.Any();
  any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
  const status = new statusPb.Status();
  status.setCode(grpc.status.UNKNOWN);
  status.setMessage(err.message);
  status.addDetails(any);
  const metadata = new grpc.Metadata();
  metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  return [{ code: grpc.status.UNKNOWN, message: err.message, details: err.message, metadata }, null, metadata];
}

/** Starts the service on a free loopback port and returns the port (printed for the engine by main.ts). */
export function serve(engineAddress?: string): Promise<number> {
  return serveResourceProvider(new NovuProviderService(engineAddress), loggingAbout);
}
