/**
 * `pulumi-novu/native` is the Node.js SDK Pulumi's generator writes from schema.json (sdk/nodejs,
 * kept equal to a fresh generation by test/sdk), compiled into dist/sdk/nodejs by the build. Here,
 * with the engine mocked: that the package's export is that compiled SDK, and what the package's
 * own schema choices make it register and invoke. What the provider then does with it, through the
 * real CLI: test/e2e/native-typescript, secrets, functions and provider-config.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as novu from "pulumi-novu/native";
import { packageRoot } from "../../tools/package-root";

const root = packageRoot(__dirname);
const INTEGRATION_TOKEN = "novu:index:Integration";

describe("pulumi-novu/native", () => {
  it("is the compiled generated SDK, with the package's version beside it (the plugin version it asks the engine for)", () => {
    const entry = require.resolve("pulumi-novu/native");
    expect(path.relative(root, entry)).toBe(path.join("dist", "sdk", "nodejs", "index.js"));
    const sdkPackage = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), "package.json"), "utf8"));
    expect(sdkPackage.version).toBe(require("pulumi-novu/package.json").version);
    expect(sdkPackage.pulumi).toMatchObject({ resource: true, name: "novu", version: sdkPackage.version });
    expect(fs.readFileSync(path.join(path.dirname(entry), "index.d.ts"), "utf8")).not.toMatch(/zod/);
  });
});

interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly id?: string;
}

describe("the generated classes, as registered", () => {
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

  it("registers an Integration under its token with the credentials secret, leaving identifier for the provider to default", async () => {
    const provider = new novu.Provider("novu", { secretKey: "sk" });
    const configurations = { inboundWebhookEnabled: true, inboundWebhookSigningKey: "whsec" };
    const mail = new novu.Integration("mail", { providerId: "sendgrid", channel: novu.Channel.Email, credentials: { apiKey: "SG.x" }, configurations }, { provider });
    expect(await value(mail.integrationId)).toBe("6b10");
    const integration = registered.find((r) => r.type === INTEGRATION_TOKEN);
    expect(integration).toMatchObject({ name: "mail", inputs: { providerId: "sendgrid", channel: "email", credentials: secret({ apiKey: "SG.x" }) } });
    expect(integration?.inputs).not.toHaveProperty("identifier");
    // Sent as given: the provider's Check marks the signing key secret, for YAML programs too
    // (test/runtime/native-service.test.ts; in state: test/e2e/secrets.test.ts).
    expect(integration?.inputs.configurations).toEqual(configurations);
    expect(novu.Integration.isInstance(mail)).toBe(true);
    expect(novu.Integration.isInstance(provider)).toBe(false);
    expect(novu.Provider.isInstance(provider)).toBe(true);
  });

  it("refuses an Integration without providerId or channel", () => {
    expect(() => new novu.Integration("mail", { channel: "email" } as novu.IntegrationArgs)).toThrow("Missing required property 'providerId'");
    expect(() => new novu.Integration("mail", { providerId: "sendgrid" } as novu.IntegrationArgs)).toThrow("Missing required property 'channel'");
  });

  it("looks an Integration up by its Novu id", async () => {
    const found = novu.Integration.get("found", "6b10");
    expect(await value(found.id)).toBe("6b10");
    expect(registered).toEqual([expect.objectContaining({ type: INTEGRATION_TOKEN, name: "found", id: "6b10" })]);
  });

  it("registers a Provider with the settings the program gives, as strings, the key secret", async () => {
    const provider = new novu.Provider("eu", { secretKey: pulumi.output("sk"), region: "eu", maxRetries: 2, maxRequestsPerSecond: 2.5 });
    await value(provider.urn);
    expect(registered).toEqual([
      expect.objectContaining({ type: "pulumi:providers:novu", name: "eu", inputs: { secretKey: secret("sk"), region: "eu", maxRetries: "2", maxRequestsPerSecond: "2.5" } }),
    ]);
  });

  it("leaves the program's NOVU_* variables and the defaults out of a Provider's inputs: the provider process applies them, and says so", async () => {
    const set = { NOVU_SECRET_KEY: "nv-from-the-program-env", NOVU_REGION: "eu", NOVU_MAX_RETRIES: "9" };
    Object.assign(process.env, set);
    try {
      const provider = new novu.Provider("shell", { apiUrl: "http://given" });
      await value(provider.urn);
    } finally {
      for (const key of Object.keys(set)) delete process.env[key];
    }
    expect(registered).toEqual([expect.objectContaining({ name: "shell", inputs: { apiUrl: "http://given" } })]);
  });

  it("invokes each function by its token, through the explicit provider when given one", async () => {
    const provider = new novu.Provider("prod", { secretKey: "sk" });
    expect(await novu.getIntegration({ identifier: "mail" }, { provider })).toEqual({ answeredFor: "novu:index:getIntegration" });
    await novu.getIntegrations({ channel: "email", active: true });
    await novu.getEnvironment();
    expect(await value(novu.getIntegrationOutput({ integrationId: pulumi.output("6b10") }))).toEqual({ answeredFor: "novu:index:getIntegration" });
    expect(invoked.map((i) => [i.token, i.inputs])).toEqual([
      ["novu:index:getIntegration", { identifier: "mail" }],
      ["novu:index:getIntegrations", { channel: "email", active: true }],
      ["novu:index:getEnvironment", {}],
      ["novu:index:getIntegration", { integrationId: "6b10" }],
    ]);
    expect(invoked[0]!.provider).toMatch(/pulumi:providers:novu::prod::/);
  });
});
