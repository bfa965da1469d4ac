/**
 * The native `novu` provider from TypeScript (`pulumi-novu/native`: typed Integration and Provider
 * classes), through the real CLI and engine: two Novu environments side by side through an explicit
 * provider, typed outputs, and moving a stack from the dynamic Integration to the native one
 * without recreating anything in Novu (docs/native-provider.md, "Moving from the dynamic Integration").
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Integration as DynamicIntegration } from "../../provider";
import * as novu from "pulumi-novu/native";
import { packageRoot } from "../../tools/package-root";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { novuConfig, withPulumi } from "../helpers/pulumi";

const ctx = withPulumi();
const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
/** The project's plugin entry, as a user's Pulumi.yaml names it. */
const plugins = { plugins: { providers: [{ name: "novu", path: path.join(packageRoot(__dirname), "bin") }] } };
const mail = { providerId: "sendgrid", channel: "email" as const, credentials: { apiKey: "SG.native-ts-key", from: "a@acme.dev", senderName: "Acme" } };

describe("the native provider from TypeScript", () => {
  it("manages an integration in Development and one in Production through an explicit Provider, with typed outputs", async () => {
    const s = await ctx.inlineStack(
      "native-ts",
      async () => {
        const production = new novu.Provider("production", { secretKey: pulumi.secret(emu.environments.production.apiKey), apiUrl: emu.url, maxRetries: 2 });
        const dev = new novu.Integration("dev-mail", { ...mail, primary: true });
        const prod = new novu.Integration("prod-mail", { ...mail, name: "Production mail" }, { provider: production });
        return { devId: dev.integrationId, devEnvironment: dev.environmentName, prodEnvironment: prod.environmentName, prodPrimary: prod.primary };
      },
      novuConfig(emu.url, emu.environments.development.apiKey),
      plugins,
    );
    await s.up();
    const outputs = await s.outputs();
    expect(outputs.devEnvironment!.value).toBe("Development");
    expect(outputs.prodEnvironment!.value).toBe("Production");
    const alive = (await emu.control.state()).filter((i) => !i.deleted);
    expect(alive.map((i) => [i.identifier, i._environmentId]).sort()).toEqual([
      ["dev-mail", emu.environments.development.id],
      ["prod-mail", emu.environments.production.id],
    ]);
    expect(alive.find((i) => i.identifier === "dev-mail")!._id).toBe(outputs.devId!.value);
    expect((await s.preview()).changeSummary).toEqual({ same: 4 });
    const exported = await s.exportState();
    for (const secret of [emu.environments.production.apiKey, emu.environments.development.apiKey, "SG.native-ts-key"]) expect(exported).not.toContain(secret);
    await s.destroy();
    expect((await emu.control.state()).filter((i) => !i.deleted)).toEqual([]);
  });

  it("takes over a dynamic Integration's integration without recreating it: retainOnDelete, then the native resource with adopt", async () => {
    const config = novuConfig(emu.url, emu.environments.development.apiKey);
    const dynamicProgram = (retainOnDelete: boolean) => async () => {
      new DynamicIntegration("mail", mail, { retainOnDelete });
    };
    // The stack as it ran before the move (setup: one command); each step of the move runs the whole shape.
    await (await ctx.inlineStack("native-move", dynamicProgram(false), config, plugins)).upSkipPreview();
    const [before] = (await emu.control.state()).filter((i) => !i.deleted);
    // 1. The dynamic resource may leave the stack without deleting its integration.
    await (await ctx.inlineStack("native-move", dynamicProgram(true), config, plugins)).up();
    // 2. The native resource takes the integration over by its identifier.
    const native = await ctx.inlineStack(
      "native-move",
      async () => {
        new novu.Integration("mail", { ...mail, adopt: true, deleteAdopted: true });
      },
      config,
      plugins,
    );
    await emu.control.clearRequests();
    await native.up();
    const writes = (await emu.control.requests()).filter((r) => r.method !== "GET").map((r) => r.method);
    expect(writes.filter((m) => m === "POST" || m === "DELETE")).toEqual([]);
    const after = (await emu.control.state()).filter((i) => !i.deleted);
    expect(after.map((i) => i._id)).toEqual([before!._id]);
    const resources: { type: string; id?: string }[] = (await native.stack.exportStack()).deployment.resources;
    expect(resources.filter((r) => r.type === "novu:index:Integration").map((r) => r.id)).toEqual([before!._id]);
    expect(resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))).toEqual([]);
    expect((await native.preview()).changeSummary).toEqual({ same: 2 });
    // deleteAdopted: true, so the stack now owns it as the dynamic one did.
    await native.destroy();
    expect((await emu.control.state()).filter((i) => !i.deleted)).toEqual([]);
  });
});
