/**
 * The Integration resource's lifecycle through the real engine, against both server generations:
 * the current one (credentials write-only for API keys) and the older one that echoes them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { IntegrationArgs } from "../../provider";
import { packageRoot } from "../../tools/package-root";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { type Declarations, type FrontEnd, integrationsStack, outputOf } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";
import { step } from "../helpers/steps";

const sendgrid = (over: Partial<IntegrationArgs> = {}): IntegrationArgs => ({
  providerId: "sendgrid",
  channel: "email",
  credentials: { apiKey: "SG.lifecycle-key-0000000000000000", from: "no-reply@acme.dev", senderName: "Acme" },
  ...over,
});

const ctx = withPulumi();

/**
 * Both server generations through the dynamic front-end (the older one only for the tests where
 * credentials are written or read back); the native one against the current server only: which
 * credentials a server echoes is the core's concern, and CI time is short.
 */
const RUNS: Array<[label: string, credentials: "write-only" | "echo", frontEnd: FrontEnd]> = [
  ["write-only credentials (current server), dynamic front-end", "write-only", "dynamic"],
  ["echoed credentials (older server), dynamic front-end", "echo", "dynamic"],
  ["write-only credentials (current server), native front-end", "write-only", "native"],
];

describe.each(RUNS)("Integration lifecycle, %s", (_label, credentials, frontEnd) => {
  const emu: EmulatorHandle = withEmulator({ credentials, resetBeforeEach: true });
  let n = 0;
  const stack = (declarations: Declarations) => integrationsStack(ctx, emu, `lifecycle-${frontEnd}-${credentials}-${++n}`, declarations, {}, frontEnd);
  const stored = async (identifier: string) => (await emu.control.state()).filter((i) => i.identifier === identifier && !i.deleted);
  /**
   * Which credentials a server echoes matters only where credentials are written or read back;
   * the rest of the lifecycle runs against the current server alone (CI time is a budget).
   */
  const currentServerOnly: jest.It = credentials === "echo" ? (((..._args: unknown[]) => undefined) as unknown as jest.It) : it;
  // A stack's first `up` that only brings it to where a test starts is `upSkipPreview()`, one
  // command: what the test is about (a refresh, the next up, a preview) runs the whole shape.

  it("round-trips every input and then previews clean", async () => {
    const conditions = [{ isNegated: false, type: "BOOLEAN" as const, value: "AND" as const, children: [{ on: "tenant" as const, field: "identifier", operator: "EQUAL" as const, value: "acme" }] }];
    const s = await stack({
      smtp: {
        providerId: "nodemailer",
        channel: "email",
        name: "Custom SMTP (acme)",
        identifier: "acme-smtp",
        environmentId: emu.environments.development.id,
        active: true,
        primary: false,
        check: true,
        removeNovuBranding: true,
        conditions,
        credentials: {
          host: "smtp.acme.dev", port: 587, secure: true, requireTls: true, ignoreTls: false,
          tlsOptions: { rejectUnauthorized: false }, user: "mailer", password: "smtp-password-123", from: "a@acme.dev", senderName: "Acme",
        },
      },
    });
    const up = await s.up();
    expect(up.stdout).toContain("removeNovuBranding is ignored by current Novu servers");
    // The native plugin's warnings are shown under the resource they are about, not under the stack.
    if (frontEnd === "native") expect(up.stdout).toMatch(/novu:index:Integration \(smtp\):\s*\n\s*warning: pulumi-novu: removeNovuBranding is ignored/);
    const out = outputOf(await s.outputs(), "smtp");
    const [doc] = await stored("acme-smtp");
    expect(doc).toMatchObject({
      _id: out.integrationId, providerId: "nodemailer", channel: "email", name: "Custom SMTP (acme)", active: true,
      _environmentId: emu.environments.development.id, conditions: [expect.objectContaining({ value: "AND", type: "BOOLEAN", isNegated: false })],
    });
    expect(doc!.conditions[0]!.children).toEqual([expect.objectContaining({ on: "tenant", field: "identifier", operator: "EQUAL", value: "acme" })]);
    expect(doc!.credentials).toEqual({
      host: "smtp.acme.dev", port: "587", secure: true, requireTls: true, ignoreTls: false,
      tlsOptions: { rejectUnauthorized: false }, user: "mailer", password: "smtp-password-123", from: "a@acme.dev", senderName: "Acme",
    });
    await emu.control.clearRequests();
    const preview = await s.preview();
    expect(preview.changeSummary).toEqual({ same: s.total(1) });
    expect(await s.writes()).toEqual([]);
  });

  // "A change of one field is sent alone, in one PUT" is the runtime tier's (test/runtime/one-put.test.ts,
  // both front-ends and both server generations); through `pulumi up`, test/e2e/everyday-edits.test.ts.

  currentServerOnly("makes a new integration primary over an existing primary", async () => {
    await emu.control.seed([{ providerId: "mailgun", channel: "email", active: true, primary: true, priority: 1, identifier: "old-primary" }]);
    const s = await stack({ mail: sendgrid({ primary: true }) });
    await s.up();
    const out = outputOf(await s.outputs(), "mail");
    expect(await s.writes()).toEqual(["POST /v1/integrations", `POST /v1/integrations/${out.integrationId}/set-primary`]);
    expect(out.primary).toBe(true);
    const [old] = await stored("old-primary");
    expect(old!.primary).toBe(false);
  });

  currentServerOnly("rejects two primaries for one channel at preview, naming both, with no write", async () => {
    const s = await stack({ a: sendgrid({ primary: true }), b: sendgrid({ primary: true }) });
    // The native plugin checks resources as the engine sends them, so either may come first.
    await expect(s.preview()).rejects.toThrow(/integrations "(a" and "b|b" and "a)" both set primary: true for the email channel/);
    expect(await s.writes()).toEqual([]);
  });

  currentServerOnly("asks for the credentials when an integration made inactive without them is activated, with no write", async () => {
    const s = await stack({ mail: { providerId: "sendgrid", channel: "email", active: false } });
    await s.upSkipPreview();
    s.declare({ mail: { providerId: "sendgrid", channel: "email", active: true } });
    await emu.control.clearRequests();
    await expect(s.preview()).rejects.toThrow(/credentials\.apiKey.*is required by provider "sendgrid" for an active integration/);
    expect(await s.writes()).toEqual([]);
  });

  currentServerOnly("finds each change made in the dashboard at the next morning's refresh, and puts it back at up", async () => {
    // One running stack through the morning's drift checks, each a step (test/helpers/steps.ts): a
    // refresh, then the change back as a team applies it. The stack is set up with one command.
    const s = await stack({ mail: sendgrid({ primary: true }), news: sendgrid({ name: "News" }) });
    await s.upSkipPreview();
    const idOf = async (name: string) => (await s.resourceOutputs(name))!.integrationId as string;

    await step("detects an out-of-band rename and deactivation at refresh and restores them at up", async () => {
      const id = await idOf("news");
      await emu.api("PUT", `/v1/integrations/${id}`, { name: "Clicked in dashboard", active: false });
      const refresh = await s.refresh();
      expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
      expect(await s.resourceOutputs("news")).toMatchObject({ name: "Clicked in dashboard", active: false });
      const preview = await s.preview();
      expect(preview.changeSummary).toMatchObject({ update: 1 });
      await emu.control.clearRequests();
      // The pull request's preview was the line above.
      await s.up({ preview: false });
      expect(await s.writes()).toEqual([`PUT /v1/integrations/${id}`]);
      expect((await emu.control.state()).find((i) => i._id === id)).toMatchObject({ name: "News", active: true });
    });

    await step("shows a primary stolen out of band at refresh and takes it back at up", async () => {
      const id = await idOf("mail");
      const thief = await emu.api("POST", "/v1/integrations", { providerId: "mailgun", channel: "email", active: true, identifier: "thief" });
      await emu.api("POST", `/v1/integrations/${thief.body.data._id}/set-primary`);
      const refresh = await s.refresh();
      expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
      expect((await s.resourceOutputs("mail"))!.primary).toBe(false);
      await emu.control.clearRequests();
      await s.up();
      expect(await s.writes()).toEqual([`POST /v1/integrations/${id}/set-primary`]);
      expect((await stored("thief"))[0]!.primary).toBe(false);
    });

    await step("drops an integration deleted out of band at refresh and recreates it at up", async () => {
      const id = await idOf("news");
      await emu.api("DELETE", `/v1/integrations/${id}`);
      const refresh = await s.refresh();
      expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });
      expect(refresh.stdout).toContain(`warning: pulumi-novu: integration "news" (${id}) no longer exists in Novu`);
      const up = await s.up();
      expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
      const recreated = await stored("news");
      expect(recreated).toHaveLength(1);
      expect(recreated[0]!._id).not.toBe(id);
    });
  });
});

describe("a CLI-run program (Pulumi.yaml) with two primaries for one channel", () => {
  const emu: EmulatorHandle = withEmulator();

  it("fails its preview too, naming both resources", async () => {
    const project = path.join(packageRoot(__dirname), "test", ".tmp-two-primaries");
    fs.rmSync(project, { recursive: true, force: true });
    fs.mkdirSync(project, { recursive: true });
    try {
      fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: two-primaries\nruntime: nodejs\nmain: index.js\n");
      const creds = '{ apiKey: "k", from: "a@acme.dev", senderName: "Acme" }';
      fs.writeFileSync(
        path.join(project, "index.js"),
        `const { Integration } = require("pulumi-novu");\n` +
          `new Integration("first", { providerId: "sendgrid", channel: "email", primary: true, credentials: ${creds} });\n` +
          `new Integration("second", { providerId: "sendgrid", channel: "email", primary: true, credentials: ${creds} });\n`,
      );
      const s = await ctx.projectStack(project, "dev", { "novu:apiUrl": { value: emu.url }, "novu:secretKey": { value: emu.environments.development.apiKey, secret: true } });
      await expect(s.preview()).rejects.toThrow(/primary: integrations "first" and "second" both set primary: true for the email channel/);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
