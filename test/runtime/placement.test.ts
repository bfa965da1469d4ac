/**
 * The placement guard (runtime/placement-guard.ts) in each front-end's operations, in-process
 * against both server scopings: an integration made in Development, then operated on with a key
 * of Production, stops read, diff, update and delete, naming both environments and the commands
 * that fix it, and writes nothing — also on the 2026-04 server, whose lists span the organization,
 * so the Production key sees (and could write) the Development integration. The engine's display of
 * it, on every command, is test/e2e/environments.test.ts.
 */
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { dynamicOperations, nativeOperations } from "../helpers/front-end-operations";

type Bag = Record<string, unknown>;

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
    const { id, state, inputs } = await (await operations(emu, { apiKey: dev.apiKey })).create(mail);
    await emu.control.clearRequests();
    const withProductionKey = await operations(emu, { apiKey: prod.apiKey });
    const renamed = { ...mail, name: "Renamed" };
    const calls = {
      read: () => withProductionKey.read(id, state, inputs),
      diff: () => withProductionKey.diff(id, state, inputs, renamed),
      update: () => withProductionKey.update(id, state, inputs, renamed),
      delete: () => withProductionKey.delete(id, state),
    };
    for (const [operation, call] of Object.entries(calls)) {
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
