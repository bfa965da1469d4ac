/**
 * Every example runs through the real CLI against the emulator: the TypeScript program, the
 * self-hosted and EU endpoint setups, and the GitOps workflow's commands, which deploy the
 * YAML-config example's committed stack file with its secrets added.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { packageRoot } from "../../tools/package-root";
import { configStack, stackFileConfig } from "../helpers/config-stack";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { novuConfig, withPulumi } from "../helpers/pulumi";

const examples = path.join(packageRoot(__dirname), "examples");
const stackName = (label: string) => `e2e-${process.pid}-${label}`;

const ctx = withPulumi();

/**
 * The yaml-config example's committed stack file, pointed at the emulator (its `novu:region`
 * dropped), with the secrets a user adds by `pulumi config set --secret`, each ending in `suffix`.
 */
function yamlConfigStack(emu: EmulatorHandle, label: string, suffix: string) {
  const dir = path.join(examples, "yaml-config");
  const { "novu:region": _region, ...config } = stackFileConfig(path.join(dir, "Pulumi.dev.yaml"));
  return configStack(ctx, dir, stackName(label), { ...config, "novu:apiUrl": emu.url }, {
    "novu:secretKey": emu.environments.development.apiKey,
    "novu-yaml-example:integrations.transactional-email.credentials.apiKey": `SG.${suffix}`,
    "novu-yaml-example:integrations.alerts-sms.credentials.token": `tw-${suffix}`,
    "novu-yaml-example:integrations.tenant-acme-email.credentials.apiKey": `mg-${suffix}`,
  });
}

describe("examples", () => {
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });

  it("typescript: several providers, conditions and a primary per channel", async () => {
    const dir = path.join(examples, "typescript");
    const s = await ctx.projectStack(dir, stackName("ts"), {
      ...novuConfig(emu.url, emu.environments.development.apiKey),
      ...Object.fromEntries(
        ["sendgridApiKey", "mailgunApiKey", "twilioToken", "slackSecretKey", "slackSigningSecret", "fcmServiceAccount"].map((k) => [k, { value: `${k}-value`, secret: true }]),
      ),
    });
    try {
      await s.up();
      expect(await s.outputs()).toMatchObject({ primaryEmail: { value: "transactional-email" }, primarySms: { value: "alerts-sms" } });
      const state = (await emu.control.state()).filter((i) => !i.deleted);
      expect(state.map((i) => i.identifier).sort()).toEqual(["alerts-sms", "enterprise-email", "mobile-push", "ops-chat", "transactional-email"]);
      expect(state.filter((i) => i.primary).map((i) => i.identifier).sort()).toEqual(["alerts-sms", "transactional-email"]);
      expect(state.find((i) => i.identifier === "enterprise-email")!.conditions[0]!.children[0]).toMatchObject({ on: "tenant", value: "enterprise" });
      await s.refresh();
      expect((await s.preview()).changeSummary).toEqual({ same: 7 });
      await s.destroy();
    } finally {
      await s.stack.workspace.removeStack(stackName("ts"), { force: true });
    }
  });

  it("self-hosted: novu:apiUrl points the provider at the server, whatever the region", async () => {
    const dir = path.join(examples, "self-hosted-eu");
    const config = stackFileConfig(path.join(dir, "Pulumi.self-hosted.yaml"));
    const s = await configStack(ctx, dir, stackName("selfhosted"), { ...config, "novu:apiUrl": emu.url, "novu:region": "eu" }, {
      "novu:secretKey": emu.environments.development.apiKey,
      "novu-endpoints-example:integrations.transactional-email.credentials.password": "smtp-example",
    });
    try {
      await s.up();
      expect((await emu.control.state())[0]).toMatchObject({ providerId: "nodemailer", primary: true, credentials: expect.objectContaining({ port: "587", host: "smtp.internal.acme.example" }) });
      await s.destroy();
    } finally {
      await s.remove();
    }
  });

  it("eu: the EU stack file is valid and previews its three integrations", async () => {
    const dir = path.join(examples, "self-hosted-eu");
    // The file as committed, pointed at the emulator: `novu:apiUrl` wins over its `novu:region: eu`
    // (which unit tests map to https://eu.api.novu.co), since nothing outside this machine is reached.
    const config = { ...stackFileConfig(path.join(dir, "Pulumi.eu.yaml")), "novu:apiUrl": emu.url };
    const s = await configStack(ctx, dir, stackName("eu"), config, {
      "novu:secretKey": emu.environments.development.apiKey,
      "novu-endpoints-example:integrations.transactional-email.credentials.apiKey": "AKIAEXAMPLE",
      "novu-endpoints-example:integrations.transactional-email.credentials.secretKey": "aws-secret-example",
    });
    try {
      expect((await s.preview()).changeSummary).toEqual({ create: 3 });
      expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
    } finally {
      await s.remove();
    }
  });
});

