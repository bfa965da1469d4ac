/**
 * A change of one field is sent alone, in one PUT, by both front-ends' operations and against both
 * server generations (the current one, whose API keys cannot read credentials back, and the older
 * one that echoes them). In-process against the emulator over a real socket; the engine tests of
 * the everyday edits (test/e2e/everyday-edits.test.ts) show the same edits through `pulumi up`.
 */
import { secret } from "../../provider/native/wire";
import { withNameDefaults } from "../../provider/schemas/integration-inputs";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { configuredDynamicProvider, configuredService } from "../helpers/native-service";

type Bag = Record<string, unknown>;

/** Create `initial`, then update it to `next`, as a front-end's provider does; answers the integration's id. */
type Lifecycle = (initial: Bag, next: Bag) => Promise<string>;

function dynamicLifecycle(emu: EmulatorHandle): Lifecycle {
  return async (initial, next) => {
    const runtime = await configuredDynamicProvider(emu);
    const first = (await runtime.check({}, withNameDefaults(initial, "mail"))).inputs!;
    const created = await runtime.create(first);
    const second = (await runtime.check(first, withNameDefaults(next, "mail"))).inputs!;
    await emu.control.clearRequests();
    await runtime.update(created.id, created.outs!, second);
    return created.id;
  };
}

function nativeLifecycle(emu: EmulatorHandle): Lifecycle {
  return async (initial, next) => {
    const s = await configuredService(emu);
    const wrap = (bag: Bag) => ({ ...bag, ...(bag.credentials ? { credentials: secret(bag.credentials) } : {}) });
    const { inputs: first } = await s.check("mail", wrap(initial));
    const created = await s.create("mail", first);
    const { inputs: second } = await s.check("mail", wrap(next), first);
    await emu.control.clearRequests();
    await s.update("mail", created.id, created.outputs, second);
    return created.id;
  };
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
  ["dynamic", "write-only", dynamicLifecycle],
  ["dynamic", "echo", dynamicLifecycle],
  ["native", "write-only", nativeLifecycle],
  ["native", "echo", nativeLifecycle],
] as const)("one change, one PUT (%s front-end, %s credentials)", (_frontEnd, credentials, lifecycle) => {
  const emu: EmulatorHandle = withEmulator({ credentials, resetBeforeEach: true });

  it.each(CHANGES)("sends %s in one PUT, alone", async (_label, field, change, applied, initial = {}) => {
    const id = await lifecycle(emu)(sendgrid(initial), sendgrid({ ...initial, ...change }));
    const writes = (await emu.control.requests()).filter((r) => r.method !== "GET");
    expect(writes.map((r) => [`${r.method} ${r.path}`, r.bodyKeys])).toEqual([[`PUT /v1/integrations/${id}`, [field]]]);
    expect(applied((await emu.control.state()).find((i) => i._id === id))).toBe(true);
  });
});
