/**
 * A key or URL that reaches another Novu environment or server than the one an integration lives
 * in never orphans it: preview, up, refresh and destroy stop before anything is dropped, created
 * or deleted, naming both places and the command that fixes it (docs/environments.md).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { emulatorHandle, type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { type Declarations, FRONT_ENDS, integrationsStack, type IntegrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";

jest.setTimeout(600_000);

const ctx = withPulumi();
const emu = withEmulator({ resetBeforeEach: true });

const DECLARATIONS: Declarations = {
  mail: { providerId: "sendgrid", channel: "email", primary: true, credentials: { apiKey: "SG.env-test", from: "a@acme.dev", senderName: "Acme" } },
  sms: { providerId: "twilio", channel: "sms", credentials: { accountSid: "AC1", token: "tw-env-test", from: "+15550100" } },
};

// Change summaries count the stack, its ledger (docs/reliability.md, "Interrupted deployments") and the two integrations.
// A stack's first `up` that only brings it to where a test starts (before its key or URL changes) is
// `upSkipPreview()`, one command: what the test is about runs the whole shape.

const failure = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => "(it succeeded)",
    (e: unknown) => String(e),
  );

async function integrationCount(s: IntegrationsStack): Promise<number> {
  const exported = await s.stack.exportStack();
  return (exported.deployment.resources ?? []).filter((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/novu:Integration").length;
}

async function writesTo(handle: EmulatorHandle): Promise<string[]> {
  return (await handle.control.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
}

async function liveIn(handle: EmulatorHandle, environmentId: string): Promise<string[]> {
  return (await handle.control.state()).filter((i) => !i.deleted && i._environmentId === environmentId).map((i) => i.identifier).sort();
}

/** Up in Development, switch the key to Production: every command stops, nothing changes anywhere. */
async function switchToProduction(emu: EmulatorHandle, project: string): Promise<void> {
  const s = await integrationsStack(ctx, emu, project, DECLARATIONS);
  await s.upSkipPreview();
  const dev = emu.environments.development;
  const prod = emu.environments.production;
  expect((await s.resourceOutputs("mail"))?.apiUrl).toBe(emu.url);
  expect((await s.resourceOutputs("mail"))?.environmentName).toBe("Development");

  await s.stack.setConfig("novu:secretKey", { value: prod.apiKey, secret: true });
  await emu.control.clearRequests();
  const named = new RegExp(
    `integration "(mail|sms)" lives in Novu environment "Development" \\(${dev.id}\\), but novu:secretKey is a key of environment "Production" \\(${prod.id}\\)`,
  );
  for (const [name, run] of Object.entries({
    preview: () => s.preview(),
    up: () => s.up(),
    "refresh --run-program": () => s.refresh({ runProgram: true }),
    refresh: () => s.refresh(),
    "destroy --run-program": () => s.destroy({ runProgram: true }),
    destroy: () => s.destroy(),
  })) {
    const message = await failure(run());
    expect({ name, message }).toEqual({ name, message: expect.stringMatching(named) });
    expect(message).toContain('pulumi config set --secret novu:secretKey <key of environment "Development" (' + dev.id + ")>");
    expect(message).toContain(`pulumi config set novu:movedFrom ${dev.id}`);
    expect(message).not.toContain(prod.apiKey);
    expect(message).not.toContain(dev.apiKey);
  }

  expect(await writesTo(emu)).toEqual([]);
  expect(await liveIn(emu, dev.id)).toEqual(["mail", "sms"]);
  expect(await liveIn(emu, prod.id)).toEqual([]);
  expect(await integrationCount(s)).toBe(2);

  // Setting the key back is all it takes.
  await s.stack.setConfig("novu:secretKey", { value: dev.apiKey, secret: true });
  expect((await s.preview()).changeSummary).toEqual({ same: 4 });
}

describe("a Development stack whose key is switched to Production", () => {
  it("stops preview, up, refresh and destroy, naming both environments; nothing is dropped, created or deleted", () => switchToProduction(emu, "env-switch"));

  // The same stop on the 2026-04 server, whose lists span environments (the Production key sees,
  // and could write, the Development integrations), on both front-ends: test/runtime/placement.test.ts.

  it("moves on purpose with novu:movedFrom: the Development integrations are left as they are, and created anew in Production", async () => {
    const s = await integrationsStack(ctx, emu, "env-move", DECLARATIONS);
    await s.upSkipPreview();
    const dev = emu.environments.development;
    const prod = emu.environments.production;
    await s.stack.setConfig("novu:secretKey", { value: prod.apiKey, secret: true });
    await s.stack.setConfig("novu:movedFrom", { value: dev.id });
    await emu.control.clearRequests();

    expect((await s.preview()).changeSummary).toEqual({ replace: 2, same: 2 });
    // The pull request's preview was the line above.
    await s.up({ preview: false });

    expect(await writesTo(emu)).toEqual(expect.arrayContaining(["POST /v1/integrations"]));
    expect((await writesTo(emu)).filter((w) => w.startsWith("DELETE"))).toEqual([]);
    expect(await liveIn(emu, dev.id)).toEqual(["mail", "sms"]);
    expect(await liveIn(emu, prod.id)).toEqual(["mail", "sms"]);
    expect((await s.resourceOutputs("mail"))?.environmentId).toBe(prod.id);
    expect(s.output.join("")).toMatch(/integration "mail" \(\w+\) is left in 66a0+d1 as it is, unmanaged/);
  });

  it("does not drop an integration it cannot see when the server does not say which environment the key reaches (404)", async () => {
    const s = await integrationsStack(ctx, emu, "env-404", DECLARATIONS);
    await s.upSkipPreview();
    await emu.control.fault({ method: "GET", path: "/v1/environments/me", fault: { type: "status", status: 404, message: "Cannot GET /v1/environments/me" } });
    await s.stack.setConfig("novu:secretKey", { value: emu.environments.production.apiKey, secret: true });

    const message = await failure(s.refresh({ runProgram: true }));
    expect(message).toMatch(/integration "(mail|sms)" \(environment 66a0+d1\) is not in the list the key sees/);
    expect(message).toMatch(/nothing was removed from the state/);
    expect(await integrationCount(s)).toBe(2);

    // With the right key, an integration deleted outside Pulumi is still dropped: the list proves the key reaches its environment.
    await s.stack.setConfig("novu:secretKey", { value: emu.environments.development.apiKey, secret: true });
    const sms = (await emu.control.state()).find((i) => i.identifier === "sms")!;
    await emu.control.patchIntegration(sms._id, { deleted: true });
    await s.refresh({ runProgram: true });
    expect(await integrationCount(s)).toBe(1);
  });
});

