/**
 * Reliability through the real engine: a large stack converges under injected faults on every
 * route (5xx, 429 with Retry-After, dropped connections, writes whose answer is lost) with no
 * duplicate integration; a non-retryable answer stops only its resource, with a clear message and
 * consistent state; and half-done writes are recorded so the next `up` only finishes them.
 */
import type { IntegrationArgs } from "../../provider";
import { type EmulatorHandle, type StateIntegration, withEmulator } from "../helpers/emulator";
import { type Declarations, FRONT_ENDS, integrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";

const ctx = withPulumi();
const emu: EmulatorHandle = withEmulator({ seed: 424242, resetBeforeEach: true });

type Channel = IntegrationArgs["channel"];
const PROVIDERS: Array<[providerId: string, channel: Channel, count: number, credentials: (name: string) => Record<string, string>]> = [
  ["sendgrid", "email", 4, (n) => ({ apiKey: `SG.${n}`, from: `${n}@acme.dev`, senderName: "Acme" })],
  ["postmark", "email", 2, (n) => ({ apiKey: `pm-${n}`, from: `${n}@acme.dev`, senderName: "Acme" })],
  ["resend", "email", 2, (n) => ({ apiKey: `re_${n}`, from: `${n}@acme.dev`, senderName: "Acme" })],
  ["mailgun", "email", 1, (n) => ({ apiKey: `mg-${n}`, user: "api", domain: "mg.acme.dev", from: `${n}@acme.dev`, senderName: "Acme" })],
  ["twilio", "sms", 3, (n) => ({ accountSid: `AC${n}`, token: `tw-${n}`, from: "+15550100" })],
  ["plivo", "sms", 2, (n) => ({ accountSid: `MA${n}`, token: `pl-${n}`, from: "+15550101" })],
  ["sms77", "sms", 2, (n) => ({ apiKey: `s77-${n}`, from: "Acme" })],
  ["termii", "sms", 1, (n) => ({ apiKey: `tm-${n}`, from: "Acme" })],
  ["slack", "chat", 3, (n) => ({ applicationId: `A-${n}`, clientId: `1.${n}`, secretKey: `sl-${n}`, signingSecret: `sg-${n}` })],
  ["discord", "chat", 3, () => ({})],
  ["mattermost", "chat", 2, () => ({})],
  ["msteams", "chat", 2, () => ({})],
  ["fcm", "push", 3, (n) => ({ serviceAccount: `{"project_id":"${n}"}` })],
  ["expo", "push", 3, (n) => ({ apiKey: `ex-${n}` })],
  ["novu", "in_app", 1, () => ({})],
];

/** 34 integrations: every channel, several providers each, a few inactive or named, one primary for email and one for sms. */
function fleet(): Declarations {
  const out: Declarations = {};
  let i = 0;
  for (const [providerId, channel, count, credentials] of PROVIDERS) {
    for (let k = 1; k <= count; k++, i++) {
      const name = `${providerId}-${k}`;
      out[name] = {
        providerId,
        channel,
        credentials: credentials(name),
        ...(name === "sendgrid-1" || name === "twilio-1" ? { primary: true } : {}),
        ...(i % 7 === 3 ? { active: false, credentials: {} } : {}),
        ...(i % 5 === 1 ? { name: `Fleet ${name}` } : {}),
      };
    }
  }
  return out;
}

/** About 20 % of API requests on every route get a fault: five rules of 4.4 % each (1 − 0.956⁵ ≈ 0.20). */
async function injectFaults(): Promise<void> {
  const rules = [
    { type: "status", status: 503 },
    { type: "status", status: 500 },
    { type: "rate-limit", retryAfterSeconds: 1 },
    { type: "drop" },
    { type: "apply-then-drop" },
  ] as const;
  for (const fault of rules) await emu.control.fault({ method: "*", path: "/v1/*", fault, probability: 0.044 });
}

/** What Novu holds must be what the stack declares: one live integration per identifier, nothing else. */
async function expectServerToMatch(declarations: Declarations): Promise<StateIntegration[]> {
  const live = (await emu.control.state()).filter((i) => !i.deleted);
  const byIdentifier = new Map<string, StateIntegration[]>();
  for (const doc of live) byIdentifier.set(doc.identifier, [...(byIdentifier.get(doc.identifier) ?? []), doc]);
  expect([...byIdentifier.entries()].filter(([, docs]) => docs.length > 1).map(([id]) => id)).toEqual([]);
  expect([...byIdentifier.keys()].sort()).toEqual(Object.keys(declarations).sort());
  for (const [identifier, args] of Object.entries(declarations)) {
    const doc = byIdentifier.get(identifier)![0]!;
    expect({ identifier, providerId: doc.providerId, channel: doc.channel, active: doc.active, credentials: doc.credentials }).toEqual({
      identifier,
      providerId: args.providerId,
      channel: args.channel,
      active: args.active ?? true,
      credentials: args.credentials ?? {},
    });
    if (args.name !== undefined) expect({ identifier, name: doc.name }).toEqual({ identifier, name: args.name });
    if (args.primary === true) expect({ identifier, primary: doc.primary }).toEqual({ identifier, primary: true });
  }
  return live;
}

/** `up` until it succeeds, at most `limit` times; returns how many it took. */
async function upUntilDone(s: { up(): Promise<unknown> }, limit: number): Promise<number> {
  for (let run = 1; ; run++) {
    try {
      await s.up();
      return run;
    } catch (err) {
      if (run >= limit) throw err;
    }
  }
}

describe.each(FRONT_ENDS)("the %s front-end", (frontEnd) => {
  // A stack's first `up` that only brings it to where a test starts (before a fault is injected) is
  // `upSkipPreview()`, one command: the runs under faults, and the runs after them, are `up()`'s whole shape.
  describe("under injected faults", () => {
    it("converges a 34-integration stack with no duplicate, through creates, updates and deletes, then previews clean", async () => {
      // Certain faults first, so every kind of lost answer is met whatever the draws: then 20 % at random.
      await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "apply-then-drop" }, times: 3 });
      await emu.control.fault({ method: "POST", path: "/v1/integrations/:id/set-primary", fault: { type: "apply-then-drop" }, times: 1 });
      await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "drop" }, times: 1 });
      await injectFaults();

      let declarations = fleet();
      expect(Object.keys(declarations)).toHaveLength(34);
      const s = await integrationsStack(ctx, emu, `faults-fleet-${frontEnd}`, declarations, {}, frontEnd);
      const createRuns = await upUntilDone(s, 3);
      expect(createRuns).toBeLessThanOrEqual(2);
      await expectServerToMatch(declarations);

      // Renames, deactivations, credential rotations, the email primary moving, two deletes and two additions.
      const { ["discord-3"]: _gone1, ["expo-3"]: _gone2, ...kept } = declarations;
      declarations = {
        ...kept,
        "sendgrid-1": { ...kept["sendgrid-1"]!, primary: false },
        "sendgrid-2": { ...kept["sendgrid-2"]!, primary: true },
        "postmark-1": { ...kept["postmark-1"]!, name: "Postmark (renamed)" },
        "slack-2": { ...kept["slack-2"]!, name: "Slack (renamed)" },
        "fcm-1": { ...kept["fcm-1"]!, name: "FCM (renamed)" },
        "twilio-2": { ...kept["twilio-2"]!, active: false, credentials: {} },
        "resend-1": { ...kept["resend-1"]!, credentials: { apiKey: "re_rotated", from: "r@acme.dev", senderName: "Acme" } },
        "plivo-1": { ...kept["plivo-1"]!, credentials: { accountSid: "MA-rotated", token: "pl-rotated", from: "+15550199" } },
        "postmark-3": { providerId: "postmark", channel: "email", credentials: { apiKey: "pm-3", from: "p3@acme.dev", senderName: "Acme" } },
        "discord-new": { providerId: "discord", channel: "chat" },
      };
      await emu.control.fault({ method: "PUT", path: "/v1/integrations/:id", fault: { type: "apply-then-drop" }, times: 2 });
      await emu.control.fault({ method: "DELETE", path: "/v1/integrations/:id", fault: { type: "apply-then-drop" }, times: 1 });
      s.declare(declarations);
      const updateRuns = await upUntilDone(s, 3);
      expect(updateRuns).toBeLessThanOrEqual(2);
      const live = await expectServerToMatch(declarations);
      expect(live.find((i) => i.identifier === "sendgrid-1")!.primary).toBe(false);

      // Refresh reads through the faults too; afterwards every output agrees with Novu, and nothing is left to do.
      await s.refresh();
      const recorded = await s.allResourceOutputs();
      for (const doc of live) {
        const outputs = recorded.get(doc.identifier);
        expect({ identifier: doc.identifier, id: outputs?.integrationId, primary: outputs?.primary, name: outputs?.name }).toEqual({
          identifier: doc.identifier,
          id: doc._id,
          primary: (await emu.control.state()).find((i) => i._id === doc._id)!.primary,
          name: doc.name,
        });
      }
      const preview = await s.preview();
      expect(preview.changeSummary).toEqual({ same: s.total(Object.keys(declarations).length) });

      // The faults really happened: every rule fired, the random ones many times.
      const hits = await emu.control.faults();
      const requests = await emu.control.requests();
      const randomHits = hits.filter((f) => f.probability < 1).reduce((sum, f) => sum + f.hits, 0);
      process.stdout.write(
        `faults: ${requests.length} API requests, ${requests.filter((r) => r.fault !== null).length} faulted (${randomHits} at random); ` +
          `up runs: ${createRuns} to create, ${updateRuns} to update\n`,
      );
      expect(hits.filter((f) => f.probability === 1).every((f) => f.remaining === 0)).toBe(true);
      expect(randomHits).toBeGreaterThanOrEqual(6);
    });
  });

  describe("a non-retryable answer", () => {
    const mail = (name: string): IntegrationArgs => ({
      providerId: "sendgrid",
      channel: "email",
      name,
      credentials: { apiKey: "SG.non-retryable", from: "a@acme.dev", senderName: "Acme" },
    });

    it("stops only its resource, with a message naming the operation, the status and Novu's message; the next run finishes", async () => {
      const s = await integrationsStack(ctx, emu, `faults-422-${frontEnd}`, { a: mail("A"), b: mail("B"), c: mail("C"), d: mail("D") }, {}, frontEnd);
      await s.upSkipPreview();
      const idOf = async (identifier: string) => (await s.resourceOutputs(identifier))!.integrationId as string;
      const bId = await idOf("b");
      await emu.control.fault({
        method: "PUT",
        path: `/v1/integrations/${bId}`,
        fault: { type: "status", status: 422, message: "name must be shorter than 5 characters" },
      });
      s.declare({ a: mail("A 2"), b: mail("B 2"), c: mail("C 2"), d: mail("D 2") });
      await emu.control.clearRequests();
      const failed = await s.up().catch((e: unknown) => e);
      // The engine's diagnostics name the resource, then our message: operation, status, Novu's message.
      expect(String(failed)).toContain(
        `${s.traits.type} (b):\n    error: update integration "b" (${bId}): Novu answered 422: name must be shorter than 5 characters\n`,
      );
      // Exactly one attempt at b: a 422 is an answer, not a fault.
      expect((await emu.control.requests()).filter((r) => r.path === `/v1/integrations/${bId}`)).toHaveLength(1);
      const names = async () => Object.fromEntries((await emu.control.state()).map((i) => [i.identifier, i.name]));
      // The engine stops scheduling steps at the first failure: updates already under way finish (how
      // many were depends on the machine's load), b is untouched, and state agrees with Novu for each.
      const afterFailure = await names();
      expect(afterFailure.b).toBe("B");
      const done = ["a", "c", "d"].filter((n) => afterFailure[n] === `${n.toUpperCase()} 2`);
      const recorded = await s.allResourceOutputs();
      for (const n of ["a", "b", "c", "d"]) expect(recorded.get(n)!.name).toBe(afterFailure[n]);

      await emu.control.clearFaults();
      await emu.control.clearRequests();
      await s.up();
      const pending = ["a", "b", "c", "d"].filter((n) => !done.includes(n));
      expect((await s.writes()).sort()).toEqual((await Promise.all(pending.map(idOf))).map((id) => `PUT /v1/integrations/${id}`).sort());
      expect(await names()).toEqual({ a: "A 2", b: "B 2", c: "C 2", d: "D 2" });
    });
  });

  describe("a write that half succeeded", () => {
    const fewRetries = { "novu:maxRetries": { value: "1" } };
    const sendgrid = (over: Partial<IntegrationArgs> = {}): IntegrationArgs => ({
      providerId: "sendgrid",
      channel: "email",
      credentials: { apiKey: "SG.half-done", from: "a@acme.dev", senderName: "Acme" },
      ...over,
    });

    it("records a create whose set-primary kept failing, and only makes it primary at the next up", async () => {
      await emu.control.seed([{ providerId: "mailgun", channel: "email", active: true, primary: true, priority: 1, identifier: "old-primary" }]);
      await emu.control.fault({ method: "POST", path: "/v1/integrations/:id/set-primary", fault: { type: "status", status: 503 } });
      const s = await integrationsStack(ctx, emu, `faults-partial-create-${frontEnd}`, { mail: sendgrid({ primary: true }) }, fewRetries, frontEnd);
      await expect(s.up()).rejects.toThrow(/was created but making it primary failed: .*Novu answered 503: Service Unavailable \(gave up after 2 attempts/s);
      const [created] = (await emu.control.state()).filter((i) => i.identifier === "mail");
      expect(created!.primary).toBe(false);
      // What the engine recorded of the half-done create keeps the credential secret, as a finished one does.
      const recorded = await s.exportState();
      expect(recorded).toContain(created!._id);
      expect(recorded).not.toContain("SG.half-done");
      await emu.control.clearFaults();
      await emu.control.clearRequests();
      await s.up();
      expect(await s.writes()).toEqual([`POST /v1/integrations/${created!._id}/set-primary`]);
      expect((await emu.control.state()).filter((i) => i.identifier === "mail")).toEqual([expect.objectContaining({ _id: created!._id, primary: true })]);
    });

    it("records an update whose set-primary kept failing, and only makes it primary at the next up", async () => {
      const s = await integrationsStack(ctx, emu, `faults-partial-update-${frontEnd}`, { a: sendgrid({ primary: true }), b: sendgrid({ name: "B" }) }, fewRetries, frontEnd);
      await s.upSkipPreview();
      const bId = (await s.resourceOutputs("b"))!.integrationId as string;
      await emu.control.fault({ method: "POST", path: `/v1/integrations/${bId}/set-primary`, fault: { type: "status", status: 503 } });
      s.declare({ a: sendgrid(), b: sendgrid({ name: "B (primary)", primary: true }) });
      await expect(s.up()).rejects.toThrow(new RegExp(`integration "b" \\(${bId}\\) was updated but making it primary failed: .*Novu answered 503`, "s"));
      expect(await s.resourceOutputs("b")).toMatchObject({ name: "B (primary)", primary: false });
      await emu.control.clearFaults();
      await emu.control.clearRequests();
      await s.up();
      expect(await s.writes()).toEqual([`POST /v1/integrations/${bId}/set-primary`]);
      expect((await emu.control.state()).find((i) => i._id === bId)).toMatchObject({ name: "B (primary)", primary: true });
    });
  });
});
