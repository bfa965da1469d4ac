/**
 * Secrets a user forgot to mark: a `novu:secretKey` set without `--secret`, and credentials Novu
 * treats as secure written as plain YAML in the stack file. Both are refused at preview, naming the
 * config path and the command that fixes it; running exactly that command makes the preview pass.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { configStack } from "../helpers/config-stack";
import { integrationsStack } from "../helpers/integrations-stack";
import { withPulumi, type PulumiTestContext } from "../helpers/pulumi";
import { packageRoot } from "../../tools/package-root";

const NOVU_KEY = "nv-plaintext-check-key-7c1e";
const TOKEN = "tw-plaintext-token-93ab";
const API_KEY = "SG.marked-secret-4410";
const SIGNING_KEY = "whsec-plaintext-check-0d7e";

/** The fix commands an error names, each once, in order. */
function commandsIn(message: string): string[] {
  return [...new Set([...message.matchAll(/`(pulumi config set [^`]+)`/g)].map((m) => m[1]!))];
}

/** Runs a printed command as a user would paste it into a shell. */
function sh(ctx: PulumiTestContext, command: string, cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile("sh", ["-c", command], { cwd, env: { ...process.env, ...ctx.envVars } }, (err, _stdout, stderr) => resolve({ code: err ? 1 : 0, stderr }));
  });
}

const ctx = withPulumi();

describe("secrets a user forgot to mark", () => {
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true, apiKey: NOVU_KEY });

  it("refuses a plaintext novu:secretKey at preview in a program, and the command it names fixes it", async () => {
    const mail = { providerId: "sendgrid", channel: "email" as const, credentials: { apiKey: API_KEY, from: "a@acme.dev", senderName: "Acme" } };
    const s = await integrationsStack(ctx, emu, "plain-novu-key", { mail }, { "novu:secretKey": { value: NOVU_KEY, secret: false } });
    const workDir = s.stack.workspace.workDir;
    const failed = String(await s.preview().then(() => "no error", (e: unknown) => e));
    expect(failed).toContain("novu:secretKey: is stored in plain text in the stack config (Pulumi.test.yaml)");
    expect(failed).not.toContain(NOVU_KEY);
    const commands = commandsIn(failed);
    expect(commands).toEqual(['pulumi config set --stack test --secret novu:secretKey "$(pulumi config get --stack test novu:secretKey)"']);
    expect(await emu.control.requests()).toEqual([]);

    expect(await sh(ctx, commands[0]!, workDir)).toMatchObject({ code: 0 });
    expect(fs.readFileSync(`${workDir}/Pulumi.test.yaml`, "utf8")).not.toContain(NOVU_KEY);
    // The stack, its ledger and the integration.
    expect((await s.preview()).changeSummary).toEqual({ create: 3 });
  });

  it("refuses plain secure credentials in the stack file, also beside --path secrets, and the commands it names fix them", async () => {
    const root = packageRoot(__dirname);
    const stack = `e2e-${process.pid}-plain`;
    const s = await configStack(
      ctx,
      root,
      stack,
      {
        "novu:apiUrl": emu.url,
        // Written by hand, as the issue reproduced it: plain YAML.
        "novu:secretKey": NOVU_KEY,
        "pulumi-novu:integrations": {
          mail: {
            providerId: "sendgrid",
            channel: "email",
            credentials: { from: "a@acme.dev", senderName: "Acme" },
            configurations: { inboundWebhookEnabled: true, inboundWebhookSigningKey: SIGNING_KEY },
          },
          sms: { providerId: "twilio", channel: "sms", credentials: { accountSid: "AC-public", token: TOKEN, from: "+15550100" } },
        },
      },
      // Any leaf set with --secret makes the engine mark the whole key secret; only the file tells which leaves are plain.
      { "pulumi-novu:integrations.mail.credentials.apiKey": API_KEY },
    );
    try {
      const failed = String(await s.preview().then(() => "no error", (e: unknown) => e));
      expect(failed).toContain(`novu:secretKey: is stored in plain text in the stack config (Pulumi.${stack}.yaml)`);
      expect(failed).toContain(`integrations.sms.credentials.token: is stored in plain text in the stack config (Pulumi.${stack}.yaml), but Novu treats token as secret`);
      expect(failed).toContain(`integrations.mail.configurations.inboundWebhookSigningKey: is stored in plain text in the stack config (Pulumi.${stack}.yaml)`);
      expect(failed).not.toContain("integrations.mail.credentials.apiKey:");
      expect([NOVU_KEY, TOKEN, API_KEY, SIGNING_KEY].filter((v) => failed.includes(v))).toEqual([]);
      expect(await emu.control.requests()).toEqual([]);

      const commands = commandsIn(failed);
      expect(commands).toEqual([
        `pulumi config set --stack ${stack} --secret novu:secretKey "$(pulumi config get --stack ${stack} novu:secretKey)"`,
        `pulumi config set --stack ${stack} --secret --path 'integrations.mail.configurations.inboundWebhookSigningKey' "$(pulumi config get --stack ${stack} --path 'integrations.mail.configurations.inboundWebhookSigningKey')"`,
        `pulumi config set --stack ${stack} --secret --path 'integrations.sms.credentials.token' "$(pulumi config get --stack ${stack} --path 'integrations.sms.credentials.token')"`,
      ]);
      for (const command of commands) expect(await sh(ctx, command, root)).toMatchObject({ code: 0 });
      const file = fs.readFileSync(s.stackFile, "utf8");
      expect([NOVU_KEY, TOKEN, SIGNING_KEY].filter((v) => file.includes(v))).toEqual([]);

      // The stack, its ledger and the two integrations.
      expect((await s.preview()).changeSummary).toEqual({ create: 4 });
      // The pull request's preview was the line above.
      await s.up({ preview: false });
      expect((await emu.control.state()).find((i) => i.identifier === "sms")?.credentials).toMatchObject({ token: TOKEN });
      expect((await emu.control.state()).find((i) => i.identifier === "mail")?.configurations).toEqual({ inboundWebhookEnabled: true, inboundWebhookSigningKey: SIGNING_KEY });
      expect(await s.exportState()).not.toContain(SIGNING_KEY);
      await s.destroy();
    } finally {
      await s.remove();
    }
  });

  it("refuses a plain secure credential when nothing in the key is secret, and says nothing of a Novu key that is not in stack config (NOVU_SECRET_KEY)", async () => {
    const root = packageRoot(__dirname);
    const stack = `e2e-${process.pid}-allplain`;
    const s = await configStack(ctx, root, stack, {
      "novu:apiUrl": emu.url,
      "pulumi-novu:integrations": { chat: { providerId: "slack", channel: "chat", credentials: { applicationId: "A0", clientId: "1.2", signingSecret: "slack-plain-signing" } } },
    });
    try {
      const failed = String(await s.preview().then(() => "no error", (e: unknown) => e));
      expect(failed).toContain("integrations.chat.credentials.signingSecret: is stored in plain text");
      expect(failed).not.toContain("novu:secretKey:");
      expect(failed).not.toContain("slack-plain-signing");
    } finally {
      await s.remove();
    }
  });
});
