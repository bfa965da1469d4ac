/**
 * A change of one field is sent alone, in one PUT, by both front-ends' operations and against both
 * server generations (the current one, whose API keys cannot read credentials back, and the older
 * one that echoes them). In-process against the emulator over a real socket; the engine tests of
 * the everyday edits (test/e2e/everyday-edits.test.ts) show the same edits through `pulumi up`.
 */
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { dynamicOperations, nativeOperations, type OperationsOf } from "../helpers/front-end-operations";

type Bag = Record<string, unknown>;

/** Create `initial`, then update it to `next`, through one front-end's operations; answers the id. Only the update's requests stay logged. */
async function createThenUpdate(operations: OperationsOf, emu: EmulatorHandle, initial: Bag, next: Bag): Promise<string> {
  const ops = await operations(emu);
  const created = await ops.create(initial);
  await emu.control.clearRequests();
  await ops.update(created.id, created.state, created.inputs, next);
  return created.id;
}

const sendgrid = (over: Bag = {}): Bag => ({
  providerId: "sendgrid",
  channel: "email",
  identifier: "mail",
  name: "Mail",
  credentials: { apiKey: "SG.one-put-key-000000000000000000", from: "no-reply@acme.dev", senderName: "Acme" },
  ...over,
});

const WEBHOOK = { inboundWebhookEnabled: true, inboundWebhookSigningKey: "whsec-one-put-first" };

/** What changes (its label), the field the PUT carries alone, the change, how Novu shows it applied, and what it starts from. */
const CHANGES: Array<[label: string, field: string, change: Bag, applied: (doc: any) => boolean, initial?: Bag]> = [
  ["a new name", "name", { name: "Renamed" }, (d) => d.name === "Renamed"],
  ["a new identifier", "identifier", { identifier: "mail-renamed" }, (d) => d.identifier === "mail-renamed"],
  ["a deactivation", "active", { active: false }, (d) => d.active === false],
  ["rotated credentials", "credentials", { credentials: { apiKey: "SG.rotated-key-00000000000000000", from: "no-reply@acme.dev", senderName: "Acme" } }, (d) => d.credentials.apiKey === "SG.rotated-key-00000000000000000"],
  ["new conditions", "conditions", { conditions: [{ children: [{ on: "tenant", field: "identifier", operator: "EQUAL", value: "big" }] }] }, (d) => d.conditions.length === 1],
  [
    "a rotated webhook signing key",
    "configurations",
    { configurations: { ...WEBHOOK, inboundWebhookSigningKey: "whsec-one-put-rotated" } },
    (d) => d.configurations.inboundWebhookSigningKey === "whsec-one-put-rotated",
    { configurations: WEBHOOK },
  ],
  ["`{}` for configurations, which clears them", "configurations", { configurations: {} }, (d) => Object.keys(d.configurations).length === 0, { configurations: WEBHOOK }],
];

describe.each([
  ["dynamic", "write-only", dynamicOperations],
  ["dynamic", "echo", dynamicOperations],
  ["native", "write-only", nativeOperations],
  ["native", "echo", nativeOperations],
] as const)("one change, one PUT (%s front-end, %s credentials)", (_frontEnd, credentials, operations) => {
  const emu: EmulatorHandle = withEmulator({ credentials, resetBeforeEach: true });

  it.each(CHANGES)("sends %s in one PUT, alone", async (_label, field, change, applied, initial = {}) => {
    const id = await createThenUpdate(operations, emu, sendgrid(initial), sendgrid({ ...initial, ...change }));
    const writes = (await emu.control.requests()).filter((r) => r.method !== "GET");
    expect(writes.map((r) => [`${r.method} ${r.path}`, r.bodyKeys])).toEqual([[`PUT /v1/integrations/${id}`, [field]]]);
    expect(applied((await emu.control.state()).find((i) => i._id === id))).toBe(true);
  });
});
