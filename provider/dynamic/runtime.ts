/**
 * The dynamic front-end's runtime, loaded by the serialized stub (stub.ts) inside Pulumi's
 * dynamic-provider host process (`pulumi-novu/runtime`): it installs the shared Integration
 * operations (runtime/integration-operations.ts) on the provider object the host deserialized.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PartialWriteError } from "../errors";
import { IntegrationOperations } from "../runtime/integration-operations";
import { ProviderProcess } from "../runtime/provider-process";
import type { ConfigSource } from "../runtime/provider-config";
import { guardProvider } from "../runtime/redact";
import { ledgerProvider } from "./ledger";
import { exitWhenOrphaned } from "../runtime/orphan-guard";
import { setWarningSink } from "../runtime/warnings";
import { engineWarningSink, loggingAbout } from "../runtime/engine-log";
import { engineAddressFrom, isDynamicProviderHost } from "../runtime/engine-address";

/** The Integration's dynamic provider: the process's configure, then the operations. */
export type DynamicIntegrationProvider = Pick<ProviderProcess, "configure"> & Pick<IntegrationOperations, (typeof METHODS)[number]>;

let providerProcess: ProviderProcess | undefined;
let instance: DynamicIntegrationProvider | undefined;

/**
 * One process context (and so one HTTP agent and one rate limiter) per provider process, behind
 * redact.ts: no error, failure reason or warning leaving the process carries a secret it has seen.
 */
export function integrationRuntime(_providerVersion: string): DynamicIntegrationProvider {
  exitWhenOrphaned();
  logThroughTheEngine();
  providerProcess ??= new ProviderProcess();
  instance ??= dynamicIntegrationProvider(providerProcess);
  return instance;
}

/** The Integration's dynamic provider over one process context, behind the redaction boundary, as the host runs it. */
export function dynamicIntegrationProvider(context: ProviderProcess = new ProviderProcess()): DynamicIntegrationProvider {
  const operations = new IntegrationOperations(context, { ledger: true });
  return guardProvider({
    configure: (req: { readonly config?: ConfigSource }) => context.configure(req),
    check: (olds: Bag, news: Bag) => operations.check(olds, news),
    diff: (id: string, olds: Bag, news: Bag) => operations.diff(id, olds, news),
    create: (news: Bag) => recordingHalfDone(news, () => operations.create(news)),
    read: (id: string, props: Bag) => operations.read(id, props),
    update: (id: string, olds: Bag, news: Bag) => recordingHalfDone(news, () => operations.update(id, olds, news)),
    delete: (id: string, props: Bag) => operations.delete(id, props),
  });
}

type Bag = Record<string, unknown>;

/**
 * A half-done write as Pulumi's dynamic-provider host records one: its `grpcResponseFromError`
 * answers ErrorResourceInitFailed for an error with an `id`, taking `properties` as the resource's
 * state and `reasons` as what the engine shows.
 */
export class HostInitFailure extends Error {
  override readonly name = "HostInitFailure";
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Readonly<Bag>,
    readonly reasons: readonly string[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Runs a create or update, turning a PartialWriteError into what the host records. The recorded
 * state is what a successful write would have left: the host adds `__provider` to a result's
 * outputs but not to an error's properties, and without it a refresh or destroy before the next
 * `up` finds no provider; `__urn` names the resource in later warnings (aboutTheResource).
 */
async function recordingHalfDone<T>(news: Bag, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!(err instanceof PartialWriteError)) throw err;
    const carried = Object.fromEntries(CARRIED.filter((k) => typeof news[k] === "string").map((k) => [k, news[k]]));
    throw new HostInitFailure(err.message, err.resourceId, { ...err.outputs, ...carried }, [err.message], { cause: err });
  }
}

/** The inputs the dynamic host's state keeps beside the outputs. */
const CARRIED = ["__provider", "__urn"] as const;

/** The ledger stub's `configure` (dynamic/ledger-stub.ts): installs the ledger's methods, sharing this process's client. */
export function installLedger(provider: Record<string, unknown>, req: pulumi.dynamic.ConfigureRequest, providerVersion: string): Promise<void> {
  const runtime = integrationRuntime(providerVersion);
  // Guarded like the Integration's methods: a ledger error must not carry a secret either.
  Object.assign(provider, guardProvider(ledgerProvider(() => providerProcess!.listForLedger())));
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
  for (const method of METHODS) provider[method] = aboutTheResource(method, runtime[method] as (...args: unknown[]) => Promise<unknown>);
  return runtime.configure(req);
}

/**
 * The host gives a method no URN, so the Integration passes its own as the internal input `__urn`
 * (resource/integration.ts), kept in its outputs for read and delete, which get only those: what a
 * method warns is then shown under the resource it is about. State written before has none, and
 * its warnings are shown under the stack.
 */
export function aboutTheResource(method: (typeof METHODS)[number], run: (...args: unknown[]) => Promise<unknown>): (...args: unknown[]) => Promise<unknown> {
  const bagAt = method === "create" ? 0 : method === "check" || method === "read" || method === "delete" ? 1 : 2;
  return async (...args) => {
    const bag = args[bagAt] as Record<string, unknown> | undefined;
    const urn = typeof bag?.__urn === "string" ? bag.__urn : undefined;
    const result = await loggingAbout(urn, () => run(...args));
    if (!urn || !result || typeof result !== "object") return result;
    // create/update answer `outs`, read answers `props`: the URN rides along for the next read or delete.
    const answer = result as { outs?: Record<string, unknown>; props?: Record<string, unknown> };
    if (answer.outs) return { ...answer, outs: { ...answer.outs, __urn: urn } };
    if (method === "read" && answer.props) return { ...answer, props: { ...answer.props, __urn: urn } };
    return result;
  };
}

let engineLogging = false;

/** In Pulumi's dynamic-provider host (`…/dynamic-provider/index.js <engine address>`), warnings go through the engine's Log RPC. */
function logThroughTheEngine(): void {
  if (engineLogging) return;
  engineLogging = true;
  const engine = isDynamicProviderHost() ? engineAddressFrom(process.argv.slice(2)) : undefined;
  if (engine) setWarningSink(engineWarningSink(engine.text));
}