/**
 * Another Novu server: the same keys and environment names as the first emulator, but its own
 * organization and environment ids, as every real server has (Mongo ObjectIds).
 */
async function anotherServer(): Promise<RunningEmulator> {
  const stateFile = path.join(fs.mkdtempSync(path.join(ctx.dir, "other-server-")), "novu.json");
  const organizationId = "77b000000000000000000001";
  const environments = [
    { _id: "77b0000000000000000000d1", name: "Development", _organizationId: organizationId },
    { _id: "77b0000000000000000000f1", name: "Production", _organizationId: organizationId },
  ];
  fs.writeFileSync(stateFile, JSON.stringify({ version: 1, organizationId, environments, integrations: [] }));
  return startEmulator({ port: 0, stateFile });
}

describe("a stack whose novu:apiUrl is switched to another server", () => {
  let other: RunningEmulator | undefined;
  afterEach(async () => {
    await other?.close();
    other = undefined;
  });

  it("stops preview, up, refresh and destroy, naming both servers; neither server is written to", async () => {
    const s = await integrationsStack(ctx, emu, "server-switch", DECLARATIONS);
    await s.upSkipPreview();
    // The same keys work there: only what they reach (another organization) tells the servers apart.
    other = await anotherServer();
    const second = emulatorHandle(other);
    await s.stack.setConfig("novu:apiUrl", { value: other.url });
    await emu.control.clearRequests();

    for (const [name, run] of Object.entries({
      preview: () => s.preview(),
      up: () => s.up(),
      "refresh --run-program": () => s.refresh({ runProgram: true }),
      "destroy --run-program": () => s.destroy({ runProgram: true }),
    })) {
      const message = await failure(run());
      expect({ name, message }).toEqual({
        name,
        message: expect.stringContaining(`lives on the Novu server ${emu.url}, but novu:apiUrl now points to ${other.url}`),
      });
      expect(message).toContain(`pulumi config set novu:apiUrl ${emu.url}`);
    }
    expect(await writesTo(emu)).toEqual([]);
    expect(await writesTo(second)).toEqual([]);
    expect(await second.control.state()).toEqual([]);
    expect(await liveIn(emu, emu.environments.development.id)).toEqual(["mail", "sms"]);
    expect(await integrationCount(s)).toBe(2);
  });
});

describe.each(FRONT_ENDS)("a stack whose novu:apiUrl names the same server another way (%s front-end)", (frontEnd) => {
  it("keeps working: servers are compared by what the key reaches, and the new spelling is recorded at the next write or refresh", async () => {
    const spelled = `http://localhost:${emu.port}/`;
    const s = await integrationsStack(ctx, emu, `respelled-${frontEnd}`, DECLARATIONS, { "novu:apiUrl": { value: spelled } }, frontEnd);
    // The whole shape: that a stack spelled with a trailing slash settles is only shown here.
    await s.up();
    expect((await s.resourceOutputs("mail"))?.apiUrl).toBe(`http://localhost:${emu.port}`);

    // The same server, as the emulator names itself: http://127.0.0.1:<port>.
    await s.stack.setConfig("novu:apiUrl", { value: emu.url });
    await emu.control.clearRequests();
    const preview = await s.preview();
    expect(preview.changeSummary).toEqual({ same: s.total(2) });
    expect(preview.stdout).toContain(
      `pulumi-novu: the state records the Novu server as http://localhost:${emu.port}, now reached as ${emu.url}: the key reaches organization ${emu.organizationId}`,
    );
    // The pull request's preview was the line above.
    await s.up({ preview: false });
    await s.refresh();
    expect((await s.resourceOutputs("mail"))?.apiUrl).toBe(emu.url);
    expect((await s.resourceOutputs("sms"))?.apiUrl).toBe(emu.url);
    expect((await s.preview()).changeSummary).toEqual({ same: s.total(2) });
    expect(await writesTo(emu)).toEqual([]);

    await s.destroy();
    expect(await liveIn(emu, emu.environments.development.id)).toEqual([]);
  });
});

// Rotating the Novu key (the old key revoked): refresh before the next `up` says what to do, its
// advice works, and after the `up` preview, refresh and destroy use the new key —
// test/e2e/secrets-readme.test.ts, "rotating the Novu key changes no resource…".
