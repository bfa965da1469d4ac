/**
 * The `novu` package's functions through the real CLI and plugin: Pulumi YAML's `fn::invoke` of
 * getIntegration, getIntegrations and getEnvironment with the default provider (from `novu:*` stack
 * config) and an explicit one, and the TypeScript SDK's functions from an inline program. Each
 * test is one `up` of a program that declares no resource: what a function returns becomes stack
 * outputs, and no credential may appear in the CLI's output or the state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import * as novu from "pulumi-novu/native";
import { packageRoot } from "../../tools/package-root";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { novuConfig, withPulumi } from "../helpers/pulumi";

const root = packageRoot(__dirname);
const ctx = withPulumi();
const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });

const CREDENTIAL = "SG.function-must-not-return-this";

let counter = 0;

/** A Pulumi YAML project on one stack whose default provider reaches the Development environment; `up` runs it once. */
async function yamlProject(program: Record<string, unknown>): Promise<{ up(): Promise<{ code: number; output: string }>; outputs(): Promise<Record<string, any>>; exported(showSecrets?: boolean): Promise<string> }> {
  const dir = path.join(ctx.dir, `functions-${++counter}`);
  fs.mkdirSync(dir, { recursive: true });
  const project = { name: `novu-functions-${counter}`, runtime: "yaml", plugins: { providers: [{ name: "novu", path: path.join(root, "bin") }] }, ...program };
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), stringify(project));
  const run = async (...args: string[]) => {
    const r = await ctx.runCli([...args, "--stack", "dev"], dir);
    return { code: r.code, output: r.stdout + r.stderr };
  };
  const ok = async (...args: string[]) => {
    const r = await run(...args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")}: exit ${r.code}\n${r.output}`);
    return r.output;
  };
  const init = await ctx.runCli(["stack", "init", "dev"], dir);
  if (init.code !== 0) throw new Error(init.stderr);
  await ok("config", "set", "novu:apiUrl", emu.url);
  await ok("config", "set", "--secret", "novu:secretKey", emu.environments.development.apiKey);
  await ok("config", "set", "--secret", "productionKey", emu.environments.production.apiKey);
  return {
    // As a team runs it: the functions answer the pull request's preview too, then `up` with its own
    // preview, then a clean preview. The first step that fails is what the test sees.
    up: async () => {
      const preview = await run("preview");
      if (preview.code !== 0) return preview;
      const up = await run("up", "--yes");
      if (up.code !== 0) return up;
      const settled = await run("preview", "--expect-no-changes");
      return settled.code !== 0 ? settled : up;
    },
    outputs: async () => JSON.parse(await ok("stack", "output", "--json", "--show-secrets")),
    exported: (showSecrets = false) => ok("stack", "export", ...(showSecrets ? ["--show-secrets"] : [])),
  };
}

/** `fn::invoke` of a novu function; `provider`: an explicit provider resource's name. */
function invoke(fn: string, args: Record<string, unknown>, provider?: string): Record<string, unknown> {
  // No `arguments` at all for a function without any, as docs/native-provider.md writes getEnvironment.
  const given = Object.keys(args).length > 0 ? { arguments: args } : {};
  return { "fn::invoke": { function: `novu:index:${fn}`, ...given, ...(provider ? { options: { provider: `\${${provider}}` } } : {}) } };
}

const PRODUCTION_PROVIDER = { type: "pulumi:providers:novu", properties: { secretKey: "${productionKey}", apiUrl: "${novuApiUrl}" } };

async function seedMail(environment: "development" | "production", overrides: Record<string, unknown> = {}) {
  const [seeded] = await emu.control.seed([
    {
      providerId: "sendgrid",
      channel: "email",
      identifier: "mail",
      name: `Mail (${environment})`,
      active: true,
      _environmentId: emu.environments[environment].id,
      credentials: { apiKey: CREDENTIAL, from: "a@acme.dev", senderName: "Acme" },
      ...overrides,
    },
  ]);
  return seeded!;
}

/**
 * Neither the seeded credential nor the Novu key in what the user sees or the state holds; the
 * credential not even among the state's secrets (an export that shows them shows the provider's key).
 */
async function expectNoCredential(output: string, p: { exported(showSecrets?: boolean): Promise<string> }): Promise<void> {
  for (const text of [output, await p.exported()]) {
    for (const secret of [CREDENTIAL, emu.environments.development.apiKey]) expect(text).not.toContain(secret);
  }
  const revealed = await p.exported(true);
  expect(revealed).not.toContain(CREDENTIAL);
  expect(revealed).not.toMatch(/"credentials"/);
}

