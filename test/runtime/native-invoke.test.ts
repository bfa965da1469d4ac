/**
 * The native service's Invoke, as the engine calls it (protobuf requests, secret-wrapped values),
 * against the emulator over a real socket: dispatch by token, arguments unwrapped, a result without
 * credentials, and errors that name the argument.
 */
import { providerPb, structPb } from "../../provider/native/grpc";
import { NovuProviderService } from "../../provider/native/service";
import { secret } from "../../provider/native/wire";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";

const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
const CREDENTIAL = "SG.invoke-must-not-return-this";

/** A configured service, as the engine leaves it after Configure (the key secret-wrapped). */
async function configuredService(): Promise<NovuProviderService> {
  const service = new NovuProviderService();
  const request = new providerPb.ConfigureRequest();
  request.setArgs(structPb.Struct.fromJavaScript({ apiUrl: emu.url, secretKey: secret(emu.environments.development.apiKey) }));
  await new Promise<void>((resolve, reject) => service.configure({ request }, (err) => (err ? reject(err) : resolve())));
  return service;
}

/** Invoke's answer: the result, or the error the engine would show. */
function invoke(service: NovuProviderService, token: string, args: Record<string, unknown>): Promise<Record<string, any>> {
  const request = new providerPb.InvokeRequest();
  request.setTok(token);
  request.setArgs(structPb.Struct.fromJavaScript(args));
  return new Promise((resolve, reject) =>
    service.invoke({ request }, (err, response) => (err ? reject(new Error((err as { message: string }).message)) : resolve((response as any).getReturn().toJavaScript()))),
  );
}

describe("the native service's Invoke", () => {
  it("answers getIntegration with secret-wrapped arguments unwrapped and no credential in the result", async () => {
    const [seeded] = await emu.control.seed([
      { providerId: "sendgrid", channel: "email", identifier: "mail", name: "Mail", active: true, _environmentId: emu.environments.development.id, credentials: { apiKey: CREDENTIAL } },
    ]);
    const result = await invoke(await configuredService(), "novu:index:getIntegration", { identifier: secret("mail") });
    expect(result).toMatchObject({ integrationId: seeded!._id, identifier: "mail", environmentName: "Development", apiUrl: expect.any(String) });
    expect(JSON.stringify(result)).not.toMatch(/credentials|SG\.invoke/);
  });

  it("refuses a token that is not a function of the package, naming the ones it has", async () => {
    await expect(invoke(await configuredService(), "novu:index:getWorkflow", {})).rejects.toThrow(
      "novu:index:getWorkflow is not a function of the novu package (it has novu:index:getIntegration, novu:index:getIntegrations, novu:index:getEnvironment)",
    );
  });

  it("fails naming the argument, before any request, when getIntegration is given neither identifier nor integrationId", async () => {
    const service = await configuredService();
    await emu.control.clearRequests();
    await expect(invoke(service, "novu:index:getIntegration", { environmentId: "x" })).rejects.toThrow("getIntegration: give `identifier` or `integrationId`");
    expect(await emu.control.requests()).toEqual([]);
  });

  it("answers getEnvironment and getIntegrations from one environment lookup and one list call", async () => {
    const service = await configuredService();
    await emu.control.clearRequests();
    const environment = await invoke(service, "novu:index:getEnvironment", {});
    expect(environment).toMatchObject({ environmentId: emu.environments.development.id, name: "Development" });
    await invoke(service, "novu:index:getIntegrations", { channel: "email" });
    await invoke(service, "novu:index:getIntegrations", { active: true });
    expect((await emu.control.requests()).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/environments/me", "GET /v1/integrations"]);
  });
});