describe("the GitOps workflow", () => {
  const emu: EmulatorHandle = withEmulator();
  const workflow = parse(fs.readFileSync(path.join(examples, "gitops", "novu-integrations.yml"), "utf8"));

  /** The `pulumi/actions` step's inputs → the CLI arguments the action runs. */
  function commandOf(job: string): string[] {
    const step = workflow.jobs[job].steps.find((s: { uses?: string }) => s.uses?.startsWith("pulumi/actions@"));
    const w = step.with as Record<string, unknown>;
    return [
      w.command as string,
      "--stack",
      stackName("gitops"),
      ...(w.diff === true ? ["--diff"] : []),
      ...(w.refresh === true ? ["--refresh"] : []),
      ...(w["expect-no-changes"] === true ? ["--expect-no-changes"] : []),
      ...(w.command === "up" ? ["--yes"] : []),
    ];
  }

  it("is a workflow on pull requests, main and a schedule, using the official Pulumi action", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push", "schedule", "workflow_dispatch"]);
    expect(workflow.on.push.branches).toEqual(["main"]);
    for (const job of ["preview", "deploy", "drift"]) {
      const uses = workflow.jobs[job].steps.map((s: { uses?: string }) => s.uses).filter(Boolean);
      expect(uses).toContain("pulumi/actions@v6");
    }
    expect(commandOf("preview")).toEqual(["preview", "--stack", stackName("gitops"), "--diff"]);
    expect(commandOf("deploy")).toEqual(["up", "--stack", stackName("gitops"), "--yes"]);
    expect(commandOf("drift")).toEqual(["preview", "--stack", stackName("gitops"), "--refresh", "--expect-no-changes"]);
  });

  it("runs its commands on the yaml-config example: preview on a PR, up on main, and the drift check failing on drift", async () => {
    const s = await yamlConfigStack(emu, "gitops", "gitops");
    try {
      const pr = await s.cli(commandOf("preview"));
      expect(pr.code).toBe(0);
      // The stack, its ledger and the four integrations.
      expect(pr.stdout).toContain("+ 6 to create");
      expect((await emu.control.state()).length).toBe(0);

      const main = await s.cli(commandOf("deploy"));
      expect(main.code).toBe(0);
      // The yaml-config example's committed stack file, its secrets added, as the workflow deploys it.
      expect((await s.outputs()).primaryByChannel!.value).toEqual({ email: "transactional-email", sms: "alerts-sms" });
      expect((await emu.control.state()).map((i) => i.identifier).sort()).toEqual(["alerts-sms", "in-app", "tenant-acme-email", "transactional-email"]);

      const clean = await s.cli(commandOf("drift"));
      expect(clean.code).toBe(0);

      const sms = (await emu.control.state()).find((i) => i.identifier === "alerts-sms")!;
      await emu.api("PUT", `/v1/integrations/${sms._id}`, { active: false });
      const drifted = await s.cli(commandOf("drift"));
      expect(drifted.code).not.toBe(0);
      expect(drifted.stdout + drifted.stderr).toMatch(/no changes were expected for preview but changes were proposed/);

      await s.destroy();
    } finally {
      await s.remove();
    }
  });
});
