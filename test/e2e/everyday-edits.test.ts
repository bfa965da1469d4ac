/**
 * The everyday change: an existing stack edited as a team edits it, on both front-ends. A running
 * stack is walked through the edits a team makes to it day after day (test/helpers/steps.ts), each
 * run as a pull request and its merge do: `pulumi preview --diff` (asserted: what the reviewer sees,
 * with no internal plumbing), `pulumi up` with its own preview, then `pulumi preview
 * --expect-no-changes` (the helper's `up`). Two stories per front-end: integrations that come and
 * go, and integrations that change in place. The config-driven program's edits are in
 * config-driven-edits.test.ts.
 */
import type { IntegrationArgs } from "../../provider";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { type Declarations, FRONT_ENDS, type IntegrationsStack, integrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";
import { step } from "../helpers/steps";

const ctx = withPulumi();

const MAIL_KEY = "SG.everyday-mail-key-000000000000";
const ROTATED_KEY = "SG.everyday-rotated-key-0000000000";

const mail = (over: Partial<IntegrationArgs> = {}): IntegrationArgs => ({
  providerId: "sendgrid",
  channel: "email",
  credentials: { apiKey: MAIL_KEY, from: "no-reply@acme.dev", senderName: "Acme" },
  ...over,
});
const backupMail = (over: Partial<IntegrationArgs> = {}): IntegrationArgs => ({
  providerId: "postmark",
  channel: "email",
  credentials: { apiKey: "pm-everyday-key", from: "no-reply@acme.dev", senderName: "Acme" },
  ...over,
});
const sms = (over: Partial<IntegrationArgs> = {}): IntegrationArgs => ({
  providerId: "twilio",
  channel: "sms",
  credentials: { accountSid: "AC-everyday", token: "twilio-everyday-token", from: "+15550100" },
  ...over,
});

/** Names of internal inputs and state, which a reviewer must never have to read. */
const PLUMBING = /ledgerEntry|declaredPrimaryPeers|primaryClaimConflict|plaintextNovuKey|__ledger|__declared|__urn/;

describe.each(FRONT_ENDS)("a running stack edited as a team does (%s front-end)", (frontEnd) => {
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
  let n = 0;

  /** A running stack of `initial`, set up with one `up`: what is under test is each edit after it. */
  async function running(initial: Declarations): Promise<IntegrationsStack> {
    const s = await integrationsStack(ctx, emu, `everyday-${frontEnd}-${++n}`, initial, {}, frontEnd);
    await s.upSkipPreview();
    return s;
  }

  /**
   * The edit's pull request (`pulumi preview --diff`), then its merge: `up` with its preview, and a
   * clean preview. The writes of the merge are `s.writes()` afterwards.
   */
  async function edit(s: IntegrationsStack, next: Declarations): Promise<{ preview: Awaited<ReturnType<IntegrationsStack["preview"]>> }> {
    s.declare(next);
    const preview = await s.preview({ diff: true });
    expect(preview.stdout).not.toMatch(PLUMBING);
    await emu.control.clearRequests();
    // The pull request's preview was the line above.
    const up = await s.up({ preview: false });
    expect(up.stdout).not.toMatch(PLUMBING);
    return { preview };
  }

  const alive = async () =>
    (await emu.control.state())
      .filter((i) => !i.deleted)
      .map((i) => i.identifier)
      .sort();
  const stored = async (identifier: string) => (await emu.control.state()).find((i) => !i.deleted && i.identifier === identifier)!;

  it("adds, replaces, removes and adopts integrations, each edit previewed, applied and previewing clean", async () => {
    const s = await running({ mail: mail(), sms: sms() });

    await step("adds an integration beside the running ones", async () => {
      const { preview } = await edit(s, { mail: mail(), sms: sms(), backup: backupMail() });
      expect(preview.changeSummary).toMatchObject({ create: 1 });
      expect(await alive()).toEqual(["backup", "mail", "sms"]);
    });

    await step("replaces an integration whose provider changes, the old one deleted first", async () => {
      const oldId = (await stored("mail"))._id;
      const { preview } = await edit(s, { mail: backupMail({ identifier: "mail" }), sms: sms(), backup: backupMail() });
      expect(preview.changeSummary).toMatchObject({ replace: 1 });
      // The identifier stays, and Novu holds it once: the old integration goes first.
      expect(await s.writes()).toEqual([`DELETE /v1/integrations/${oldId}`, "POST /v1/integrations"]);
      expect((await emu.control.state()).filter((i) => !i.deleted && i.identifier === "mail").map((i) => i.providerId)).toEqual(["postmark"]);
    });

    await step("removes an integration and deletes it in Novu", async () => {
      const { preview } = await edit(s, { mail: backupMail({ identifier: "mail" }), backup: backupMail() });
      expect(preview.changeSummary).toMatchObject({ delete: 1 });
      expect(await alive()).toEqual(["backup", "mail"]);
    });

    await step("adopts an integration made in the dashboard, then refreshes and previews clean", async () => {
      const [legacy] = await emu.control.seed([{ providerId: "sendgrid", channel: "email", active: true, name: "Legacy", identifier: "legacy-mail" }]);
      const next = { mail: backupMail({ identifier: "mail" }), backup: backupMail(), legacy: mail({ identifier: "legacy-mail", name: "Legacy", adopt: true }) };
      // What the provider says about a resource is shown under that resource, not under the stack
      // (in `pulumi preview`'s Diagnostics, which `--diff` does not print).
      s.declare(next);
      expect((await s.preview()).stdout).toMatch(/Diagnostics:[\s\S]*\n\s+\S+Integration \(legacy\):\n\s+warning: pulumi-novu: integration "legacy-mail" exists in Novu/);
      await edit(s, next);
      // Taken over, not created: one PUT of what differs (the declared credentials).
      expect(await s.writes()).toEqual([`PUT /v1/integrations/${legacy!._id}`]);
      expect((await s.resourceOutputs("legacy"))!.integrationId).toBe(legacy!._id);
      await s.refresh();
      const after = await s.preview({ expectNoChanges: true, diff: true });
      expect(after.stdout).not.toMatch(PLUMBING);
      expect(await alive()).toEqual(["backup", "legacy-mail", "mail"]);
    });
  });

  it("renames, re-identifies, rotates, deactivates, re-primaries and reorders integrations in place, each edit previewed, applied and previewing clean", async () => {
    const s = await running({ mail: mail({ primary: true, name: "Mail" }), sms: sms(), backup: backupMail() });
    const ids = { mail: (await stored("mail"))._id, sms: (await stored("sms"))._id };
    let current: Declarations = { mail: mail({ primary: true, name: "Mail" }), sms: sms(), backup: backupMail() };
    const next = async (declarations: Declarations) => {
      current = declarations;
      return edit(s, declarations);
    };

    await step("renames an integration in place", async () => {
      const { preview } = await next({ ...current, mail: mail({ primary: true, name: "Transactional mail" }) });
      expect(preview.changeSummary).toMatchObject({ update: 1 });
      expect(preview.stdout).toMatch(/~ name\s*: "Mail" => "Transactional mail"/);
      expect((await stored("mail")).name).toBe("Transactional mail");
    });

    await step("changes an identifier in place", async () => {
      await next({ ...current, sms: sms({ identifier: "alerts-sms" }) });
      expect((await emu.control.state()).find((i) => i._id === ids.sms)!.identifier).toBe("alerts-sms");
      expect(await alive()).toEqual(["alerts-sms", "backup", "mail"]);
    });

    await step("rotates a credential, previewed without its value", async () => {
      const { preview } = await next({ ...current, mail: mail({ primary: true, name: "Transactional mail", credentials: { apiKey: ROTATED_KEY, from: "no-reply@acme.dev", senderName: "Acme" } }) });
      expect(preview.changeSummary).toMatchObject({ update: 1 });
      expect(preview.stdout).not.toContain(ROTATED_KEY);
      expect(s.output.join("\n")).not.toContain(ROTATED_KEY);
      expect((await stored("mail")).credentials.apiKey).toBe(ROTATED_KEY);
    });

    await step("deactivates an integration, then activates it again", async () => {
      await next({ ...current, sms: sms({ identifier: "alerts-sms", active: false }) });
      expect((await stored("alerts-sms")).active).toBe(false);
      await next({ ...current, sms: sms({ identifier: "alerts-sms", active: true }) });
      expect((await stored("alerts-sms")).active).toBe(true);
    });

    await step("moves the email primary to another integration", async () => {
      const { primary: _moved, ...mailArgs } = current.mail!;
      const { preview } = await next({ ...current, mail: mailArgs, backup: backupMail({ primary: true }) });
      expect(preview.changeSummary).toMatchObject({ update: 1 });
      expect((await emu.control.state()).filter((i) => !i.deleted && i.primary).map((i) => i.identifier)).toEqual(["backup"]);
      // The demoted integration's state follows Novu at the next refresh, and the stack stays clean.
      await s.refresh();
      await s.preview({ expectNoChanges: true });
    });

    await step("reorders declarations with no change at all", async () => {
      const { preview } = await next(Object.fromEntries(Object.entries(current).reverse()));
      expect(Object.keys(preview.changeSummary).filter((k) => k !== "same")).toEqual([]);
      expect(await s.writes()).toEqual([]);
    });

    await step("edits every kind of field at once and ends clean after a refresh", async () => {
      await next({ ...current, backup: backupMail({ primary: true, name: "Backup v2" }), sms: sms({ identifier: "sms-alerts", active: false }), receipts: backupMail() });
      await s.refresh();
      await s.preview({ expectNoChanges: true });
      expect(await alive()).toEqual(["backup", "mail", "receipts", "sms-alerts"]);
      expect((await stored("mail"))._id).toBe(ids.mail);
    });
  });
});

describe("an integration brought in by `pulumi import` (native front-end)", () => {
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });

  it("refreshes the next morning and still previews clean, then takes an edit", async () => {
    const [found] = await emu.control.seed([
      { providerId: "postmark", channel: "email", active: true, name: "Billing", identifier: "billing-mail", credentials: { apiKey: "pm-dashboard-key", from: "billing@acme.dev", senderName: "Acme" } },
    ]);
    const s = await integrationsStack(ctx, emu, "everyday-imported", {}, {}, "native");
    await s.up();
    const imported = await ctx.runCli(["import", "novu:index:Integration", "billing-mail", found!._id, "--yes", "--protect=false", "--generate-code=false", "--stack", "test"], s.stack.workspace.workDir);
    if (imported.code !== 0) throw new Error(imported.stdout + imported.stderr);
    // As docs/native-provider.md says for TypeScript projects (no code generation); the program then
    // declares what was imported: no credentials, Novu keeps its own.
    s.declare({ "billing-mail": { providerId: "postmark", channel: "email", name: "Billing", identifier: "billing-mail" } });
    await s.preview({ expectNoChanges: true });
    await s.refresh();
    await s.preview({ expectNoChanges: true });
    // The scheduled drift check of examples/gitops.
    await s.preview({ expectNoChanges: true, refresh: true });
    s.declare({ "billing-mail": { providerId: "postmark", channel: "email", name: "Billing (renamed)", identifier: "billing-mail" } });
    await s.up();
    const stored = (await emu.control.state()).find((i) => i._id === found!._id)!;
    expect(stored.name).toBe("Billing (renamed)");
    expect(stored.credentials).toMatchObject({ apiKey: "pm-dashboard-key" });
  });
});
