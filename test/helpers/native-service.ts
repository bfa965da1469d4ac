/**
 * The runtime tier's harness: the native provider's gRPC service (provider/native/service.ts)
 * called in-process as the engine calls it — protobuf requests, secret-wrapped values — against
 * the emulator over a real socket. What needs no engine is shown here in milliseconds; the engine
 * tests keep what only the engine shows (state, display, kills, imports).
 */
import { type DynamicIntegrationProvider, dynamicIntegrationProvider } from "../../provider/dynamic/runtime";
import { providerPb, structPb } from "../../provider/native/grpc";
import { NovuProviderService } from "../../provider/native/service";
import { secret } from "../../provider/native/wire";
import type { EmulatorHandle } from "./emulator";

export const INTEGRATION_URN = (name: string) => `urn:pulumi:dev::runtime::novu:index:Integration::${name}`;

type Bag = Record<string, unknown>;

export interface ServiceHarness {
  readonly service: NovuProviderService;
  /** Check: the checked inputs, or the failures as `property: reason`. */
  check(name: string, news: Bag, olds?: Bag): Promise<{ inputs: Bag; failures: string[] }>;
  create(name: string, inputs: Bag): Promise<{ id: string; outputs: Bag }>;
  read(name: string, id: string, state: Bag, inputs?: Bag): Promise<{ id: string; outputs: Bag; inputs: Bag }>;
  update(name: string, id: string, olds: Bag, news: Bag): Promise<Bag>;
  /** Diff: whether anything changes, as the engine's DiffResponse says. */
  diff(name: string, id: string, olds: Bag, news: Bag): Promise<{ changes: boolean }>;
  delete(name: string, id: string, state: Bag): Promise<void>;
}

/** A service configured as the engine leaves it after Configure (the key secret-wrapped). */
export async function configuredService(emu: EmulatorHandle, settings: Bag = {}): Promise<ServiceHarness> {
  const service = new NovuProviderService();
  const configure = new providerPb.ConfigureRequest();
  configure.setArgs(structPb.Struct.fromJavaScript({ apiUrl: emu.url, secretKey: secret(emu.environments.development.apiKey), ...settings }));
  await rpc(service, "configure", configure);
  const struct = (bag: Bag) => structPb.Struct.fromJavaScript(bag as Record<string, never>);
  return {
    service,
    async check(name, news, olds = {}) {
      const request = new providerPb.CheckRequest();
      request.setUrn(INTEGRATION_URN(name));
      request.setNews(struct(news));
      request.setOlds(struct(olds));
      const response = await rpc(service, "check", request);
      return {
        inputs: response.getInputs()?.toJavaScript() ?? {},
        failures: response.getFailuresList().map((f: { getProperty(): string; getReason(): string }) => `${f.getProperty()}: ${f.getReason()}`),
      };
    },
    async create(name, inputs) {
      const request = new providerPb.CreateRequest();
      request.setUrn(INTEGRATION_URN(name));
      request.setProperties(struct(inputs));
      const response = await rpc(service, "create", request);
      return { id: response.getId(), outputs: response.getProperties().toJavaScript() };
    },
    async read(name, id, state, inputs = {}) {
      const request = new providerPb.ReadRequest();
      request.setUrn(INTEGRATION_URN(name));
      request.setId(id);
      request.setProperties(struct(state));
      request.setInputs(struct(inputs));
      const response = await rpc(service, "read", request);
      return { id: response.getId(), outputs: response.getProperties()?.toJavaScript() ?? {}, inputs: response.getInputs()?.toJavaScript() ?? {} };
    },
    async update(name, id, olds, news) {
      const request = new providerPb.UpdateRequest();
      request.setUrn(INTEGRATION_URN(name));
      request.setId(id);
      request.setOlds(struct(olds));
      request.setNews(struct(news));
      return (await rpc(service, "update", request)).getProperties().toJavaScript();
    },
    async diff(name, id, olds, news) {
      const request = new providerPb.DiffRequest();
      request.setUrn(INTEGRATION_URN(name));
      request.setId(id);
      request.setOlds(struct(olds));
      request.setNews(struct(news));
      const response = await rpc(service, "diff", request);
      return { changes: response.getChanges() === providerPb.DiffResponse.DiffChanges.DIFF_SOME };
    },
    async delete(name, id, state) {
      const request = new providerPb.DeleteRequest();
      request.setUrn(INTEGRATION_URN(name));
      request.setId(id);
      request.setProperties(struct(state));
      await rpc(service, "delete", request);
    },
  };
}

/** One RPC as the engine makes it; its error is the message the engine would show. */
function rpc(service: NovuProviderService, method: string, request: unknown): Promise<any> {
  return new Promise((resolve, reject) =>
    (service as unknown as Record<string, (call: unknown, cb: (err: unknown, response?: unknown) => void) => void>)[method]!({ request }, (err, response) =>
      err ? reject(new Error((err as { message?: string; details?: string }).details || (err as { message: string }).message)) : resolve(response),
    ),
  );
}

/**
 * The dynamic front-end's provider as Pulumi's dynamic host runs it (behind the redaction boundary),
 * configured as the engine leaves it from the stack's `novu:*` config: the runtime tier's other harness.
 */
export async function configuredDynamicProvider(emu: EmulatorHandle, apiKey: string = emu.environments.development.apiKey): Promise<DynamicIntegrationProvider> {
  const provider = dynamicIntegrationProvider();
  const settings: Record<string, string> = { "novu:apiUrl": emu.url, "novu:secretKey": apiKey };
  await provider.configure({ config: { get: (key: string) => settings[key] } });
  return provider;
}
