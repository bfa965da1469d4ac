/**
 * The native `novu` provider (provider/native/) from Pulumi YAML, through the real CLI, the YAML
 * language host built next to it, and the plugin launcher `bin/pulumi-resource-novu` named by each
 * project's `plugins: providers:` entry: the example program's lifecycle, a credential rotation's
 * preview naming the changed key, `pulumi import` with the generated YAML previewing clean, two
 * Novu environments in one program, and provider configuration checked at preview.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { packageRoot } from "../../tools/package-root";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { withPulumi } from "../helpers/pulumi";

const root = packageRoot(__dirname);
const ctx = withPulumi();
const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });

interface Project {
  readonly dir: string;
  /** The CLI in the project, on its one stack; output is stdout and stderr together. */
  run(...args: string[]): Promise<{ code: number; output: string }>;
  config(key: string, value: string, opts?: { secret?: boolean }): Promise<void>;
  /** `pulumi stack export` as a user runs it. */
  exported(): Promise<string>;
}

let counter = 0;

/** A Pulumi YAML project in a temp dir, its plugin path pointing at this checkout's launcher. */
async function yamlProject(program: Record<string, unknown>): Promise<Project> {
  const dir = path.join(ctx.dir, `yaml-${++counter}`);
  fs.mkdirSync(dir, { recursive: true });
  const project = { name: `novu-yaml-${counter}`, runtime: "yaml", plugins: { providers: [{ name: "novu", path: path.join(root, "bin") }] }, ...program };
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), stringify(project));
  const stack = "dev";
  const run = async (...args: string[]) => {
    const result = await ctx.runCli([...args, "--stack", stack], dir);
    return { code: result.code, output: result.stdout + result.stderr };
  };
  const init = await ctx.runCli(["stack", "init", stack], dir);
  if (init.code !== 0) throw new Error(init.stderr);
  const p: Project = {
    dir,
    run,
    async config(key, value, opts = {}) {
      const r = await run("config", "set", ...(opts.secret ? ["--secret"] : []), key, value);
      if (r.code !== 0) throw new Error(r.output);
    },
    async exported() {
      return (await run("stack", "export")).output;
    },
  };
  await p.config("novu:apiUrl", emu.url);
  await p.config("novu:secretKey", emu.environments.development.apiKey, { secret: true });
  return p;
}

