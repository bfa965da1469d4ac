/**
 * Moves of a channel's primary that Novu makes on its side and the engine's preview cannot show:
 * taking the primary from an integration the deployment does not declare, demoting one it does
 * (whose `primary` output is stale until a refresh), and deactivating or deleting the primary.
 */
import type { IntegrationArgs } from "../../provider";
import { Integration } from "../../provider";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { integrationsStack } from "../helpers/integrations-stack";
import { novuConfig, withPulumi } from "../helpers/pulumi";

const sendgrid = (over: Partial<IntegrationArgs> = {}): IntegrationArgs => ({
  providerId: "sendgrid",
  channel: "email",
  credentials: { apiKey: "SG.primary-moves-key-000000000000", from: "no-reply@acme.dev", senderName: "Acme" },
  ...over,
});

describe("primary moves", () => {
  const ctx = withPulumi();
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
  let n = 0;
  const stack = (declarations: Record<string, IntegrationArgs>) => integrationsStack(ctx, emu, `primary-moves-${++n}`, declarations);
  const dashboardPrimary = async () =>
    (await emu.control.seed([{ providerId: "mailgun", channel: "email", active: true, primary: true, priority: 1, identifier: "dashboard-mailgun" }]))[0]!;
  // An `up` that only brings a stack to where a test starts is `upSkipPreview()`, one command: the
  // move under test (its preview, its up) runs the whole shape.

  it("warns at preview, naming it, when primary: true takes the primary from an integration the deployment does not declare", async () => {
    const holder = await dashboardPrimary();
    const s = await stack({ mail: sendgrid({ primary: true }) });
    const preview = await s.preview();
    expect(preview.stdout).toContain(
      `warning: pulumi-novu: integration "mail" will take the email primary from "dashboard-mailgun" (mailgun, ${holder._id}), which this deployment does not declare: Novu will send email through "mail" instead`,
    );
    expect(await s.writes()).toEqual([]);
    // The pull request's preview was the line above.
    const up = await s.up({ preview: false });
    expect(up.stdout).toContain(`integration "mail" took the email primary from "dashboard-mailgun" (${holder._id})`);
    expect((await emu.control.state()).find((i) => i._id === holder._id)!.primary).toBe(false);
  });

  it("does not warn at preview when the deployment declares the integration it demotes, and says its output is stale until a refresh", async () => {
    // One after the other: Novu makes the first active email integration primary, so "old" must be first.
    const s = await stack({ old: sendgrid() });
    await s.upSkipPreview();
    s.declare({ old: sendgrid(), next: sendgrid() });
    await s.upSkipPreview();
    expect((await s.resourceOutputs("old"))!.primary).toBe(true);
    expect((await s.resourceOutputs("next"))!.primary).toBe(false);
    s.declare({ old: sendgrid(), next: sendgrid({ primary: true }) });
    const preview = await s.preview();
    expect(preview.stdout).not.toContain("will take the email primary");
    // The pull request's preview was the line above.
    const up = await s.up({ preview: false });
    expect(up.stdout).toMatch(/integration "next" took the email primary from "old" \([0-9a-f]{24}\); the engine does not update "old" in this `up`, so its `primary` output says true until `pulumi refresh`/);
    // What the notice says: stale until a refresh, then right.
    expect((await s.resourceOutputs("old"))!.primary).toBe(true);
    await s.refresh();
    expect((await s.resourceOutputs("old"))!.primary).toBe(false);
    expect((await s.resourceOutputs("next"))!.primary).toBe(true);
  });

  it("warns at preview when an update deactivates the channel's primary, naming it", async () => {
    const s = await stack({ mail: sendgrid({ primary: true }) });
    await s.upSkipPreview();
    s.declare({ mail: sendgrid({ active: false }) });
    await emu.control.clearRequests();
    const preview = await s.preview();
    expect(preview.stdout).toContain(
      'warning: pulumi-novu: integration "mail" is the email primary: deactivating it leaves the email channel without a primary (Novu promotes none). Set `primary: true` on another email integration',
    );
    // Known from the state: no lookup of the integrations (only which environment the key reaches, docs/environments.md).
    expect((await emu.control.requests()).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/environments/me"]);
  });

  it("warns when destroy deletes the channel's primary, naming it", async () => {
    const s = await stack({ mail: sendgrid({ primary: true }), other: sendgrid() });
    await s.upSkipPreview();
    const destroyed = await s.destroy();
    expect(destroyed.stdout).toContain('warning: pulumi-novu: integration "mail", the email primary, was deleted: the email channel has no primary now (Novu promotes none)');
    expect(destroyed.stdout).not.toContain('integration "other", the email primary');
  });

  it("still deploys when another declaration depends on the claimant's outputs, and says the declarations were not known", async () => {
    const holder = await dashboardPrimary();
    const s = await ctx.inlineStack(
      `primary-moves-${++n}`,
      async () => {
        const mail = new Integration("mail", sendgrid({ primary: true }));
        // Declared only once "mail" exists, so "mail" cannot wait for the whole set of declarations.
        new Integration("follower", sendgrid({ identifier: mail.integrationId.apply((id) => `follower-${id.slice(-6)}`) }));
      },
      novuConfig(emu.url, emu.environments.development.apiKey),
    );
    const up = await s.up();
    // The stack, its ledger and the two integrations.
    expect(up.summary.resourceChanges).toMatchObject({ create: 4 });
    expect(up.stdout).toContain(`integration "mail" will take the email primary from "dashboard-mailgun" (mailgun, ${holder._id}), which this deployment may not declare`);
  });
});
