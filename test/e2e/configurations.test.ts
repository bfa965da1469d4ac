/**
 * `configurations` through the real engine (issue "Current Novu"): declared on create, sent alone
 * and only when changed, Novu's drift seen at refresh, the webhook signing key secret everywhere and
 * write-only like credentials. Runs against the current server (signing key never returned) and
 * the older one that echoes credentials and configurations; configurations left undeclared, on
 * the current server only.
 */
import type { IntegrationArgs } from "../../provider";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { integrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";

const SIGNING_KEY = "whsec-configurations-e2e-5a1f";
const ROTATED_SIGNING_KEY = "whsec-configurations-e2e-77c2";

const mail = (configurations: IntegrationArgs["configurations"]): IntegrationArgs => ({
  providerId: "sendgrid",
  channel: "email",
  credentials: { apiKey: "SG.configurations-e2e", from: "no-reply@acme.dev", senderName: "Acme" },
  configurations,
});
const ses = (configurationSetName: string): IntegrationArgs => ({
  providerId: "ses",
  channel: "email",
  credentials: { apiKey: "AKIA-e2e", secretKey: "ses-secret-e2e", region: "eu-west-1", from: "no-reply@acme.dev", senderName: "Acme" },
  configurations: { inboundWebhookEnabled: true, configurationSetName },
});

const ctx = withPulumi();

describe.each([
  ["the current server (signing key never returned)", "write-only" as const],
  ["the older server (echoes credentials)", "echo" as const],
])("configurations on %s", (_label, credentials) => {
  const emu: EmulatorHandle = withEmulator({ credentials, resetBeforeEach: true });

  it("round-trips, sends a change alone, sees drift at refresh, and never shows the signing key", async () => {
    const s = await integrationsStack(ctx, emu, `configurations-${credentials}`, {
      mail: mail({ inboundWebhookEnabled: true, inboundWebhookSigningKey: SIGNING_KEY }),
      "ses-mail": ses("novu-events"),
    });
    await s.up();
    const stored = async (identifier: string) => (await emu.control.state()).find((i) => i.identifier === identifier && !i.deleted)!;
    expect((await stored("mail")).configurations).toEqual({ inboundWebhookEnabled: true, inboundWebhookSigningKey: SIGNING_KEY });
    expect((await stored("ses-mail")).configurations).toEqual({ inboundWebhookEnabled: true, configurationSetName: "novu-events" });
    // (Each `up` ends with `pulumi preview --expect-no-changes`: a round-trip that did not settle fails there.)

    // Rotating the signing key and renaming the configuration set: each a PUT carrying configurations alone.
    // (Every kind of change, `{}` clearing them included, is test/runtime/one-put.test.ts, on both front-ends.)
    s.declare({ mail: mail({ inboundWebhookEnabled: true, inboundWebhookSigningKey: ROTATED_SIGNING_KEY }), "ses-mail": ses("novu-events-v2") });
    await s.preview({ diff: true });
    await emu.control.clearRequests();
    await s.up({ preview: false }); // the pull request's preview was the line above
    expect((await emu.control.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.bodyKeys}`)).toEqual(["PUT configurations", "PUT configurations"]);
    expect((await stored("mail")).configurations).toEqual({ inboundWebhookEnabled: true, inboundWebhookSigningKey: ROTATED_SIGNING_KEY });
    expect((await stored("ses-mail")).configurations).toEqual({ inboundWebhookEnabled: true, configurationSetName: "novu-events-v2" });

    // Changed in the dashboard: refresh sees it, up puts it back, also the signing key Novu did not show.
    await emu.control.patchIntegration((await stored("mail"))._id, { configurations: { inboundWebhookEnabled: false } });
    await s.refresh();
    expect((await s.preview()).changeSummary).toEqual({ same: 3, update: 1 });
    await s.up({ preview: false }); // previewed on the line above
    expect((await stored("mail")).configurations).toEqual({ inboundWebhookEnabled: true, inboundWebhookSigningKey: ROTATED_SIGNING_KEY });

    // The signing keys appear nowhere a user or CI log sees: CLI output, diffs, errors, `pulumi stack export`.
    const exported = await s.exportState();
    for (const key of [SIGNING_KEY, ROTATED_SIGNING_KEY]) {
      expect(s.output.join("\n")).not.toContain(key);
      expect(exported).not.toContain(key);
    }
    // The rest stays readable for a reviewer.
    expect(s.output.join("\n")).toContain("novu-events-v2");
    await s.destroy();
  });
});

/**
 * Once, on the current server: both generations list the seeded `{inboundWebhookEnabled: true}`
 * alike (no signing key to echo), so the server axis adds nothing here.
 */
describe("configurations the program does not declare", () => {
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });

  it("leaves Novu's configurations alone when the program does not declare them", async () => {
    const [seeded] = await emu.control.seed([
      { providerId: "sendgrid", channel: "email", identifier: "dashboard-mail", active: true, configurations: { inboundWebhookEnabled: true } },
    ]);
    const s = await integrationsStack(ctx, emu, "configurations-unmanaged", { "dashboard-mail": { ...mail(undefined), adopt: true } });
    await s.up();
    await s.refresh();
    expect((await s.preview()).changeSummary).toEqual({ same: 3 });
    expect((await emu.control.state()).find((i) => i._id === seeded!._id)!.configurations).toEqual({ inboundWebhookEnabled: true });
  });
});
