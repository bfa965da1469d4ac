/**
 * No credential value and no Novu key ever appears in plain text: not in CLI output (with --diff),
 * not in errors, not in exported state, not in any file the run leaves behind (backend, history,
 * PULUMI_HOME), across create, update, preview, refresh, failure and destroy.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { type FrontEnd, FRONT_ENDS, integrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";

const NOVU_KEY = "nv-e2e-secret-key-4f1d9c2b";
const SECRETS = {
  sendgridKey: "SG.e2e-secret-sendgrid-7a61f0c3",
  rotatedKey: "SG.e2e-secret-rotated-19e4b2aa",
  twilioToken: "tw-e2e-secret-token-5c0e8d17",
  slackSecret: "slack-e2e-secret-key-2b7f4c91",
  slackSigning: "slack-e2e-secret-signing-8d3a6e05",
  badTypeKey: "SG.e2e-secret-in-a-failed-check-3b",
  /** Not a credential: the webhook signing key in `configurations`, secret on its own (the program never marks it). */
  webhookSigning: "whsec-e2e-secret-webhook-6f2c91d4",
};

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

function leaks(text: string): string[] {
  return [NOVU_KEY, ...Object.values(SECRETS)].filter((s) => text.includes(s));
}

const ctx = withPulumi();

/**
 * Both server generations for the dynamic front-end; the native one only against the current
 * server: which credentials the server echoes is the core's concern, not the front-end's.
 */
const SCANS: Array<[FrontEnd, "write-only" | "echo"]> = [
  ["dynamic", "write-only"],
  ["dynamic", "echo"],
  ["native", "write-only"],
];

/** Where `pulumi stack export` shows the Novu key (encrypted): the dynamic host's config, or the native provider resource's input. */
const KEY_IN_STATE: Record<FrontEnd, string> = { dynamic: "novu:secretKey", native: '"secretKey": {' };

describe.each(SCANS)("secrets stay secret (%s front-end, %s credentials)", (frontEnd, credentials) => {
  const emu: EmulatorHandle = withEmulator({ credentials, apiKey: NOVU_KEY });

  it("never shows a credential or the Novu key in output, errors, state or files", async () => {
    const transcript: string[] = [];
    const declarations = (apiKey: string) => ({
      mail: {
        providerId: "sendgrid",
        channel: "email" as const,
        primary: true,
        credentials: { apiKey, from: "a@acme.dev", senderName: "Acme" },
        configurations: { inboundWebhookEnabled: true, inboundWebhookSigningKey: SECRETS.webhookSigning },
      },
      sms: { providerId: "twilio", channel: "sms" as const, credentials: { accountSid: "AC-public-id", token: SECRETS.twilioToken, from: "+15550100" } },
      chat: { providerId: "slack", channel: "chat" as const, credentials: { applicationId: "A0", clientId: "1.2", secretKey: SECRETS.slackSecret, signingSecret: SECRETS.slackSigning } },
    });
    const s = await integrationsStack(ctx, emu, `secrets-${frontEnd}-${credentials}`, declarations(SECRETS.sendgridKey), {}, frontEnd);
    const record = (r: { stdout: string; stderr: string }) => transcript.push(r.stdout, r.stderr);

    record(await s.up({ diff: true }));
    s.declare(declarations(SECRETS.rotatedKey));
    record(await s.preview({ diff: true }));
    record(await s.up({ diff: true }));
    record(await s.refresh());
    // What `pulumi stack export` shows while the integrations exist (the provider's config included).
    const exported = await s.exportState();
    expect(exported).toContain(`"type": "${s.traits.type}"`);
    expect(exported).toContain(KEY_IN_STATE[frontEnd]);

    // A failing update: Novu answers 400 (not retried) to the PUT carrying the new key.
    await emu.control.fault({ method: "PUT", path: "/v1/integrations/:id", fault: { type: "status", status: 400, message: "forced by the test" }, times: 1 });
    s.declare(declarations(SECRETS.sendgridKey));
    await expect(s.up({ diff: true })).rejects.toThrow(/Novu answered 400: forced by the test/);
    // A failing check: a credential of the wrong type whose (secret) value must not be echoed.
    s.declare({ ...declarations(SECRETS.rotatedKey), mail: { ...declarations(SECRETS.rotatedKey).mail, credentials: { apiKey: [SECRETS.badTypeKey] as unknown as string, from: "a@acme.dev", senderName: "Acme" } } });
    const failedPreview = s.preview({ diff: true });
    await expect(failedPreview).rejects.toThrow(/credentials\.apiKey/);
    transcript.push(String(await failedPreview.catch((e: unknown) => e)));

    s.declare(declarations(SECRETS.rotatedKey));
    record(await s.destroy());

    // The emulator did receive the credentials: the scan below is not vacuous.
    expect((await emu.control.state()).find((i) => i.identifier === "sms")?.credentials).toMatchObject({ token: SECRETS.twilioToken });
    expect((await emu.control.state()).find((i) => i.identifier === "mail")?.configurations).toMatchObject({ inboundWebhookSigningKey: SECRETS.webhookSigning });

    expect(leaks(transcript.join("\n") + s.output.join(""))).toEqual([]);
    expect(leaks(exported)).toEqual([]);
    const files = filesUnder(ctx.dir);
    expect(files.length).toBeGreaterThan(3);
    expect(files.filter((f) => leaks(fs.readFileSync(f, "latin1")).length > 0)).toEqual([]);
  });
});

/**
 * Each operation's error path (create, update, set-primary, list, delete) is redacted in both
 * front-ends' runtimes (test/runtime/redaction.test.ts); what only the engine shows is that such
 * an error reaches the user's output as the provider answered it, and that no file the run leaves
 * (checkpoint, history, logs) keeps what the request carried.
 */
describe.each(FRONT_ENDS)("secrets stay secret when Novu (or a proxy) echoes the request in its errors (%s front-end)", (frontEnd) => {
  const emu: EmulatorHandle = withEmulator({ apiKey: NOVU_KEY });

  it("prints the echoed request of a failed create with the key and every credential blanked out, and keeps them out of every file", async () => {
    const mail = { providerId: "sendgrid", channel: "email" as const, primary: true, credentials: { apiKey: SECRETS.sendgridKey, from: "a@acme.dev", senderName: "Acme" } };
    const sms = { providerId: "twilio", channel: "sms" as const, credentials: { accountSid: "AC-public-id", token: SECRETS.twilioToken, from: "+15550100" } };
    const s = await integrationsStack(ctx, emu, `secrets-echo-${frontEnd}`, { mail, sms }, {}, frontEnd);

    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "echo" }, times: 1 });
    const error = String(await s.up().then(() => "no error", (e: unknown) => e));
    expect(error).toContain("Bad request POST /v1/integrations");
    expect(error).toContain('"authorization":"ApiKey [secret]"');
    expect(error).toMatch(/"(apiKey|token)":"\[secret\]"/);
    // The next run finishes the job, and destroy ends it.
    await s.up();
    await s.destroy();

    expect((await emu.control.requests()).filter((r) => r.fault === "echo").map((r) => r.method)).toEqual(["POST"]);
    expect(leaks(error + s.output.join(""))).toEqual([]);
    expect(filesUnder(ctx.dir).filter((f) => leaks(fs.readFileSync(f, "latin1")).length > 0)).toEqual([]);
  });
});
