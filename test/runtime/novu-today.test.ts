/**
 * Novu as it is today, through both front-ends' operations in-process against the current server:
 * an adopt whose lookup lists an AI-agent integration (`kind: "agent"`, no channel) takes over the
 * dashboard's integration and leaves the agent alone, and the `tool` channel's tool-webhook
 * integration is created, read back and deleted. The engine tests show refresh, preview-time
 * refusals, imports and a tool-webhook's create and destroy through `pulumi up`
 * (test/e2e/novu-today.test.ts), and adoption through `pulumi up` on both front-ends
 * (test/e2e/everyday-edits.test.ts).
 */
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { FRONT_END_OPERATIONS } from "../helpers/front-end-operations";

/** Novu's own Claude runtime, as the current server lists it. */
const AGENT = { providerId: "novu-anthropic", kind: "agent", name: "Novu Anthropic", identifier: "novu-anthropic-x1", active: true } as const;
const CREDENTIALS = { apiKey: "SG.today-runtime-key-000000000000", from: "no-reply@acme.dev", senderName: "Acme" };

describe.each(FRONT_END_OPERATIONS)("the %s front-end's operations on today's Novu", (_frontEnd, operations) => {
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
  const writes = async () => (await emu.control.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);

  it("adopt takes over the dashboard's integration from a list that holds an agent, and leaves the agent alone", async () => {
    const [agent, legacy] = await emu.control.seed([AGENT, { providerId: "sendgrid", channel: "email", active: true, name: "Legacy", identifier: "legacy-mail" }]);
    await emu.control.clearRequests();
    const ops = await operations(emu, { name: "legacy" });
    const { id } = await ops.create({ providerId: "sendgrid", channel: "email", identifier: "legacy-mail", name: "Legacy", adopt: true, credentials: CREDENTIALS });
    expect(id).toBe(legacy!._id);
    expect(await writes()).toEqual([`PUT /v1/integrations/${legacy!._id}`]);
    expect((await emu.control.state()).find((i) => i._id === agent!._id)).toMatchObject({ deleted: false, kind: "agent", identifier: AGENT.identifier });
  });

  it("creates a tool-webhook integration on the tool channel, reads it back as it was made, and deletes it", async () => {
    const [agent] = await emu.control.seed([AGENT]);
    const ops = await operations(emu, { name: "ops-hook" });
    const hook = { providerId: "tool-webhook", channel: "tool", credentials: { webhookUrl: "https://hooks.acme.dev/novu", method: "POST" } };
    const created = await ops.create(hook);
    const made = (await emu.control.state()).find((i) => i._id === created.id)!;
    expect(made).toMatchObject({ providerId: "tool-webhook", channel: "tool", identifier: "ops-hook", primary: false, active: true, credentials: hook.credentials });
    const read = await ops.read(created.id, created.state, created.inputs);
    expect(read.id).toBe(created.id);
    expect(read.state).toMatchObject({ providerId: "tool-webhook", channel: "tool", identifier: "ops-hook", primary: false, active: true });
    await ops.delete(created.id, read.state);
    expect((await emu.control.state()).find((i) => i._id === created.id)!.deleted).toBe(true);
    expect((await emu.control.state()).find((i) => i._id === agent!._id)!.deleted).toBe(false);
  });
});
