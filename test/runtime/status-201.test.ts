/**
 * Novu Cloud answered 201 to PUT and set-primary before Novu PR #12612 (see
 * ../shared/novu-api-behaviour.md): both front-ends' operations take it as success. A client
 * matter, shown in-process against the emulator over a real socket; the engine is not involved.
 */
import { secret } from "../../provider/native/wire";
import { withNameDefaults } from "../../provider/schemas/integration-inputs";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { configuredDynamicProvider, configuredService } from "../helpers/native-service";

type Bag = Record<string, unknown>;

const mail = (name: string): Bag => ({
  providerId: "sendgrid",
  channel: "email",
  identifier: "mail",
  name,
  primary: true,
  credentials: { apiKey: "SG.status-201-key-000000000000000", from: "no-reply@acme.dev", senderName: "Acme" },
});

/** Creates `initial` (primary over the seeded one), then renames it; answers what each step recorded. */
type Lifecycle = (initial: Bag, next: Bag) => Promise<{ id: string; created: Bag; updated: Bag }>;

const dynamicLifecycle = (emu: EmulatorHandle): Lifecycle => async (initial, next) => {
  const runtime = await configuredDynamicProvider(emu);
  const first = (await runtime.check({}, withNameDefaults(initial, "mail"))).inputs!;
  const created = await runtime.create(first);
  const second = (await runtime.check(first, withNameDefaults(next, "mail"))).inputs!;
  const updated = await runtime.update(created.id, created.outs!, second);
  return { id: created.id, created: created.outs!, updated: updated.outs! };
};

const nativeLifecycle = (emu: EmulatorHandle): Lifecycle => async (initial, next) => {
  const s = await configuredService(emu);
  const wrap = (bag: Bag) => ({ ...bag, credentials: secret(bag.credentials) });
  const { inputs: first } = await s.check("mail", wrap(initial));
  const created = await s.create("mail", first);
  const { inputs: second } = await s.check("mail", wrap(next), first);
  const updated = await s.update("mail", created.id, created.outputs, second);
  return { id: created.id, created: created.outputs, updated };
};

describe.each([
  ["dynamic", dynamicLifecycle],
  ["native", nativeLifecycle],
] as const)("servers that answer 201 to PUT and set-primary (%s front-end)", (_frontEnd, lifecycle) => {
  const emu: EmulatorHandle = withEmulator({ updateStatus: 201, setPrimaryStatus: 201, resetBeforeEach: true });

  it("treats 201 as success for updates and set-primary", async () => {
    await emu.control.seed([{ providerId: "mailgun", channel: "email", active: true, primary: true, priority: 1, identifier: "old-primary" }]);
    const { id, created, updated } = await lifecycle(emu)(mail("Mail"), mail("Mail (renamed)"));
    expect(created).toMatchObject({ name: "Mail", primary: true });
    expect(updated).toMatchObject({ name: "Mail (renamed)", primary: true });
    expect((await emu.control.state()).find((i) => i._id === id)).toMatchObject({ name: "Mail (renamed)", primary: true });
    const statuses = (await emu.control.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path.replace(id, ":id")} ${r.status}`);
    expect(statuses).toEqual(["POST /v1/integrations 201", "POST /v1/integrations/:id/set-primary 201", "PUT /v1/integrations/:id 201"]);
  });
});