describe("the novu package's functions from Pulumi YAML", () => {
  it("getIntegration by identifier answers through the default provider with the resource's outputs and no credential", async () => {
    const seeded = await seedMail("development", { primary: true });
    const p = await yamlProject({ variables: { mail: invoke("getIntegration", { identifier: "mail" }) }, outputs: { mail: "${mail}" } });
    const up = await p.up();
    expect(up.code).toBe(0);
    const { mail } = await p.outputs();
    expect(mail).toMatchObject({
      integrationId: seeded._id,
      identifier: "mail",
      providerId: "sendgrid",
      channel: "email",
      name: "Mail (development)",
      active: true,
      primary: true,
      environmentId: emu.environments.development.id,
      environmentName: "Development",
    });
    await expectNoCredential(up.output, p);
    // A read: no write reached Novu.
    expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("getIntegration through an explicit provider reads that provider's environment", async () => {
    await seedMail("development");
    const production = await seedMail("production");
    const p = await yamlProject({
      config: { productionKey: { type: "string", secret: true } },
      variables: { novuApiUrl: emu.url, mail: invoke("getIntegration", { identifier: "mail", environmentId: emu.environments.production.id }, "production") },
      resources: { production: PRODUCTION_PROVIDER },
      outputs: { mailId: "${mail.integrationId}", environmentName: "${mail.environmentName}" },
    });
    expect((await p.up()).code).toBe(0);
    expect(await p.outputs()).toEqual({ mailId: production._id, environmentName: "Production" });
  });

  it("getIntegration fails naming the argument when nothing matches", async () => {
    const p = await yamlProject({ variables: { mail: invoke("getIntegration", { identifier: "no-such-mail" }) }, outputs: { mail: "${mail.integrationId}" } });
    const up = await p.up();
    expect(up.code).not.toBe(0);
    expect(up.output).toContain('getIntegration: no integration with identifier "no-such-mail" in what the provider\'s key can list');
  });

  it("getIntegrations filters by channel and active, and sets integrations it cannot manage apart with the reason", async () => {
    await seedMail("development");
    await emu.control.seed([
      { providerId: "twilio", channel: "sms", identifier: "sms", name: "SMS", active: true, _environmentId: emu.environments.development.id },
      { providerId: "mailgun", channel: "email", identifier: "old-mail", name: "Old", active: false, _environmentId: emu.environments.development.id },
      { providerId: "novu-anthropic", kind: "agent", name: "Novu Anthropic", identifier: "agent", active: true },
    ]);
    const p = await yamlProject({
      variables: { activeEmail: invoke("getIntegrations", { channel: "email", active: true }), all: invoke("getIntegrations", {}) },
      outputs: { activeEmail: "${activeEmail.integrations}", skipped: "${all.skipped}" },
    });
    const up = await p.up();
    expect(up.code).toBe(0);
    const { activeEmail, skipped } = await p.outputs();
    expect(activeEmail.map((i: { identifier: string }) => i.identifier)).toEqual(["mail"]);
    expect(skipped).toEqual([expect.objectContaining({ identifier: "agent", reason: expect.stringMatching(/"agent"-kind integration/) })]);
    await expectNoCredential(up.output, p);
    // Two functions, one list call per run of the program, as resources' reads share it: four runs
    // (the preview, `up`'s own preview and its update, the closing preview), four lists, not eight.
    expect((await emu.control.requests()).filter((r) => r.method === "GET" && r.path === "/v1/integrations")).toHaveLength(4);
  });

  it("getEnvironment names what each provider's key reaches", async () => {
    const p = await yamlProject({
      config: { productionKey: { type: "string", secret: true } },
      variables: { novuApiUrl: emu.url, dev: invoke("getEnvironment", {}), prod: invoke("getEnvironment", {}, "production") },
      resources: { production: PRODUCTION_PROVIDER },
      outputs: { dev: "${dev}", prod: "${prod.name}" },
    });
    expect((await p.up()).code).toBe(0);
    const { dev, prod } = await p.outputs();
    expect(dev).toEqual({ environmentId: emu.environments.development.id, name: "Development", organizationId: expect.any(String), apiUrl: expect.any(String) });
    expect(prod).toBe("Production");
  });
});

describe("the novu package's functions from the TypeScript SDK", () => {
  it("getIntegration, getIntegrationsOutput and getEnvironment answer an inline program, through an explicit provider too", async () => {
    const seeded = await seedMail("development");
    const production = await seedMail("production");
    const s = await ctx.inlineStack(
      "functions-ts",
      async () => {
        const prod = new novu.Provider("production", { secretKey: pulumi.secret(emu.environments.production.apiKey), apiUrl: emu.url });
        const mail = await novu.getIntegration({ identifier: "mail", environmentId: emu.environments.development.id });
        const prodMail = await novu.getIntegration({ identifier: "mail" }, { provider: prod });
        const email = novu.getIntegrationsOutput({ channel: pulumi.output("email" as const) });
        return { mailId: mail.integrationId, prodMailId: prodMail.integrationId, emailCount: email.integrations.length, environment: (await novu.getEnvironment()).name };
      },
      novuConfig(emu.url, emu.environments.development.apiKey),
      { plugins: { providers: [{ name: "novu", path: path.join(root, "bin") }] } },
    );
    await s.up();
    expect(Object.fromEntries(Object.entries(await s.outputs()).map(([k, v]) => [k, v.value]))).toEqual({
      mailId: seeded._id,
      prodMailId: production._id,
      // The emulator, as current Novu, lists the key's environment only: the Production twin is not in it.
      emailCount: 1,
      environment: "Development",
    });
    expect(await s.exportState()).not.toContain(CREDENTIAL);
  });
});
