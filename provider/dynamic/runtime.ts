/**
 * The dynamic front-end's runtime, loaded by the serialized stub (stub.ts) inside Pulumi's
 * dynamic-provider host process (`pulumi-novu/runtime`): it installs the shared Integration
 * operations (operations/integration-operations.ts) on the provider object the host deserialized.
 */
import type * as pulumi from "@pulumi/pulumi";
import { IntegrationRuntime } from "../runtime/integration-operations";
import { type GuardedProvider, guardProvider } from "../runtime/redact";
import { ledgerProvider } from "./ledger";
import { exitWhenOrphaned } from "../runtime/orphan-guard";

let raw: IntegrationRuntime | undefined;
let instance: GuardedProvider<IntegrationRuntime> | undefined;

/**
 * One runtime (and so one HTTP agent and one rate limiter) per provider process, behind
 * redact.ts: no error, failure reason or warning leaving the process carries a secret it has seen.
 */
export function integrationRuntime(_providerVersion: string): GuardedProvider<IntegrationRuntime> {
  exitWhenOrphaned();
  raw ??= new IntegrationRuntime();
  instance ??= guardProvider(raw);
  return instance;
}

/** The ledger stub's `configure` (dynamic/ledger-stub.ts): installs the ledger's methods, sharing this process's client. */
export function installLedger(provider: Record<string, unknown>, req: pulumi.dynamic.ConfigureRequest, providerVersion: string): Promise<void> {
  const runtime = integrationRuntime(providerVersion);
  // Guarded like the Integration's methods: a ledger error must not carry a secret either.
  Object.assign(provider, guardProvider(ledgerProvider(() => raw!.listForLedger())));
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
  for (const method of METHODS) provider[method] = runtime[method];
  return runtime.configure(req);
}
