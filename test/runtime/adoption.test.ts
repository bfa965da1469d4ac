/**
 * `adopt: true` takes over the integration Novu already holds with the declared identifier and
 * writes only what differs, through both front-ends' operations and against both server
 * generations: declared credentials are written once at take-over on both, the current server's
 * keys cannot read them back and the older server's answers are not trusted to compare them
 * (runtime/integration-operations.ts, `takeOver`). The engine tests show adoption through
 * `pulumi up` (test/e2e/everyday-edits.test.ts, both front-ends).
 */
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { dynamicOperations, nativeOperations, type OperationsOf } from "../helpers/front-end-operations";

type Bag = Record<string, unknown>;

/** Create `declared` through one front-end's operations; answers the id it ended up holding. */
const createWith = (operations: OperationsOf, emu: EmulatorHandle) => async (declared: Bag) => (await (await operations(emu, { name: "legacy" })).create(declared)).id;

const CREDENTIALS = { apiKey: "SG.adopted-key-0000000000000000", from: "no-reply@acme.dev", senderName: "Acme" };
const declared = (over: Bag = {}): Bag => ({ providerId: "sendgrid", channel: "email", identifier: "legacy-mail", name: "Legacy", adopt: true, credentials: CREDENTIALS, ...over });

describe.each([
  ["dynamic", "write-only", dynamicOperations],
  ["dynamic", "echo", dynamicOperations],
  ["native", "write-only", nativeOperations],
  ["native", "echo", nativeOperations],
] as const)("adoption (%s front-end, %s credentials)", (_frontEnd, credentials, operations) => {
  const emu: EmulatorHandle = withEmulator({ credentials, resetBeforeEach: true });
  /** What each write carried, as `METHOD path [keys]`. */
  const writes = async () => (await emu.control.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path} [${(r.bodyKeys ?? []).join(",")}]`);

  it("takes over the integration with one PUT of what differs, never a POST", async () => {
    const [legacy] = await emu.control.seed([{ providerId: "sendgrid", channel: "email", active: true, name: "Legacy (dashboard)", identifier: "legacy-mail", credentials: CREDENTIALS }]);
    await emu.control.clearRequests();
    expect(await createWith(operations, emu)(declared())).toBe(legacy!._id);
    expect(await writes()).toEqual([`PUT /v1/integrations/${legacy!._id} [name,credentials]`]);
    expect((await emu.control.state()).find((i) => i._id === legacy!._id)).toMatchObject({ name: "Legacy", credentials: CREDENTIALS, deleted: false });
  });

  it("writes only the declared credentials when everything Novu shows is as declared", async () => {
    const [legacy] = await emu.control.seed([{ providerId: "sendgrid", channel: "email", active: true, name: "Legacy", identifier: "legacy-mail", credentials: CREDENTIALS }]);
    await emu.control.clearRequests();
    expect(await createWith(operations, emu)(declared())).toBe(legacy!._id);
    expect(await writes()).toEqual([`PUT /v1/integrations/${legacy!._id} [credentials]`]);
  });
});
