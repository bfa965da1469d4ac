/**
 * The native provider's operations in-process (test/helpers/native-service.ts), against the
 * emulator over a real socket: what each RPC sends to Novu and answers, with no engine. One
 * behaviour per test; the engine tests show what lands in state and what the CLI prints.
 */
import { grpc, providerPb } from "../../provider/native/grpc";
import { secret } from "../../provider/native/wire";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { configuredService } from "../helpers/native-service";

const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
const KEY = "SG.runtime-tier-credential";
const mail = (over: Record<string, unknown> = {}) => ({ providerId: "sendgrid", channel: "email", credentials: secret({ apiKey: KEY, from: "a@acme.dev", senderName: "Acme" }), ...over });

async function writes() {
  return (await emu.control.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{24}/g, ":id")}`);
}

describe("the native provider's operations, in-process", () => {
  it("creates, updates one field with one PUT, and deletes", async () => {
    const s = await configuredService(emu);
    const { inputs } = await s.check("mail", mail());
    const created = await s.create("mail", inputs);
    expect(created.outputs).toMatchObject({ identifier: "mail", providerId: "sendgrid", active: true });
    const { inputs: renamed } = await s.check("mail", mail({ name: "Mail v2" }), inputs);
    await emu.control.clearRequests();
    await s.update("mail", created.id, created.outputs, renamed);
    expect(await writes()).toEqual(["PUT /v1/integrations/:id"]);
    expect((await emu.control.requests()).find((r) => r.method === "PUT")!.bodyKeys).toEqual(["name"]);
    await s.delete("mail", created.id, created.outputs);
    expect((await emu.control.state()).filter((i) => !i.deleted)).toEqual([]);
  });

  it("marks the credentials and the webhook signing key secret in the checked inputs and the outputs, however the program sent them", async () => {
    // What Pulumi's generated SDKs and YAML send: credentials marked (or not), the signing key plain.
    const s = await configuredService(emu);
    const configurations = { inboundWebhookEnabled: true, inboundWebhookSigningKey: "whsec-runtime-tier" };
    const { inputs } = await s.check("mail", { ...mail(), credentials: { apiKey: KEY, from: "a@acme.dev", senderName: "Acme" }, configurations });
    expect(inputs).toMatchObject({ credentials: secret({ apiKey: KEY, from: "a@acme.dev", senderName: "Acme" }), configurations: { inboundWebhookEnabled: true, inboundWebhookSigningKey: secret("whsec-runtime-tier") } });
    const created = await s.create("mail", inputs);
    // Given back holding a secret, `configurations` is secret whole in the outputs; the inputs keep the rest readable for a diff.
    expect(created.outputs).toMatchObject({ credentials: secret(expect.objectContaining({ apiKey: KEY })), configurations: secret(configurations) });
  });

  it("fails check naming the property, before any request", async () => {
    const s = await configuredService(emu);
    await emu.control.clearRequests();
    const { failures } = await s.check("mail", { providerId: "sendgrid", channel: "carrier-pigeon" });
    expect(failures.join("\n")).toMatch(/channel/);
    expect(await writes()).toEqual([]);
  });

  it("adopts an integration with the identifier when told to, with no POST", async () => {
    const [seeded] = await emu.control.seed([{ providerId: "sendgrid", channel: "email", identifier: "mail", active: true, _environmentId: emu.environments.development.id }]);
    const s = await configuredService(emu);
    const { inputs } = await s.check("mail", mail({ adopt: true }));
    await emu.control.clearRequests();
    const created = await s.create("mail", inputs);
    expect(created.id).toBe(seeded!._id);
    expect(await writes()).not.toContain("POST /v1/integrations");
  });

  it("answers a taken identifier with the holder, the recover command and adopt, never a credential", async () => {
    const [seeded] = await emu.control.seed([{ providerId: "sendgrid", channel: "email", identifier: "mail", active: true, _environmentId: emu.environments.development.id }]);
    const s = await configuredService(emu);
    const { inputs } = await s.check("mail", mail());
    const failure = await s.create("mail", inputs).then(
      () => "created",
      (err: Error) => err.message,
    );
    expect(failure).toContain(`identifier "mail" already exists (${seeded!._id})`);
    expect(failure).toContain("run `npx pulumi-novu recover`");
    expect(failure).toContain('set `adopt: true` on resource "mail"');
    expect(failure).not.toContain(KEY);
    expect(failure).not.toContain(emu.environments.development.apiKey);
  });

  it("reports a create whose set-primary failed as created, naming what the next up does", async () => {
    // Another email primary exists, so taking it needs set-primary after the POST.
    await emu.control.seed([{ providerId: "mailgun", channel: "email", identifier: "old-mail", active: true, primary: true, _environmentId: emu.environments.development.id }]);
    await emu.control.fault({ method: "POST", path: "/v1/integrations/:id/set-primary", fault: { type: "status", status: 400, message: "no" } });
    const s = await configuredService(emu);
    const { inputs } = await s.check("mail", mail({ primary: true }));
    const failure = await s.create("mail", inputs).then(
      () => "created",
      (err: Error) => err.message,
    );
    expect(failure).toMatch(/was created but making it primary failed: .*the next `pulumi up` will retry/s);
    expect((await emu.control.state()).filter((i) => i.identifier === "mail" && !i.deleted)).toHaveLength(1);
    expect(failure).not.toContain(KEY);
  });

  it("refuses a resource type the package does not have, naming it and the ones it has, before any request", async () => {
    const s = await configuredService(emu);
    await emu.control.clearRequests();
    const refusals = await Promise.all(
      (["check", "create", "read", "delete"] as const).map((method) => {
        const request = new (providerPb as any)[`${method[0]!.toUpperCase()}${method.slice(1)}Request`]();
        request.setUrn("urn:pulumi:dev::runtime::novu:index:Workflow::welcome");
        return new Promise<{ code: number; details: string }>((resolve) => (s.service as any)[method]({ request }, (err: { code: number; details: string }) => resolve(err)));
      }),
    );
    for (const refusal of refusals) {
      expect(refusal).toEqual(
        expect.objectContaining({ code: grpc.status.INVALID_ARGUMENT, details: "novu:index:Workflow is not a resource type of the novu package (it has novu:index:Integration)" }),
      );
    }
    expect(await emu.control.requests()).toEqual([]);
  });

  it("never lets a credential or the key out in an error, even from a server that quotes the request", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "echo", status: 400 } });
    const s = await configuredService(emu);
    const { inputs } = await s.check("mail", mail());
    const failure = await s.create("mail", inputs).then(
      () => "created",
      (err: Error) => err.message,
    );
    expect(failure).not.toBe("created");
    expect(failure).not.toContain(KEY);
    expect(failure).not.toContain(emu.environments.development.apiKey);
  });
});
