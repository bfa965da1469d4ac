/**
 * State written by an older pulumi-novu carries that version's serialized provider. Refresh still
 * works (the stub loads the installed code), and the next `up` rolls the new provider text into
 * state without sending anything to Novu.
 *
 * The native front-end stores no provider code in state; what an older plugin leaves is its
 * version on the provider resource and integrations without the outputs later versions added.
 * Both front-ends are shown: each "ages" its state its own way, then the same checks follow.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { integrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";

const CURRENT = 'PROVIDER_VERSION: "0.1.0"';
/** The stub's current shape: only `configure` is serialized, and it installs the other methods. */
const CURRENT_SHAPE = '("pulumi-novu/runtime").install(this, req, PROVIDER_VERSION)';
/**
 * What the first stub stored: seven serialized methods, each loading the runtime on every call
 * (2.4 KB). State written by it must keep working.
 */
const SEVEN_METHOD_STUB = fs.readFileSync(path.join(__dirname, "fixtures", "provider-seven-methods.js.txt"), "utf8");

type Deployment = { resources: Array<{ type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }> };

/** The serialized provider texts of every Integration in a deployment (inputs and outputs). */
function providerTexts(deployment: Deployment): string[] {
  return deployment.resources
    .filter((r) => r.type === "pulumi-nodejs:dynamic/novu:Integration")
    .flatMap((r) => [r.inputs?.__provider, r.outputs?.__provider])
    .map(String);
}

// Each stack's first `up` only writes the state a test then ages, so it is `upSkipPreview()`, one
// command; the refresh and `up` over the aged state are under test and run the whole shape.

