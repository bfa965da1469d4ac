/**
 * A pull request's preview fails where the deploy would: every invalid `novu:*` setting, and a
 * missing key, stop `pulumi preview` (even one that only creates), naming the setting and never
 * its value, before any request to Novu.
 */
import type * as automation from "@pulumi/pulumi/automation";
import { withEmulator } from "../helpers/emulator";
import { integrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";

jest.setTimeout(600_000);

const ctx = withPulumi();
const emu = withEmulator({ resetBeforeEach: true });

const KEY = "nv-provider-config-secret-key-91c4";
const MAIL = { mail: { providerId: "sendgrid", channel: "email" as const, credentials: { apiKey: "SG.cfg", from: "a@acme.dev", senderName: "Acme" } } };

/** Setting → a bad value a user could type. The three examples come first. */
const BAD_SETTINGS: Record<string, string> = {
  region: "mars",
  apiUrl: "127.0.0.1:4010",
  maxRetries: "lots",
  requestTimeoutMs: "50",
  operationTimeoutMs: "two-minutes",
  maxRequestsPerSecond: "-1",
  movedFrom: "last-tuesday",
};

function config(settings: Record<string, string>): automation.ConfigMap {
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [`novu:${k}`, { value: v }]));
}

async function previewFailure(extra: automation.ConfigMap, project: string): Promise<string> {
  const s = await integrationsStack(ctx, emu, project, MAIL, { "novu:secretKey": { value: KEY, secret: true }, ...extra });
  if (extra["novu:secretKey"]?.value === "") await s.stack.removeConfig("novu:secretKey");
  return s.preview().then(
    () => "(preview passed)",
    (e: unknown) => String(e),
  );
}

describe("provider configuration is checked at preview", () => {
  it(`rejects ${Object.keys(BAD_SETTINGS).length} invalid settings in one preview, each named, no value shown, no request sent`, async () => {
    const message = await previewFailure(config(BAD_SETTINGS), "cfg-table");
    const unnamed = Object.keys(BAD_SETTINGS).filter((k) => !message.includes(`novu:${k} `));
    expect({ unnamed, message }).toEqual({ unnamed: [], message: expect.stringContaining("invalid Novu provider configuration") });
    const shown = Object.values(BAD_SETTINGS).filter((v) => v.length > 3 && message.includes(v));
    expect(shown).toEqual([]);
    expect(message).not.toContain(KEY);
    expect(await emu.control.requests()).toEqual([]);
  });

  it.each([
    ["region", "mars"],
    ["apiUrl", "127.0.0.1:4010"],
    ["maxRetries", "lots"],
  ])("fails the preview of novu:%s %s (the issue's example) on its own", async (setting, value) => {
    const message = await previewFailure(config({ [setting]: value }), `cfg-${setting.toLowerCase()}`);
    expect(message).toMatch(new RegExp(`invalid Novu provider configuration: novu:${setting} `));
    expect(message).not.toContain(value);
    expect(message).not.toContain(KEY);
  });

  it("fails a preview without novu:secretKey, saying how to set it", async () => {
    const message = await previewFailure({ "novu:secretKey": { value: "" } }, "cfg-nokey");
    expect(message).toContain("novu:secretKey is not set: run `pulumi config set --secret novu:secretKey <key>`");
    expect(await emu.control.requests()).toEqual([]);
  });

  it("still previews a valid configuration without calling Novu when it only creates", async () => {
    const s = await integrationsStack(ctx, emu, "cfg-valid", MAIL, config({ region: "eu", apiUrl: emu.url, maxRetries: "0", movedFrom: emu.environments.production.id }));
    // The stack, its ledger and the integration.
    expect((await s.preview()).changeSummary).toEqual({ create: 3 });
    expect(await emu.control.requests()).toEqual([]);
  });
});
