/**
 * Routing `rules` through the real CLI on both front-ends (issue 18): declared rules round-trip,
 * rules changed in Novu are seen by `refresh` and put back by `up`, and a rule Novu would refuse
 * fails at preview before anything is written. What a rule may say is unit-tested (test/unit/rules.test.ts).
 */
import type { IntegrationArgs } from "../../provider";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { FRONT_ENDS, integrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";

const ctx = withPulumi();

const tenantIs = (tenant: string) => ({ "==": [{ var: "context.tenant.id" }, tenant] });
const mail = (rules: IntegrationArgs["rules"]): IntegrationArgs => ({
  providerId: "sendgrid",
  channel: "email",
  credentials: { apiKey: "SG.rules-e2e-key", from: "no-reply@acme.dev", senderName: "Acme" },
  rules,
});

describe.each(FRONT_ENDS)("routing rules (%s front-end)", (frontEnd) => {
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
  const stored = async () => (await emu.control.state()).find((i) => i.identifier === "mail" && !i.deleted)!;

  it("creates an integration with its rules, and the next preview is clean", async () => {
    const s = await integrationsStack(ctx, emu, `rules-create-${frontEnd}`, { mail: mail(tenantIs("acme")) }, {}, frontEnd);
    await s.up();
    expect((await stored()).rules).toEqual(tenantIs("acme"));
    // Novu's create does not store rules, so a PUT of them alone follows the POST.
    expect((await emu.control.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.method === "PUT" ? r.bodyKeys : r.path}`)).toEqual([
      "POST /v1/integrations",
      "PUT rules",
    ]);
  });

  it("sees rules changed in Novu at refresh, and up puts the declared ones back", async () => {
    const s = await integrationsStack(ctx, emu, `rules-drift-${frontEnd}`, { mail: mail(tenantIs("acme")) }, {}, frontEnd);
    // Setup only, one command (`upSkipPreview()`): the refresh and the up after it are under test.
    await s.upSkipPreview();
    // A dashboard edit: the same PUT Novu's dashboard sends.
    const changed = await emu.api("PUT", `/v1/integrations/${(await stored())._id}`, { rules: tenantIs("globex") });
    expect(changed.status).toBe(200);

    await s.refresh();
    expect((await s.resourceOutputs("mail"))!.rules).toEqual(tenantIs("globex"));
    const preview = await s.preview({ diff: true });
    expect(preview.changeSummary).toMatchObject({ update: 1 });
    expect(preview.stdout).toMatch(/~ rules\s*:/);

    await emu.control.clearRequests();
    // The pull request's preview was the line above.
    await s.up({ preview: false });
    // One PUT, carrying the rules alone.
    expect((await emu.control.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.bodyKeys}`)).toEqual(["PUT rules"]);
    expect((await stored()).rules).toEqual(tenantIs("acme"));
  });

  it("fails at preview on a rule Novu would refuse, naming it, with nothing written", async () => {
    const s = await integrationsStack(ctx, emu, `rules-refused-${frontEnd}`, { mail: mail({ "==": [{ var: "payload.region" }, "eu"] }) }, {}, frontEnd);
    await emu.control.clearRequests();
    const failure = await s.preview().then(
      () => undefined,
      (err: Error) => err.message,
    );
    expect(failure).toContain('rules["=="][0].var: variable "payload.region" is refused by Novu in integration rules (payload.* is no longer writable)');
    expect(await s.writes()).toEqual([]);
  });
});