describe("upgrading pulumi-novu under existing state", () => {
  const ctx = withPulumi();
  const emu: EmulatorHandle = withEmulator();

  it("rolls the new provider into state with no Novu write", async () => {
    const s = await integrationsStack(ctx, emu, "upgrade", {
      mail: { providerId: "sendgrid", channel: "email", credentials: { apiKey: "SG.k", from: "a@acme.dev", senderName: "Acme" } },
    });
    await s.upSkipPreview();

    // Pretend the state was written by version 0.0.1.
    const exported = await s.stack.exportStack();
    const deployment = exported.deployment as Deployment;
    expect(providerTexts(deployment)).toEqual([expect.stringContaining(CURRENT_SHAPE), expect.stringContaining(CURRENT_SHAPE)]);
    for (const r of deployment.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/novu:Integration")) {
      for (const bag of [r.inputs, r.outputs]) {
        if (typeof bag?.__provider === "string") bag.__provider = bag.__provider.replace(CURRENT, 'PROVIDER_VERSION: "0.0.1"');
      }
    }
    await s.stack.importStack(exported);
    expect(providerTexts((await s.stack.exportStack()).deployment)).toEqual([expect.stringContaining('"0.0.1"'), expect.stringContaining('"0.0.1"')]);

    await emu.control.clearRequests();
    const refresh = await s.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(await s.writes()).toEqual([]);
    expect(providerTexts((await s.stack.exportStack()).deployment)).toEqual([expect.stringContaining(CURRENT), expect.stringContaining(CURRENT)]);
  });

  it("runs state written by the seven-method stub, then replaces it with the current one", async () => {
    expect(SEVEN_METHOD_STUB).toContain("runtime().diff(i, o, n)");
    const s = await integrationsStack(ctx, emu, "legacy-stub", {
      sms: { providerId: "twilio", channel: "sms", primary: true, credentials: { accountSid: "AC1", token: "tw-secret", from: "+15550100" } },
    });
    await s.upSkipPreview();
    const exported = await s.stack.exportStack();
    for (const r of (exported.deployment as Deployment).resources.filter((r) => r.type === "pulumi-nodejs:dynamic/novu:Integration")) {
      for (const bag of [r.inputs, r.outputs]) {
        if (typeof bag?.__provider === "string") bag.__provider = SEVEN_METHOD_STUB;
      }
    }
    await s.stack.importStack(exported);

    await emu.control.clearRequests();
    expect((await s.refresh()).summary.resourceChanges).toEqual({ same: 3 });
    expect((await s.up()).summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(await s.writes()).toEqual([]);
    const texts = providerTexts((await s.stack.exportStack()).deployment);
    expect(texts).toEqual([expect.stringContaining(CURRENT_SHAPE), expect.stringContaining(CURRENT_SHAPE)]);
    expect(Buffer.byteLength(texts[0]!)).toBeLessThan(1024);
  });
});

describe("upgrading the native novu plugin under existing state", () => {
  const ctx = withPulumi();
  const emu: EmulatorHandle = withEmulator();

  it("reads state an older plugin wrote: refresh fills in the outputs it lacked, up sends nothing to Novu", async () => {
    const s = await integrationsStack(
      ctx,
      emu,
      "upgrade-native",
      { mail: { providerId: "sendgrid", channel: "email", primary: true, credentials: { apiKey: "SG.k", from: "a@acme.dev", senderName: "Acme" } } },
      {},
      "native",
    );
    await s.upSkipPreview();

    // Pretend a plugin of version 0.0.9 wrote it, before the outputs that record where an
    // integration lives and which of its inputs the program manages existed.
    const LATER_OUTPUTS = ["apiUrl", "environmentName", "__environmentManaged", "__nameManaged", "__configurationsManaged"];
    const exported = await s.stack.exportStack();
    const resources = (exported.deployment as Deployment).resources;
    const provider = resources.find((r) => r.type === "pulumi:providers:novu")!;
    provider.inputs!.version = provider.outputs!.version = "0.0.9";
    const integration = resources.find((r) => r.type === "novu:index:Integration")!;
    for (const key of LATER_OUTPUTS) {
      expect(integration.outputs).toHaveProperty(key);
      delete integration.outputs![key];
    }
    await s.stack.importStack(exported);

    await emu.control.clearRequests();
    const refresh = await s.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ same: expect.any(Number) });
    const up = await s.up();
    expect(up.summary.resourceChanges?.create ?? 0).toBe(0);
    expect(up.summary.resourceChanges?.replace ?? 0).toBe(0);
    expect(await s.writes()).toEqual([]);
    const after = (await s.stack.exportStack()).deployment as Deployment;
    expect(Object.keys(after.resources.find((r) => r.type === "novu:index:Integration")!.outputs!)).toEqual(expect.arrayContaining(LATER_OUTPUTS));
    expect((await emu.control.state()).filter((i) => !i.deleted).map((i) => [i.identifier, i.primary])).toEqual([["mail", true]]);
  });

  it("reads state of 0.1.0, whose bookkeeping had plain names: previews clean, and refresh moves it under __ names with no write", async () => {
    const s = await integrationsStack(ctx, emu, "upgrade-native-names", { "names-mail": { providerId: "sendgrid", channel: "email", name: "Mail", credentials: { apiKey: "SG.k", from: "a@acme.dev", senderName: "Acme" } } }, {}, "native");
    await s.upSkipPreview();
    const exported = await s.stack.exportStack();
    const integration = (exported.deployment as Deployment).resources.find((r) => r.type === "novu:index:Integration")!;
    for (const key of ["nameManaged", "environmentManaged", "configurationsManaged"]) {
      integration.outputs![key] = integration.outputs![`__${key}`];
      delete integration.outputs![`__${key}`];
    }
    await s.stack.importStack(exported);
    await emu.control.clearRequests();
    await s.preview({ expectNoChanges: true });
    await s.refresh();
    const outputs = (await s.resourceOutputs("names-mail"))!;
    expect(outputs).toMatchObject({ __nameManaged: true, __environmentManaged: false });
    expect(outputs).not.toHaveProperty("nameManaged");
    await s.preview({ expectNoChanges: true });
    expect(await s.writes()).toEqual([]);
  });
});
