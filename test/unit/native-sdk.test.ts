/** The native SDK's classes (pulumi-novu/native): argument types that match the package schema, and what they register. */
import * as pulumi from "@pulumi/pulumi";
import { INTEGRATION_TOKEN, packageSchema } from "../../provider/native/schema";
import { withSecretConfigurationKeys } from "../../provider/resource/secret-configurations";
import {
  type Channel,
  type FoundIntegration,
  getEnvironment,
  type GetEnvironmentResult,
  getIntegration,
  type GetIntegrationArgs,
  getIntegrationOutput,
  getIntegrations,
  type GetIntegrationsArgs,
  type GetIntegrationsResult,
  Integration,
  type IntegrationArgs,
  type IntegrationOutputProperties,
  Provider,
  type ProviderArgs,
} from "../../provider/native/sdk";

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

// Exhaustive by type: a key missing here, or one that is not in the type, fails to compile.
const integrationArgs: Record<keyof IntegrationArgs, true> = {
  providerId: true, channel: true, name: true, identifier: true, environmentId: true, active: true, primary: true,
  credentials: true, configurations: true, conditions: true, rules: true, check: true, removeNovuBranding: true, adopt: true, deleteAdopted: true,
};
const requiredIntegrationArgs: Record<RequiredKeys<IntegrationArgs>, true> = { providerId: true, channel: true };
const integrationOutputs: Record<keyof IntegrationOutputProperties, true> = {
  integrationId: true, environmentId: true, organizationId: true, providerId: true, channel: true, name: true, identifier: true,
  active: true, primary: true, priority: true, deleted: true, conditions: true, rules: true, credentials: true, configurations: true,
  check: true, adopt: true, adopted: true, deleteAdopted: true, apiUrl: true, environmentName: true,
};
const providerArgs: Record<keyof ProviderArgs, true> = {
  secretKey: true, apiUrl: true, region: true, requestTimeoutMs: true, operationTimeoutMs: true, maxRetries: true, maxRequestsPerSecond: true, movedFrom: true,
};
const getIntegrationArgs: Record<keyof GetIntegrationArgs, true> = { identifier: true, integrationId: true, environmentId: true };
const getIntegrationsArgs: Record<keyof GetIntegrationsArgs, true> = { channel: true, providerId: true, active: true, environmentId: true };
const foundIntegration: Record<keyof FoundIntegration, true> = {
  integrationId: true, environmentId: true, organizationId: true, providerId: true, channel: true, name: true, identifier: true,
  active: true, primary: true, priority: true, deleted: true, conditions: true, rules: true, configurations: true, apiUrl: true, environmentName: true,
};
const getIntegrationsResult: Record<keyof GetIntegrationsResult, true> = { integrations: true, skipped: true };
const getEnvironmentResult: Record<keyof GetEnvironmentResult, true> = { environmentId: true, name: true, organizationId: true, apiUrl: true };
const noRequiredProviderArgs: [RequiredKeys<ProviderArgs>] extends [never] ? true : false = true;

// Args take Outputs at every level, including an Output of a whole boolean or of a channel union (compile-time only).
export const mixedArgs = (flag: pulumi.Output<boolean>, channel: pulumi.Output<Channel>): IntegrationArgs => ({
  providerId: pulumi.output("sendgrid"),
  channel,
  active: flag,
  credentials: { apiKey: pulumi.secret("SG.x"), from: "a@b.c", port: 587 },
  conditions: [{ value: "AND", children: [{ field: "identifier", value: pulumi.output("acme"), operator: "EQUAL", on: "tenant" }] }],
  configurations: pulumi.output({ inboxCount: 3 }),
});

const schema = packageSchema();
const sorted = (keys: readonly string[]) => [...keys].sort();

describe("the native SDK's types", () => {
  it("has each function's arguments and results the package schema publishes", () => {
    const fn = (name: string) => schema.functions[`novu:index:${name}`]!;
    expect(sorted(Object.keys(getIntegrationArgs))).toEqual(sorted(Object.keys(fn("getIntegration").inputs!.properties)));
    expect(sorted(Object.keys(foundIntegration))).toEqual(sorted(Object.keys(fn("getIntegration").outputs.properties)));
    expect(sorted(Object.keys(getIntegrationsArgs))).toEqual(sorted(Object.keys(fn("getIntegrations").inputs!.properties)));
    expect(sorted(Object.keys(getIntegrationsResult))).toEqual(sorted(Object.keys(fn("getIntegrations").outputs.properties)));
    expect(sorted(Object.keys(getEnvironmentResult))).toEqual(sorted(Object.keys(fn("getEnvironment").outputs.properties)));
  });

  it("has the Integration's arguments the package schema publishes, the same ones required", () => {
    expect(sorted(Object.keys(integrationArgs))).toEqual(sorted(Object.keys(schema.resources[INTEGRATION_TOKEN].inputProperties)));
    expect(sorted(Object.keys(requiredIntegrationArgs))).toEqual(sorted(schema.resources[INTEGRATION_TOKEN].requiredInputs));
  });

  it("has the Integration's outputs the package schema publishes", () => {
    expect(sorted(Object.keys(integrationOutputs))).toEqual(sorted(Object.keys(schema.resources[INTEGRATION_TOKEN].properties)));
  });

  it("has the Provider's arguments the package schema publishes, none required", () => {
    expect(sorted(Object.keys(providerArgs))).toEqual(sorted(Object.keys(schema.provider.inputProperties)));
    expect(noRequiredProviderArgs).toBe(true);
    expect(schema.provider.requiredInputs).toEqual([]);
  });
});

interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly id?: string;
}

describe("the native SDK's classes", () => {
  const registered: Registered[] = [];
  const invoked: { token: string; inputs: Record<string, unknown>; provider?: string }[] = [];
  beforeAll(() =>
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, name: args.name, inputs: args.inputs, id: args.id });
          return { id: args.id ?? `${args.name}-id`, state: { ...args.inputs, ...(args.type === INTEGRATION_TOKEN ? { integrationId: "6b10" } : {}) } };
        },
        call: (args) => {
          invoked.push({ token: args.token, inputs: args.inputs, provider: args.provider });
          return { answeredFor: args.token };
        },
      },
      "project",
      "stack",
      false,
    ),
  );
  beforeEach(() => {
    registered.splice(0);
    invoked.splice(0);
  });

  /** A secret as the engine receives it. */
  const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
  const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));
  const isSecret = (output: pulumi.Output<unknown>) => (output as unknown as { isSecret: Promise<boolean> }).isSecret;

  it("registers an Integration under its token, leaving identifier for the provider to default", async () => {
    const provider = new Provider("novu", { secretKey: "sk" });
    const mail = new Integration("mail", { providerId: "sendgrid", channel: "email", credentials: { apiKey: "SG.x" } }, { provider });
    expect(await value(mail.integrationId)).toBe("6b10");
    const integration = registered.find((r) => r.type === INTEGRATION_TOKEN);
    expect(integration).toMatchObject({ name: "mail", inputs: { providerId: "sendgrid", channel: "email", credentials: secret({ apiKey: "SG.x" }) } });
    expect(integration?.inputs).not.toHaveProperty("identifier");
    expect(Integration.isInstance(mail)).toBe(true);
    expect(Integration.isInstance(provider)).toBe(false);
    expect(Provider.isInstance(provider)).toBe(true);
  });

  it("keeps the credentials and the webhook signing key secret, other configurations readable", async () => {
    const configurations = { inboundWebhookEnabled: true, inboundWebhookSigningKey: "whsec" };
    const mail = new Integration("mail", { providerId: "sendgrid", channel: "email", credentials: { apiKey: "SG.x" }, configurations });
    expect(await isSecret(mail.credentials)).toBe(true);
    expect(await isSecret(mail.providerId)).toBe(false);
    // The mock monitor hoists a nested secret to its object; the SDK itself marks only the key.
    expect(registered[0].inputs).toMatchObject({ credentials: secret({ apiKey: "SG.x" }), configurations: secret(configurations) });
    const marked = withSecretConfigurationKeys(configurations) as Record<string, unknown>;
    expect(marked.inboundWebhookEnabled).toBe(true);
    expect(await isSecret(marked.inboundWebhookSigningKey as pulumi.Output<string>)).toBe(true);
  });

  it("refuses an Integration without providerId or channel, as generated SDKs do", () => {
    expect(() => new Integration("mail", { channel: "email" } as IntegrationArgs)).toThrow("Missing required property 'providerId'");
    expect(() => new Integration("mail", { providerId: "sendgrid" } as IntegrationArgs)).toThrow("Missing required property 'channel'");
  });

  it("looks an Integration up by its Novu id", async () => {
    const found = Integration.get("found", "6b10");
    expect(await value(found.id)).toBe("6b10");
    expect(registered).toEqual([expect.objectContaining({ type: INTEGRATION_TOKEN, name: "found", id: "6b10" })]);
  });

  it("invokes each function by its token, through the explicit provider when given one", async () => {
    const provider = new Provider("prod", { secretKey: "sk" });
    expect(await getIntegration({ identifier: "mail" }, { provider })).toEqual({ answeredFor: "novu:index:getIntegration" });
    await getIntegrations({ channel: "email", active: true });
    await getEnvironment();
    expect(await value(getIntegrationOutput({ integrationId: pulumi.output("6b10") }))).toEqual({ answeredFor: "novu:index:getIntegration" });
    expect(invoked.map((i) => [i.token, i.inputs])).toEqual([
      ["novu:index:getIntegration", { identifier: "mail" }],
      ["novu:index:getIntegrations", { channel: "email", active: true }],
      ["novu:index:getEnvironment", {}],
      ["novu:index:getIntegration", { integrationId: "6b10" }],
    ]);
    expect(invoked[0]!.provider).toMatch(/pulumi:providers:novu::prod::/);
  });

  it("registers a Provider with its settings as strings, the key secret", async () => {
    const provider = new Provider("eu", { secretKey: pulumi.output("sk"), region: "eu", maxRetries: 2, maxRequestsPerSecond: 2.5 });
    await value(provider.urn);
    expect(registered).toEqual([
      expect.objectContaining({ type: "pulumi:providers:novu", name: "eu", inputs: { secretKey: secret("sk"), region: "eu", maxRetries: "2", maxRequestsPerSecond: "2.5" } }),
    ]);
  });
});