/** `pulumi-novu recover` as a user runs it in the project directory, with the test's Pulumi CLI on PATH. */
async function recover(p: Project): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, "dist", "tools", "cli.js"), "recover", "--stack", "dev"], { cwd: p.dir, env: { ...process.env, ...ctx.envVars } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

/**
 * A CI job's `pulumi up` (it runs after the pull request's preview: `--skip-preview`), killed with
 * its process group, as a cancelled job's runner kills it, once `ready()` holds.
 */
async function killedUp(p: Project, flags: string[], what: string, ready: () => Promise<boolean>): Promise<void> {
  const up = ctx.spawnCli(["up", "--yes", "--skip-preview", ...flags, "--stack", "dev"], p.dir);
  const started = Date.now();
  while (!(await ready())) {
    if (Date.now() - started > 180_000) throw new Error(`the killed up never ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  process.kill(-up.pid!, "SIGKILL");
}

function expectOk(result: { code: number; output: string }): string {
  if (result.code !== 0) throw new Error(`exit ${result.code}:\n${result.output}`);
  return result.output;
}

/** The example, as a user copies it: every resource and output, the plugin path made absolute. */
function exampleProgram(): Record<string, unknown> {
  const { name: _n, runtime: _r, plugins: _p, ...rest } = parse(fs.readFileSync(path.join(root, "examples", "yaml-native", "Pulumi.yaml"), "utf8"));
  return rest;
}

const SECRETS = { sendgridApiKey: "SG.native-first", mailgunApiKey: "mg-native-first", twilioToken: "tw-native-first" };

describe("the native provider from Pulumi YAML", () => {
  it("runs examples/yaml-native: up, a clean preview, refresh and destroy, no secret in output or state", async () => {
    const p = await yamlProject(exampleProgram());
    for (const [k, v] of Object.entries(SECRETS)) await p.config(k, v, { secret: true });
    const preview = expectOk(await p.run("preview"));
    const up = expectOk(await p.run("up", "--yes"));
    const alive = (await emu.control.state()).filter((i) => !i.deleted);
    expect(alive.map((i) => i.identifier).sort()).toEqual(["alerts-sms", "enterprise-email", "ops-chat", "transactional-email"]);
    expect(alive.filter((i) => i.primary).map((i) => i.identifier).sort()).toEqual(["alerts-sms", "transactional-email"]);
    expect(alive.find((i) => i.identifier === "enterprise-email")!.conditions[0]!.children[0]).toMatchObject({ on: "tenant", value: "enterprise" });
    expect(alive.find((i) => i.identifier === "transactional-email")!.encryptedCredentials).toBeDefined();
    expect(JSON.parse(expectOk(await p.run("stack", "output", "--json")))).toMatchObject({ primaryEmail: "transactional-email", primarySms: "alerts-sms" });

    expectOk(await p.run("preview", "--expect-no-changes"));
    expectOk(await p.run("refresh", "--yes", "--skip-preview"));
    expectOk(await p.run("preview", "--expect-no-changes"));

    const exported = await p.exported();
    const secrets = [...Object.values(SECRETS), emu.environments.development.apiKey];
    for (const text of [preview, up, exported, fs.readFileSync(path.join(p.dir, "Pulumi.dev.yaml"), "utf8")]) for (const s of secrets) expect(text).not.toContain(s);

    expectOk(await p.run("destroy", "--yes", "--skip-preview"));
    expect((await emu.control.state()).filter((i) => !i.deleted)).toEqual([]);
  });

  it("previews a credential rotation key by key, never with a value, and sends it in one PUT", async () => {
    const p = await yamlProject(exampleProgram());
    for (const [k, v] of Object.entries(SECRETS)) await p.config(k, v, { secret: true });
    // The stack as the rotation finds it (a fixture: one command).
    expectOk(await p.run("up", "--yes", "--skip-preview"));
    await p.config("sendgridApiKey", "SG.native-second", { secret: true });

    const preview = expectOk(await p.run("preview", "--diff"));
    expect(preview).toMatch(/~ novu:index:Integration: \(update\)[\s\S]*transactional-email[\s\S]*~ credentials: \{\s*~ apiKey: \[secret\] => \[secret\]\s*\}/);
    // Only that resource, and only that key.
    expect(preview).toMatch(/~ 1 to update/);
    expect(preview).not.toMatch(/from:|senderName:/);
    for (const s of ["SG.native-first", "SG.native-second"]) expect(preview).not.toContain(s);

    await emu.control.clearRequests();
    const up = expectOk(await p.run("up", "--yes"));
    expect(up).toMatch(/\[diff: ~credentials\]/);
    for (const s of ["SG.native-first", "SG.native-second"]) expect(up).not.toContain(s);
    const writes = (await emu.control.requests()).filter((r) => r.method !== "GET");
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([expect.stringMatching(/^PUT \/v1\/integrations\/[0-9a-f]{24}$/)]);
    expect(writes[0]!.bodyKeys).toEqual(["credentials"]);
    expectOk(await p.run("preview", "--expect-no-changes"));
  });

  it("imports an existing integration with `pulumi import`, and the generated YAML previews clean", async () => {
    const [seeded] = await emu.control.seed([
      {
        providerId: "twilio",
        channel: "sms",
        identifier: "dashboard-sms",
        name: "Made in the dashboard",
        active: true,
        _environmentId: emu.environments.development.id,
        credentials: { accountSid: "AC1", token: "tok-from-the-dashboard", from: "+15550100" },
      },
    ]);
    const p = await yamlProject({ resources: {} });
    const generated = path.join(p.dir, "generated.yaml");
    const imported = expectOk(await p.run("import", "novu:index:Integration", "dashboard-sms", seeded!._id, "--yes", "--out", generated));
    expect(imported).toMatch(/= 1 imported/);
    expect(imported).not.toMatch(/failed to validate|warning/i);
    const code = parse(fs.readFileSync(generated, "utf8"));
    expect(code.resources["dashboard-sms"]).toMatchObject({
      type: "novu:Integration",
      properties: { providerId: "twilio", channel: "sms", name: "Made in the dashboard", identifier: "dashboard-sms" },
      options: { protect: true },
    });
    expect(code.resources["dashboard-sms"].properties.credentials).toBeUndefined();

    // The user pastes the generated resource into the program.
    const program = parse(fs.readFileSync(path.join(p.dir, "Pulumi.yaml"), "utf8"));
    program.resources = code.resources;
    fs.writeFileSync(path.join(p.dir, "Pulumi.yaml"), stringify(program));
    await emu.control.clearRequests();
    expectOk(await p.run("preview", "--expect-no-changes"));
    expectOk(await p.run("up", "--yes"));
    // And stays clean once that `up` has recorded the program's inputs.
    expectOk(await p.run("preview", "--expect-no-changes"));
    expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
    // Credentials Novu had are kept: nothing declared none.
    const stored = (await emu.control.state()).find((i) => i._id === seeded!._id)!;
    expect(stored.deleted).toBe(false);
    expect(Object.keys(stored.encryptedCredentials).sort()).toEqual(["accountSid", "from", "token"]);
  });

  it("imports a whole environment from `pulumi-novu generate --format import`, and the generated YAML previews clean", async () => {
    await emu.control.seed([
      { providerId: "sendgrid", channel: "email", identifier: "dash-mail", name: "Mail", active: true, _environmentId: emu.environments.development.id, credentials: { apiKey: "SG.dash", from: "a@acme.dev", senderName: "A" } },
      { providerId: "discord", channel: "chat", identifier: "dash-chat", name: "Chat", active: true, _environmentId: emu.environments.development.id },
    ]);
    const p = await yamlProject({ resources: {} });
    const importFile = path.join(p.dir, "novu-import.json");
    const generated = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [path.join(root, "dist/tools/cli.js"), "generate", "--format", "import", "--out", importFile, "--api-url", emu.url],
        { cwd: p.dir, env: { ...process.env, NODE_OPTIONS: "", NOVU_SECRET_KEY: emu.environments.development.apiKey } },
        (err, _stdout, stderr) => resolve({ code: err ? 1 : 0, stderr }),
      ),
    );
    expect(generated.code).toBe(0);
    expect(generated.stderr).toContain(`pulumi import --file ${importFile}`);
    expect(JSON.parse(fs.readFileSync(importFile, "utf8")).resources.map((r: { name: string }) => r.name).sort()).toEqual(["dash-chat", "dash-mail"]);

    const code = path.join(p.dir, "generated.yaml");
    const imported = expectOk(await p.run("import", "--file", importFile, "--yes", "--out", code));
    expect(imported).toMatch(/= 2 imported/);
    const program = parse(fs.readFileSync(path.join(p.dir, "Pulumi.yaml"), "utf8"));
    program.resources = parse(fs.readFileSync(code, "utf8")).resources;
    fs.writeFileSync(path.join(p.dir, "Pulumi.yaml"), stringify(program));
    expectOk(await p.run("preview", "--expect-no-changes"));
  });

  it("manages one integration in each of two Novu environments through two providers", async () => {
    const p = await yamlProject({
      config: { productionKey: { type: "string", secret: true } },
      resources: {
        production: { type: "pulumi:providers:novu", properties: { secretKey: "${productionKey}", apiUrl: emu.url } },
        "dev-email": { type: "novu:Integration", properties: { providerId: "sendgrid", channel: "email", credentials: { apiKey: "${productionKey}", from: "a@acme.dev", senderName: "Dev" } } },
        "prod-email": {
          type: "novu:Integration",
          properties: { providerId: "sendgrid", channel: "email", credentials: { apiKey: "${productionKey}", from: "a@acme.dev", senderName: "Prod" } },
          options: { provider: "${production}" },
        },
      },
    });
    await p.config("productionKey", emu.environments.production.apiKey, { secret: true });
    expectOk(await p.run("preview"));
    expectOk(await p.run("up", "--yes"));
    const alive = (await emu.control.state()).filter((i) => !i.deleted);
    const environmentOf = (identifier: string) => alive.find((i) => i.identifier === identifier)?._environmentId;
    expect(environmentOf("dev-email")).toBe(emu.environments.development.id);
    expect(environmentOf("prod-email")).toBe(emu.environments.production.id);
    expectOk(await p.run("preview", "--expect-no-changes"));
    expect(await p.exported()).not.toContain(emu.environments.production.apiKey);
    // A runtime warning reaches the user through the engine (a native plugin's stderr is not shown).
    await emu.control.patchIntegration(alive.find((i) => i.identifier === "prod-email")!._id, { deleted: true });
    expect(expectOk(await p.run("refresh", "--yes", "--skip-preview"))).toMatch(/warning: pulumi-novu: integration "prod-email" \([0-9a-f]{24}\) no longer exists in Novu/);
    expectOk(await p.run("up", "--yes"));
    expectOk(await p.run("preview", "--expect-no-changes"));
    expectOk(await p.run("destroy", "--yes", "--skip-preview"));
    expect((await emu.control.state()).filter((i) => !i.deleted)).toEqual([]);
  });

  it("recovers a killed `up` of 20 integrations with the one command its error names", async () => {
    const resources: Record<string, unknown> = {};
    for (let i = 1; i <= 20; i++) {
      resources[`mail-${i}`] = { type: "novu:Integration", properties: { providerId: "sendgrid", channel: "email", active: false, credentials: { apiKey: "${mailKey}" } } };
    }
    const p = await yamlProject({ config: { mailKey: { type: "string", secret: true } }, resources });
    await p.config("mailKey", "SG.killed-up-key", { secret: true });
    // Every create reaches Novu 2 s late, four at a time: the kill finds some done, some in flight
    // (they land after the CLI and the plugin are gone) and some not started.
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "delay", ms: 2000 } });
    await killedUp(p, ["--parallel", "4"], "created six integrations", async () => (await emu.control.state()).filter((i) => !i.deleted).length >= 6);
    await new Promise((r) => setTimeout(r, 4000)); // the delayed creates land
    await emu.control.clearFaults();

    expectOk(await p.run("cancel", "--yes"));
    const again = await p.run("up", "--yes");
    expect(again.code).not.toBe(0);
    expect(again.output).toContain("run `npx pulumi-novu recover`");
    expect(again.output).not.toContain("SG.killed-up-key");

    const recovered = expectOk(await recover(p)); // on failure, shows what recover said
    expect(recovered).toMatch(/taken over {2}mail-\d+: integration [0-9a-f]{24}/);
    expect(recovered).not.toContain("SG.killed-up-key");
    expect(recovered).toContain("Next: `pulumi up`.");

    // The user's next commands: up (with its preview), and a clean preview with no pending operation left.
    expect(expectOk(await p.run("up", "--yes"))).not.toMatch(/pending operations/);
    expect(expectOk(await p.run("preview", "--expect-no-changes"))).not.toMatch(/pending operations/);
    const live = (await emu.control.state()).filter((i) => !i.deleted);
    expect(live.map((i) => i.identifier).sort()).toEqual(Object.keys(resources).sort());
    expect(live.every((i) => (i.credentials as { apiKey?: string }).apiKey === "SG.killed-up-key")).toBe(true);
    expect(JSON.parse(await p.exported()).deployment.pending_operations ?? []).toEqual([]);
    // Run again, it finds nothing to do.
    expect((await recover(p)).output).toContain("nothing to recover");
    // And destroy removes every one: nothing is left behind, protected or orphaned.
    expectOk(await p.run("destroy", "--yes", "--skip-preview"));
    expect((await emu.control.state()).filter((i) => !i.deleted)).toEqual([]);
  });

  it("`pulumi-novu recover` drops the pending create of an integration the `up` after the kill made", async () => {
    const p = await yamlProject({ resources: { mail: { type: "novu:Integration", properties: { providerId: "sendgrid", channel: "email", active: false } } } });
    // The killed run's create never reaches Novu: its connection drops, and the kill comes while it retries.
    const dropped = await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "drop" } });
    await killedUp(p, [], "sent its create", async () => ((await emu.control.faults()).find((f) => f.id === dropped.id)?.hits ?? 0) > 0);
    // The plugin, in a process group of its own, retries until it sees its engine gone (within 2 s).
    await new Promise((r) => setTimeout(r, 4000));
    await emu.control.clearFaults();
    expect((await emu.control.state()).filter((i) => !i.deleted)).toEqual([]);
    expectOk(await p.run("cancel", "--yes"));
    // The user's next `up` creates it, and Pulumi keeps the killed run's pending create beside it.
    expect(expectOk(await p.run("up", "--yes"))).toMatch(/pending operations/);
    const [made] = (await emu.control.state()).filter((i) => !i.deleted);

    const recovered = expectOk(await recover(p));
    expect(recovered).toContain(`cleared     mail: integration ${made!._id} ("mail") is in the state already`);
    expect(recovered).toContain("Next: `pulumi up`.");
    expect(JSON.parse(await p.exported()).deployment.pending_operations ?? []).toEqual([]);
    // The command recover names, then the clean preview: nothing pending, nothing made twice.
    expect(expectOk(await p.run("up", "--yes"))).not.toMatch(/pending operations/);
    expect(expectOk(await p.run("preview", "--expect-no-changes"))).not.toMatch(/pending operations/);
    expect((await emu.control.state()).filter((i) => !i.deleted).map((i) => i._id)).toEqual([made!._id]);
  });

  it("`pulumi-novu recover` never takes over an integration that existed before the killed run", async () => {
    // Made in the dashboard an hour ago (as Novu's clock says), with the identifier a new resource declares.
    await emu.control.seed([{ providerId: "sendgrid", channel: "email", identifier: "mail", active: false, createdAt: new Date(Date.now() - 3_600_000).toISOString() }]);
    const p = await yamlProject({ resources: { mail: { type: "novu:Integration", properties: { providerId: "sendgrid", channel: "email", active: false } } } });
    // The stack's first `up` is killed while its create is on the way (it then meets the taken identifier).
    const delayed = await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "delay", ms: 3000 }, times: 1 });
    await killedUp(p, [], "sent its create", async () => ((await emu.control.faults()).find((f) => f.id === delayed.id)?.hits ?? 1) > 0);
    expectOk(await p.run("cancel", "--yes"));

    const recovered = await recover(p);
    expect(recovered.code).toBe(1);
    expect(recovered.output).toMatch(/left {8}mail: integration [0-9a-f]{24} holding "mail" was made at .*, before the killed run began/);
    expect(recovered.output).toContain('Set `adopt: true` on resource "mail"');
    // Nothing taken, nothing dropped: the pending create is still there for the user to settle.
    expect(JSON.parse(await p.exported()).deployment.resources.filter((r: { type: string }) => r.type === "novu:index:Integration")).toEqual([]);
    expect(JSON.parse(await p.exported()).deployment.pending_operations).toHaveLength(1);
  });

  it("fails preview when two resources claim one channel's primary, naming both, with no write", async () => {
    const mail = (senderName: string) => ({ type: "novu:Integration", properties: { providerId: "sendgrid", channel: "email", primary: true, credentials: { apiKey: "SG.two-primaries", from: "a@acme.dev", senderName } } });
    const p = await yamlProject({ resources: { "first-mail": mail("First"), "second-mail": mail("Second") } });
    await emu.control.clearRequests();
    const preview = await p.run("preview");
    expect(preview.code).not.toBe(0);
    expect(preview.output).toMatch(/integrations "(first|second)-mail" and "(first|second)-mail" both set primary: true for the email channel/);
    expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("fails preview when two providers whose keys reach one environment each claim its email primary", async () => {
    const mail = (senderName: string, provider?: string) => ({
      type: "novu:Integration",
      properties: { providerId: "sendgrid", channel: "email", primary: true, credentials: { apiKey: "SG.two-providers", from: "a@acme.dev", senderName } },
      ...(provider ? { options: { provider } } : {}),
    });
    const p = await yamlProject({
      config: { sameKey: { type: "string", secret: true } },
      resources: {
        // An explicit provider with the key the default provider has too: the same environment.
        again: { type: "pulumi:providers:novu", properties: { secretKey: "${sameKey}", apiUrl: emu.url } },
        "default-mail": mail("Default"),
        "explicit-mail": mail("Explicit", "${again}"),
      },
    });
    await p.config("sameKey", emu.environments.development.apiKey, { secret: true });
    await emu.control.clearRequests();
    const preview = await p.run("preview");
    expect(preview.code).not.toBe(0);
    expect(preview.output).toMatch(
      new RegExp(`integrations "(default|explicit)-mail" and "(default|explicit)-mail" both set primary: true for the email channel in environment ${emu.environments.development.id} \\(through two providers whose keys reach the same environment\\)`),
    );
    expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("fails preview on bad provider configuration, naming the setting and never its value", async () => {
    const p = await yamlProject({ resources: { mail: { type: "novu:Integration", properties: { providerId: "discord", channel: "chat" } } } });
    await p.config("novu:region", "mars");
    const bad = await p.run("preview");
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/novu:region/);
    expect(bad.output).not.toContain(emu.environments.development.apiKey);
    await p.run("config", "rm", "novu:region");

    // As a user who forgot --secret writes it (the CLI itself asks for --secret or --plaintext).
    const stackFile = path.join(p.dir, "Pulumi.dev.yaml");
    const file = parse(fs.readFileSync(stackFile, "utf8"));
    file.config["novu:secretKey"] = "plain-text-novu-key";
    fs.writeFileSync(stackFile, stringify(file));
    const plain = await p.run("preview");
    expect(plain.code).not.toBe(0);
    // The same refusal and command as the dynamic front-end's (planning/plaintext-key.ts).
    expect(plain.output).toContain('novu:secretKey is stored in plain text in the stack config (Pulumi.dev.yaml): make it a secret with `pulumi config set --stack dev --secret novu:secretKey "$(pulumi config get --stack dev novu:secretKey)"`');
    expect(plain.output).not.toContain("plain-text-novu-key");
    expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });
});
