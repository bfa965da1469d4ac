/**
 * The stacks the bench runs: N integrations of several providers and channels, through either
 * front-end (the dynamic `Integration`, the native `novu.Integration`), and the same resources with
 * a do-nothing provider of each kind (the engine's own cost, the floor of any such provider).
 */
import * as pulumi from "@pulumi/pulumi";
import type * as automation from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../emulator";
import { Integration, type IntegrationArgs } from "../../provider";
import * as novu from "pulumi-novu/native";
import { NOOP_TYPE } from "./native-noop/service";

const KINDS: Array<(n: number) => IntegrationArgs> = [
  (n) => ({ providerId: "sendgrid", channel: "email", credentials: { apiKey: `SG.bench-${n}`, from: "bench@acme.dev", senderName: "Acme" } }),
  (n) => ({ providerId: "twilio", channel: "sms", credentials: { accountSid: `AC${n}`, token: `tw-${n}`, from: "+15550100" } }),
  (n) => ({ providerId: "slack", channel: "chat", credentials: { applicationId: `A${n}`, clientId: `1.${n}`, secretKey: `sk-${n}`, signingSecret: `ss-${n}` } }),
  (n) => ({ providerId: "fcm", channel: "push", credentials: { serviceAccount: `{"project_id":"p${n}"}` } }),
  (n) => ({ providerId: "postmark", channel: "email", name: `Postmark ${n}`, credentials: { apiKey: `pm-${n}`, from: "bench@acme.dev", senderName: "Acme" } }),
  (n) => ({ providerId: "discord", channel: "chat", active: false }),
  (n) => ({ providerId: "expo", channel: "push", credentials: { apiKey: `ex-${n}` } }),
];

/** Stack config for either front-end's default provider: the emulator's Development environment. */
export function novuConfig(emulator: RunningEmulator, extra: automation.ConfigMap = {}): automation.ConfigMap {
  return {
    "novu:apiUrl": { value: emulator.url },
    "novu:secretKey": { value: emulator.environments.development.apiKey, secret: true },
    ...extra,
  };
}

/** `count` integrations named `int-1` … `int-<count>`; `renamed` gets a new name. */
export function declarations(count: number, renamed?: string): Record<string, IntegrationArgs> {
  const out: Record<string, IntegrationArgs> = {};
  for (let n = 1; n <= count; n++) {
    const name = `int-${n}`;
    const args = KINDS[(n - 1) % KINDS.length]!(n);
    out[name] = name === renamed ? { ...args, name: `Renamed ${n}` } : args;
  }
  return out;
}

export function integrationsProgram(current: () => Record<string, IntegrationArgs>): () => Promise<void> {
  return async () => {
    for (const [name, args] of Object.entries(current())) new Integration(name, args);
  };
}

/**
 * A dynamic provider that does nothing: create answers at once with the inputs as outputs. It is
 * serialized into state like ours, so what it costs is the engine's and the host's share alone.
 */
const noopProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: any) {
    return { id: `noop-${Date.now()}-${Math.random().toString(36).slice(2)}`, outs: inputs };
  },
};

class NoopResource extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, unknown>) {
    super(noopProvider, name, props, { additionalSecretOutputs: ["credentials"] }, "bench", "Noop");
  }
}

/** The same resources as `integrationsProgram`, with a do-nothing provider. */
export function noopProgram(current: () => Record<string, IntegrationArgs>): () => Promise<void> {
  return async () => {
    for (const [name, args] of Object.entries(current())) {
      new NoopResource(name, { ...args, identifier: name, credentials: pulumi.secret(args.credentials ?? {}) });
    }
  };
}

/** The same integrations through the native `novu` plugin (its default provider: `novu:*` stack config). */
export function nativeIntegrationsProgram(current: () => Record<string, IntegrationArgs>): () => Promise<void> {
  return async () => {
    // The same declarations; the dynamic arguments' `rules` may also be null ("none"), which these never are.
    for (const [name, args] of Object.entries(current())) new novu.Integration(name, args as novu.IntegrationArgs);
  };
}

/** A resource of the do-nothing native plugin (`pulumi-resource-noop`, dev/bench/native-noop/). */
class NativeNoopResource extends pulumi.CustomResource {
  constructor(name: string, props: Record<string, unknown>) {
    super(NOOP_TYPE, name, props, { additionalSecretOutputs: ["credentials"] });
  }
}

/** The same resources as `noopProgram`, with the do-nothing native plugin. */
export function nativeNoopProgram(current: () => Record<string, IntegrationArgs>): () => Promise<void> {
  return async () => {
    for (const [name, args] of Object.entries(current())) {
      new NativeNoopResource(name, { ...args, identifier: name, credentials: pulumi.secret(args.credentials ?? {}) });
    }
  };
}
