/**
 * Novu as it is today, through the real CLI on both front-ends: an environment holding an AI-agent
 * integration (listed with `kind: "agent"` and no channel) is refreshed, imported from and
 * generated from as if the agent were not there, except where it is named; and the `tool`
 * channel's tool-webhook integration is created and destroyed. One behaviour per test. Adopting
 * beside an agent, and the tool channel on the dynamic front-end, need no engine:
 * test/runtime/novu-today.test.ts.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import * as fs from "node:fs";
import type { IntegrationArgs } from "../../provider";
import { packageRoot } from "../../tools/package-root";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { FRONT_ENDS, integrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";

const root = packageRoot(__dirname);
const ctx = withPulumi();

const AGENT_IDENTIFIER = "novu-anthropic-x1";
const AGENT_REASON = 'cannot be managed by pulumi-novu: it is an "agent"-kind integration; pulumi-novu manages delivery integrations only';

const mail = (over: Partial<IntegrationArgs> = {}): IntegrationArgs => ({
  providerId: "sendgrid",
  channel: "email",
  credentials: { apiKey: "SG.today-mail-key-0000000000", from: "no-reply@acme.dev", senderName: "Acme" },
  ...over,
});

/** Novu's own Claude runtime, as the current server lists it: `kind: "agent"`, no `channel`. */
async function seedAgent(emu: EmulatorHandle): Promise<string> {
  const [agent] = await emu.control.seed([{ providerId: "novu-anthropic", kind: "agent", name: "Novu Anthropic", identifier: AGENT_IDENTIFIER, active: true }]);
  return agent!._id;
}

describe.each(FRONT_ENDS)("beside an agent integration (%s front-end)", (frontEnd) => {
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
  let n = 0;
  let agentId: string;
  const stack = (declarations: Record<string, IntegrationArgs>) => integrationsStack(ctx, emu, `today-${frontEnd}-${++n}`, declarations, {}, frontEnd);
  const agentUntouched = async () => expect((await emu.control.state()).find((i) => i._id === agentId)).toMatchObject({ deleted: false, kind: "agent" });

  beforeEach(async () => {
    agentId = await seedAgent(emu);
  });

  it("refreshes a running stack and then previews clean", async () => {
    const s = await stack({ mail: mail() });
    // Setup only: the refresh is under test.
    await s.upSkipPreview();
    await s.refresh();
    await s.preview({ expectNoChanges: true });
    await agentUntouched();
  });

  it("refuses at preview to adopt the agent's identifier, naming the agent and why", async () => {
    const s = await stack({ bot: mail({ identifier: AGENT_IDENTIFIER, adopt: true }) });
    const failed = await s.preview().catch((e: unknown) => e as Error);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toContain(`cannot adopt "${AGENT_IDENTIFIER}": integration "${AGENT_IDENTIFIER}" (${agentId}) ${AGENT_REASON}`);
    expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });
});

/**
 * The tool channel through the engine once: what the front-end adds to it (check, create, read,
 * delete) is the same core on both, shown in test/runtime/novu-today.test.ts.
 */
describe("the tool channel beside an agent integration (native front-end)", () => {
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });

  it("creates a tool-webhook integration on the tool channel, and destroys it", async () => {
    const agentId = await seedAgent(emu);
    const hook: IntegrationArgs = { providerId: "tool-webhook", channel: "tool", credentials: { webhookUrl: "https://hooks.acme.dev/novu", method: "POST" } };
    const s = await integrationsStack(ctx, emu, "today-tool", { "ops-hook": hook }, {}, "native");
    await s.up();
    const made = (await emu.control.state()).find((i) => i.identifier === "ops-hook")!;
    expect(made).toMatchObject({ providerId: "tool-webhook", channel: "tool", primary: false, active: true, credentials: { webhookUrl: "https://hooks.acme.dev/novu", method: "POST" } });
    await s.destroy();
    expect((await emu.control.state()).find((i) => i._id === made._id)!.deleted).toBe(true);
    expect((await emu.control.state()).find((i) => i._id === agentId)).toMatchObject({ deleted: false, kind: "agent" });
  });
});

describe("`pulumi import` and `pulumi-novu generate` beside an agent integration (native front-end)", () => {
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
  let n = 0;

  /** An empty native stack, up once (setup), and the CLI run in its project as a user runs it. */
  async function emptyNativeStack() {
    const s = await integrationsStack(ctx, emu, `today-import-${++n}`, {}, {}, "native");
    await s.upSkipPreview();
    const cli = (...args: string[]) => ctx.runCli([...args, "--stack", "test"], s.stack.workspace.workDir);
    return { s, cli };
  }

  it("imports an integration by id, and refuses the agent's id naming why", async () => {
    const agentId = await seedAgent(emu);
    const [found] = await emu.control.seed([{ providerId: "twilio", channel: "sms", active: true, name: "Alerts", identifier: "alerts-sms" }]);
    const { s, cli } = await emptyNativeStack();
    const refused = await cli("import", "novu:index:Integration", "bot", agentId, "--yes", "--generate-code=false");
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain(`import integration ${agentId}: integration "${AGENT_IDENTIFIER}" (${agentId}) ${AGENT_REASON}`);
    const imported = await cli("import", "novu:index:Integration", "alerts-sms", found!._id, "--yes", "--protect=false", "--generate-code=false");
    expect(imported.stdout + imported.stderr).toMatch(/= 1 imported/);
    s.declare({ "alerts-sms": { providerId: "twilio", channel: "sms", name: "Alerts", identifier: "alerts-sms" } });
    await s.preview({ expectNoChanges: true });
  });

  it("generates an import file that names the skipped agent, and `pulumi import --file` brings in the rest", async () => {
    const agentId = await seedAgent(emu);
    await emu.control.seed([{ providerId: "discord", channel: "chat", active: true, name: "Ops", identifier: "ops-chat" }]);
    const { s, cli } = await emptyNativeStack();
    const importFile = path.join(s.stack.workspace.workDir, "novu-import.json");
    const generated = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [path.join(root, "dist/tools/cli.js"), "generate", "--format", "import", "--out", importFile, "--api-url", emu.url],
        { cwd: s.stack.workspace.workDir, env: { ...process.env, NODE_OPTIONS: "", NOVU_SECRET_KEY: emu.environments.development.apiKey } },
        (err, _stdout, stderr) => resolve({ code: err ? 1 : 0, stderr }),
      ),
    );
    expect(generated.code).toBe(0);
    expect(generated.stderr).toContain(`pulumi-novu generate: skipped integration "${AGENT_IDENTIFIER}" (${agentId}): it is an "agent"-kind integration`);
    expect(JSON.parse(fs.readFileSync(importFile, "utf8")).resources.map((r: { name: string }) => r.name)).toEqual(["ops-chat"]);
    const imported = await cli("import", "--file", importFile, "--yes", "--protect=false", "--generate-code=false");
    expect(imported.stdout + imported.stderr).toMatch(/= 1 imported/);
  });
});
