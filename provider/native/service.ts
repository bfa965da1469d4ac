/**
 * The native front-end: Pulumi's ResourceProvider gRPC service for the `novu` package, written on
 * the protocol stubs `@pulumi/pulumi` ships (the way the SDK's own dynamic-provider host is), because
 * the SDK's `provider.main()` drops provider configuration and detailed diffs (pulumi-notes §9).
 *
 * Glue only. Each resource RPC is dispatched by the request's type token to that type's handler
 * (resources.ts; resource-handler.ts is the contract), each Invoke by its function token
 * (runtime/lookup-operations.ts); every decision is theirs and the core's, behind the redaction
 * boundary. This file translates: property bags in and out of protobuf Structs and secret wrappers
 * (wire.ts), answers to responses, and errors to gRPC statuses (a PartialWriteError becomes
 * ErrorResourceInitFailed, so the engine records the half-done write; an unknown type token
 * INVALID_ARGUMENT, naming it). The provider's own settings (CheckConfig, DiffConfig, Configure) are
 * read here into the process context every handler shares.
 *
 * One provider instance per plugin process: the engine starts a process for every provider
 * resource (the default one from `novu:*` stack config, and each explicit `novu.Provider`).
 */
import { LookupError, PartialWriteError, ProviderConfigError, UnknownResourceTypeError } from "../errors";
import { UNKNOWN } from "../planning/check";
import type { PropertyChange } from "../planning/detailed-diff";
import { plaintextKeyRefusal } from "../planning/plaintext-key";
import { isDefaultProviderName, nameOf, stackOfUrn, typeOfUrn } from "../planning/urn";
import { loggingAbout } from "../runtime/engine-log";
import { LOOKUPS } from "../runtime/lookup-operations";
import { type ConfigSource, PROVIDER_SETTINGS, readProviderConfig } from "../runtime/provider-config";
import { ProviderProcess } from "../runtime/provider-process";
import { guardMethod, guardProvider, secrets } from "../runtime/redact";
import { DeploymentClaims } from "./deployment-claims";
import { anyPb, configureResponse, emptyPb, grpc, pluginPb, providerPb, serveResourceProvider, statusPb, structPb } from "./grpc";
import type { CheckFailure, HandlerContext, ResourceHandler } from "./resource-handler";
import { RESOURCES } from "./resources";
import { pluginSchema } from "./published-schema";
import { type Bag, plain, unwrapBag, wrapSecrets } from "./wire";

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
  /** What every resource and function of this process shares: settings, the Novu client, the shared list. */
  private readonly process = new ProviderProcess();
  private readonly configureProcess = guardProvider({ configure: (req: { readonly config?: ConfigSource }) => this.process.configure(req) }).configure;
  private readonly context: HandlerContext;
  /** Each resource type's handler, made on its first request. */
  private readonly handlers = new Map<string, ResourceHandler>();

  constructor(engineAddress?: string) {
    // Claims of this deployment's other provider processes (deployment-claims.ts); none without the engine's address.
    this.context = { process: this.process, claims: engineAddress ? new DeploymentClaims(engineAddress) : undefined };
  }

  /** The handler of the request's type (its `type`, or its URN's): an unknown one is refused, naming it. */
  private handlerFor(request: { getType?(): string; getUrn?(): string }): ResourceHandler {
    const type = request.getType?.() || typeOfUrn(request.getUrn?.() ?? "") || "";
    let handler = this.handlers.get(type);
    if (!handler) {
      const make = RESOURCES[type];
      if (!make) throw new UnknownResourceTypeError(type, Object.keys(RESOURCES));
      handler = make(this.context);
      this.handlers.set(type, handler);
    }
    return handler;
  }

  getPluginInfo(_call: Call, callback: Callback): void {
    const info = new pluginPb.PluginInfo();
    info.setVersion(PACKAGE_VERSION);
    callback(null, info);
  }

  getSchema(_call: Call, callback: Callback): void {
    const response = new providerPb.GetSchemaResponse();
    response.setSchema(JSON.stringify(pluginSchema()));
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
      await this.configureProcess({ config: settingsSource(bag, explicitProvider(call.request)) });
      callback(null, configureResponse());
    } catch (err) {
      callback(asStatus(err));
    }
  }

  async check(call: Call, callback: Callback): Promise<void> {
    try {
      const handler = this.handlerFor(call.request);
      const olds = unwrapBag(toJs(call.request.getOlds())).bag;
      const news = unwrapBag(toJs(call.request.getNews()));
      const result = await handler.check({ urn: call.request.getUrn(), olds, news: news.bag });
      callback(null, checkResponse(toStruct(wrapSecrets(result.inputs, news.secret)), result.failures));
    } catch (err) {
      callback(asStatus(err));
    }
  }

  async diff(call: Call, callback: Callback): Promise<void> {
    try {
      const handler = this.handlerFor(call.request);
      const olds = unwrapBag(toJs(call.request.getOlds())).bag;
      const news = unwrapBag(toJs(call.request.getNews())).bag;
      const result = await handler.diff({ urn: call.request.getUrn(), id: call.request.getId(), olds, news });
      const response = new providerPb.DiffResponse();
      response.setChanges(result.changes ? providerPb.DiffResponse.DiffChanges.DIFF_SOME : providerPb.DiffResponse.DiffChanges.DIFF_NONE);
      response.setReplacesList([...result.replaces]);
      response.setDeletebeforereplace(result.deleteBeforeReplace);
      response.setDiffsList([...new Set(Object.keys(result.detailedDiff).map((p) => p.split(".")[0]!))]);
      const map = response.getDetaileddiffMap();
      for (const [path, change] of Object.entries(result.detailedDiff)) {
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
      const result = await this.handlerFor(call.request).create({ urn: call.request.getUrn(), news: news.bag });
      const response = new providerPb.CreateResponse();
      response.setId(result.id);
      response.setProperties(toStruct(wrapSecrets(result.outputs, news.secret)));
      callback(null, response);
    } catch (err) {
      callback(...asFailure(err, news.secret));
    }
  }

  async read(call: Call, callback: Callback): Promise<void> {
    try {
      const handler = this.handlerFor(call.request);
      const state = unwrapBag(toJs(call.request.getProperties()));
      const inputs = unwrapBag(toJs(call.request.getInputs()));
      const result = await handler.read({ urn: call.request.getUrn(), id: call.request.getId(), state: state.bag, inputs: inputs.bag });
      const response = new providerPb.ReadResponse();
      response.setId(result.id);
      const keep = new Set([...state.secret, ...inputs.secret]);
      if (result.id && result.outputs) response.setProperties(toStruct(wrapSecrets(result.outputs, keep)));
      if (result.id && result.inputs) response.setInputs(toStruct(wrapSecrets(result.inputs, keep)));
      callback(null, response);
    } catch (err) {
      callback(asStatus(err));
    }
  }

  async update(call: Call, callback: Callback): Promise<void> {
    const olds = unwrapBag(toJs(call.request.getOlds()));
    const news = unwrapBag(toJs(call.request.getNews()));
    try {
      const result = await this.handlerFor(call.request).update({ urn: call.request.getUrn(), id: call.request.getId(), olds: olds.bag, news: news.bag });
      const response = new providerPb.UpdateResponse();
      response.setProperties(toStruct(wrapSecrets(result.outputs, news.secret)));
      callback(null, response);
    } catch (err) {
      callback(...asFailure(err, news.secret));
    }
  }

  async delete(call: Call, callback: Callback): Promise<void> {
    try {
      const handler = this.handlerFor(call.request);
      await handler.delete({ urn: call.request.getUrn(), id: call.request.getId(), state: unwrapBag(toJs(call.request.getProperties())).bag });
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
  const code = err instanceof UnknownResourceTypeError ? grpc.status.INVALID_ARGUMENT : grpc.status.UNKNOWN;
  return { code, details: message, message };
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
