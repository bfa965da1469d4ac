/**
 * A write that half happened (the POST landed, set-primary failed) reaches the engine as a
 * half-done resource from both front-ends: ErrorResourceInitFailed with Novu's id, the state to
 * record and the whole explanation as the reason, so the engine records the integration and the
 * next `up` only makes it primary (test/e2e/faults.test.ts shows that through `pulumi up`). The
 * operations raise one typed error (PartialWriteError); each front-end recognises it by class.
 */
import { PartialWriteError } from "../../provider/errors";
import { dynamicIntegrationProvider, HostInitFailure } from "../../provider/dynamic/runtime";
import { providerPb, structPb } from "../../provider/native/grpc";
import { secret, SECRET_SIG_KEY } from "../../provider/native/wire";
import { configureRequest, type DynamicHost, initFailureOf, startDynamicHost, STUB_PROVIDER_TEXT } from "../helpers/dynamic-host";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { INTEGRATION_URN, configuredDynamicProvider, configuredService } from "../helpers/native-service";

const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
const KEY = "SG.partial-write-credential";
const credentials = { apiKey: KEY, from: "a@acme.dev", senderName: "Acme" };
const HALF_DONE = /^integration "mail" \([0-9a-f]{24}\) was created but making it primary failed: .*the next `pulumi up` will retry/s;

/** Another email primary exists, so a new primary needs set-primary after its POST, and set-primary fails. */
async function setPrimaryFails(): Promise<void> {
  await emu.control.seed([{ providerId: "mailgun", channel: "email", identifier: "old-mail", active: true, primary: true, _environmentId: emu.environments.development.id }]);
  await emu.control.fault({ method: "POST", path: "/v1/integrations/:id/set-primary", fault: { type: "status", status: 400, message: "no" } });
}

async function createdMail(): Promise<{ _id: string; primary: boolean }> {
  const [created, ...more] = (await emu.control.state()).filter((i) => i.identifier === "mail" && !i.deleted);
  expect(more).toEqual([]);
  return created!;
}

describe("a half-done create", () => {
  it("is handed by the dynamic provider to the host in the host's shape, the operations' PartialWriteError as its cause", async () => {
    await setPrimaryFails();
    const provider = await configuredDynamicProvider(emu);
    const { inputs } = await provider.check({}, { providerId: "sendgrid", channel: "email", identifier: "mail", primary: true, credentials });
    const failure: unknown = await provider.create({ ...inputs, __provider: "text", __urn: INTEGRATION_URN("mail") }).then(() => "created", (err: unknown) => err);
    const created = await createdMail();
    expect(failure).toBeInstanceOf(HostInitFailure);
    const host = failure as HostInitFailure;
    expect(host.cause).toBeInstanceOf(PartialWriteError);
    expect((host.cause as PartialWriteError).resourceId).toBe(created._id);
    expect(host).toMatchObject({ id: created._id, reasons: [host.message] });
    expect(host.properties).toMatchObject({ integrationId: created._id, primary: false, __provider: "text", __urn: INTEGRATION_URN("mail") });
  });

  it("reaches the engine from the native service as ErrorResourceInitFailed, the credentials still secret", async () => {
    await setPrimaryFails();
    const s = await configuredService(emu);
    const { inputs } = await s.check("mail", { providerId: "sendgrid", channel: "email", primary: true, credentials: secret(credentials) });
    const request = new providerPb.CreateRequest();
    request.setUrn(INTEGRATION_URN("mail"));
    request.setProperties(structPb.Struct.fromJavaScript(inputs as Record<string, never>));
    const err = await new Promise<any>((resolve) => s.service.create({ request }, (e: unknown) => resolve(e)));
    const created = await createdMail();
    const detail = initFailureOf(err);
    expect(err.message).toMatch(HALF_DONE);
    expect(detail).toMatchObject({ id: created._id, reasons: [err.message] });
    expect(detail!.properties).toMatchObject({ integrationId: created._id, identifier: "mail", primary: false });
    expect(detail!.properties.credentials).toMatchObject({ [SECRET_SIG_KEY]: expect.any(String), value: credentials });
  });

  describe("through Pulumi's dynamic-provider host", () => {
    let host: DynamicHost;
    beforeAll(async () => {
      host = await startDynamicHost();
    });
    afterAll(() => host?.stop());

    it("reaches the engine as ErrorResourceInitFailed, with the provider text kept in the recorded state", async () => {
      await setPrimaryFails();
      await host.call("configure", configureRequest({ "novu:apiUrl": emu.url, "novu:secretKey": emu.environments.development.apiKey }));
      const request = new providerPb.CreateRequest();
      request.setUrn(INTEGRATION_URN("mail"));
      const inputs = { providerId: "sendgrid", channel: "email", identifier: "mail", primary: true, credentials, __provider: STUB_PROVIDER_TEXT, __urn: INTEGRATION_URN("mail") };
      request.setProperties(structPb.Struct.fromJavaScript(inputs));
      const err = await host.call("create", request).then(() => undefined, (e: unknown) => e as any);
      const created = await createdMail();
      const detail = initFailureOf(err);
      expect(err.details).toMatch(HALF_DONE);
      expect(detail).toMatchObject({ id: created._id, reasons: [err.details] });
      expect(detail!.properties).toMatchObject({ integrationId: created._id, primary: false, __provider: STUB_PROVIDER_TEXT, __urn: INTEGRATION_URN("mail") });
      expect(err.details).not.toContain(KEY);
      // A refresh before the next `up` reads with that state: the host finds its provider in `__provider`.
      const read = new providerPb.ReadRequest();
      read.setId(created._id);
      read.setUrn(INTEGRATION_URN("mail"));
      read.setProperties(structPb.Struct.fromJavaScript(detail!.properties as Record<string, never>));
      expect((await host.call("read", read)).getId()).toBe(created._id);
    });
  });
});
