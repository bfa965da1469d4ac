/**
 * The root project: integrations declared in stack config only (YAML + secrets set with
 * `--secret --path`), run by the real CLI through the language host.
 */
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { configStack } from "../helpers/config-stack";
import { withPulumi } from "../helpers/pulumi";
import { packageRoot } from "../../tools/package-root";

const SENDGRID_KEY = "SG.config-driven-secret-0001";
const TWILIO_TOKEN = "twilio-config-driven-secret-0002";

describe("the root project's config-driven program", () => {
  const ctx = withPulumi();
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
  const root = packageRoot(__dirname);

  it("declares one integration per entry, credentials from secret config, and summarises without secrets", async () => {
    const s = await configStack(
      ctx,
      root,
      `e2e-${process.pid}-a`,
      {
        "novu:apiUrl": emu.url,
        "pulumi-novu:integrations": {
          "transactional-email": { providerId: "sendgrid", channel: "email", primary: true, credentials: { from: "a@acme.dev", senderName: "Acme" } },
          "alerts-sms": { providerId: "twilio", channel: "sms", primary: true, credentials: { accountSid: "AC1", from: "+15550100" } },
          "ops-chat": { providerId: "slack", channel: "chat", active: false, credentials: { applicationId: "A0", clientId: "1.2" } },
        },
      },
      {
        "novu:secretKey": emu.environments.development.apiKey,
        "pulumi-novu:integrations.transactional-email.credentials.apiKey": SENDGRID_KEY,
        "pulumi-novu:integrations.alerts-sms.credentials.token": TWILIO_TOKEN,
      },
    );
    try {
      const up = await s.up();
      const state = await emu.control.state();
      expect(state.map((i) => [i.identifier, i.providerId, i.active, i.primary]).sort()).toEqual([
        ["alerts-sms", "twilio", true, true],
        ["ops-chat", "slack", false, false],
        ["transactional-email", "sendgrid", true, true],
      ]);
      expect(state.find((i) => i.identifier === "transactional-email")!.credentials).toEqual({ apiKey: SENDGRID_KEY, from: "a@acme.dev", senderName: "Acme" });
      const recorded = await s.outputs();
      expect(recorded.primaryByChannel!.value).toEqual({ email: "transactional-email", sms: "alerts-sms" });
      expect(recorded.managed!.value["ops-chat"]).toMatchObject({ providerId: "slack", channel: "chat", active: false, primary: false });
      const outputs = JSON.stringify(recorded);
      expect(outputs).not.toContain(SENDGRID_KEY);
      expect(outputs).not.toContain(TWILIO_TOKEN);
      await s.destroy();
    } finally {
      await s.remove();
    }
  });

  it("reports every config problem with its path at preview, with no write to Novu", async () => {
    const s = await configStack(
      ctx,
      root,
      `e2e-${process.pid}-b`,
      {
        "novu:apiUrl": emu.url,
        "pulumi-novu:integrations": {
          "bad-channel": { providerId: "sendgrid", channel: "fax" },
          "typo-provider": { providerId: "twillio", channel: "sms" },
          "not-a-map": "sendgrid",
        },
      },
      { "novu:secretKey": emu.environments.development.apiKey },
    );
    try {
      const preview = s.preview();
      await expect(preview).rejects.toThrow(/integrations\.bad-channel\.channel: /);
      const message = String(await preview.catch((e: unknown) => e));
      expect(message).toContain('integrations.typo-provider.providerId: unknown Novu provider "twillio"; did you mean "twilio"?');
      expect(message).toContain("integrations.not-a-map: must be a map of settings");
      expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
    } finally {
      await s.remove();
    }
  });
});
