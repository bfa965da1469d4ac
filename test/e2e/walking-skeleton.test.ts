/**
 * The product end to end: a real `pulumi up` creates, updates and promotes an integration in a
 * Novu emulator over HTTP; a no-op `up` sends no write; `destroy` deletes it.
 */
import { Integration } from "../../provider";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { novuConfig, withPulumi } from "../helpers/pulumi";

const WRITES = new Set(["POST", "PUT", "DELETE", "PATCH"]);

describe("walking skeleton through the real Pulumi engine", () => {
  const ctx = withPulumi();
  const emu: EmulatorHandle = withEmulator();

  it("creates, updates, makes primary, leaves alone and deletes an integration", async () => {
    let args = {
      providerId: "sendgrid",
      channel: "email" as const,
      name: "SendGrid",
      active: true,
      primary: false,
      credentials: { apiKey: "SG.first-key-000000000000000000", from: "no-reply@acme.dev", senderName: "Acme" },
    };
    const stack = await ctx.inlineStack("skeleton", async () => {
      const i = new Integration("transactional-email", args);
      return { integrationId: i.integrationId, primary: i.primary, name: i.name };
    }, novuConfig(emu.url, emu.environments.development.apiKey));

    // A primary email integration clicked together in the dashboard: Novu will not make ours primary on create.
    await emu.control.seed([{ providerId: "mailgun", channel: "email", active: true, primary: true, priority: 5, identifier: "dashboard-mailgun" }]);
    const created = await stack.up();
    expect(created.summary.resourceChanges).toMatchObject({ create: 3 });
    const createdOutputs = await stack.outputs();
    const id = createdOutputs.integrationId!.value as string;
    let stored = (await emu.control.state()).find((i) => i._id === id)!;
    expect(stored).toMatchObject({ identifier: "transactional-email", providerId: "sendgrid", channel: "email", name: "SendGrid", active: true, deleted: false });
    expect(stored.credentials).toMatchObject({ apiKey: "SG.first-key-000000000000000000", from: "no-reply@acme.dev" });

    // A changed field is applied with one PUT carrying only that field.
    await emu.control.clearRequests();
    args = { ...args, name: "SendGrid (transactional)" };
    const renamed = await stack.up();
    expect(renamed.summary.resourceChanges).toMatchObject({ update: 1 });
    let writes = (await emu.control.requests()).filter((r) => WRITES.has(r.method));
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /v1/integrations/${id}`]);
    stored = (await emu.control.state()).find((i) => i._id === id)!;
    expect(stored.name).toBe("SendGrid (transactional)");

    // primary: true calls set-primary, which takes the primary from the dashboard's mailgun.
    expect(createdOutputs.primary!.value).toBe(false);
    await emu.control.clearRequests();
    args = { ...args, primary: true };
    await stack.up();
    expect((await stack.outputs()).primary!.value).toBe(true);
    writes = (await emu.control.requests()).filter((r) => WRITES.has(r.method));
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /v1/integrations/${id}/set-primary`]);
    const primaries = (await emu.control.state()).filter((i) => i.channel === "email" && i.primary && !i.deleted);
    expect(primaries.map((i) => i._id)).toEqual([id]);

    // No change: no changes reported, no write sent. The `up` above ended with a clean preview; this
    // is the merge of a pull request that changed nothing, as CI runs it (one command).
    await emu.control.clearRequests();
    const again = await stack.upSkipPreview();
    expect(again.summary.resourceChanges).toEqual({ same: 3 });
    expect((await emu.control.requests()).filter((r) => WRITES.has(r.method))).toEqual([]);

    await stack.destroy();
    stored = (await emu.control.state()).find((i) => i._id === id)!;
    expect(stored.deleted).toBe(true);
  });
});
