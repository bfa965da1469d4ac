/**
 * The placement guard (runtime/placement-guard.ts) in each front-end's operations, in-process
 * against both server scopings: an integration made in Development, then operated on with a key
 * of Production, stops read, diff, update and delete, naming both environments and the commands
 * that fix it, and writes nothing — also on the 2026-04 server, whose lists span the organization,
 * so the Production key sees (and could write) the Development integration. The engine's display of
 * it, on every command, is test/e2e/environments.test.ts.
 */
import { secret } from "../../provider/native/wire";
import { withNameDefaults } from "../../provider/schemas/integration-inputs";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { configuredDynamicProvider, configuredService } from "../helpers/native-service";

type Bag = Record<string, unknown>;

/** Each operation of a front-end on the integration `state` describes, as the engine would call it. */
interface Operations {
  create(declared: Bag): Promise<{ id: string; state: Bag; inputs: Bag }>;
  calls(id: string, state: Bag, inputs: Bag): Record<string, () => Promise<unknown>>;
}

async function dynamicOperations(emu: EmulatorHandle, apiKey: string): Promise<Operations> {
  const runtime = await configuredDynamicProvider(emu, apiKey);
  return {
    async create(declared) {
      const inputs = (await runtime.check({}, withNameDefaults(declared, "mail"))).inputs!;
      const created = await runtime.create(inputs);
      return { id: created.id, state: created.outs!, inputs };
    },
    calls: (id, state, inputs) => ({
      read: () => runtime.read!(id, state),
      diff: () => runtime.diff!(id, state, { ...inputs, name: "Renamed" }),
      update: () => runtime.update!(id, state, { ...inputs, name: "Renamed" }),
      delete: () => runtime.delete!(id, state),
    }),
  };
}

async function nativeOperations(emu: EmulatorHandle, apiKey: string): Promise<Operations> {
  const s = await configuredService(emu, { secretKey: secret(apiKey) });
  return {
    async create(declared) {
      const { inputs } = await s.check("mail", { ...declared, credentials: secret(declared.credentials) });
      const created = await s.create("mail", inputs);
      return { id: created.id, state: created.outputs, inputs };
    },
    calls: (id, state, inputs) => ({
      read: () => s.read("mail", id, state, inputs),
      update: () => s.update("mail", id, state, { ...inputs, name: "Renamed" }),
      delete: () => s.delete("mail", id, state),
    }),
  };
}

const mail: Bag = { providerId: "sendgrid", channel: "email", identifier: "mail", credentials: { apiKey: "SG.placement-key-0000000000", from: "a@acme.dev", senderName: "Acme" } };

describe.each([
  ["dynamic", "environment", dynamicOperations],
  ["dynamic", "organization", dynamicOperations],
  ["native", "environment", nativeOperations],
  ["native", "organization", nativeOperations],
] as const)("the %s front-end's operations with a key of another environment (lists scoped by %s)", (_frontEnd, scoping, operations) => {
  const emu: EmulatorHandle = withEmulator({ scoping, resetBeforeEach: true });

  it("stop every operation on an integration of Development, naming both environments and the fix, and write nothing", async () => {
    const dev = emu.environments.development;
    const prod = emu.environments.production;
    const { id, state, inputs } = await (await operations(emu, dev.apiKey)).create(mail);
    await emu.control.clearRequests();
    const withProductionKey = (await operations(emu, prod.apiKey)).calls(id, state, inputs);
    for (const [operation, call] of Object.entries(withProductionKey)) {
      const message = await call().then(
        () => "(it succeeded)",
        (e: unknown) => String((e as Error).message),
      );
      expect({ operation, message }).toEqual({
        operation,
        message: expect.stringContaining(`integration "mail" lives in Novu environment "Development" (${dev.id}), but novu:secretKey is a key of environment "Production" (${prod.id})`),
      });
      expect(message).toContain(`pulumi config set novu:movedFrom ${dev.id}`);
      expect(message).not.toContain(prod.apiKey);
      expect(message).not.toContain(dev.apiKey);
    }
    expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
    expect((await emu.control.state()).filter((i) => !i.deleted).map((i) => [i.identifier, i._environmentId, i.name])).toEqual([["mail", dev.id, "SendGrid"]]);
  });
});
