/**
 * A pull request's preview fails where the deploy would: every invalid `novu:*` setting, and a
 * missing key, stop `pulumi preview` (even one that only creates), naming the setting and never
 * its value, before any request to Novu. A valid configuration is then tried once per provider
 * process: a key Novu refuses or a URL nothing answers at fails the preview of new integrations,
 * and the preview says which environment and server the stack writes to (docs/environments.md).
 */
import * as net from "node:net";
import * as path from "node:path";
import type * as automation from "@pulumi/pulumi/automation";
import * as novu from "pulumi-novu/native";
import { packageRoot } from "../../tools/package-root";
import { withEmulator } from "../helpers/emulator";
import { FRONT_ENDS, integrationsStack } from "../helpers/integrations-stack";
import { novuConfig, withPulumi } from "../helpers/pulumi";

jest.setTimeout(600_000);

const ctx = withPulumi();
const emu = withEmulator({ resetBeforeEach: true });

const KEY = "nv-provider-config-secret-key-91c4";
const MAIL = { mail: { providerId: "sendgrid", channel: "email" as const, credentials: { apiKey: "SG.cfg", from: "a@acme.dev", senderName: "Acme" } } };

/** Setting → a bad value a user could type. The issue's three examples come first. */
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

  it("previews a valid configuration that only creates with one request to Novu: the key's environment", async () => {
    const s = await integrationsStack(ctx, emu, "cfg-valid", MAIL, config({ region: "eu", apiUrl: emu.url, maxRetries: "0", movedFrom: emu.environments.production.id }));
    // The stack, its ledger and the integration.
    expect((await s.preview()).changeSummary).toEqual({ create: 3 });
    expect((await emu.control.requests()).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/environments/me"]);
  });
});

/** Two new integrations: a per-resource check would show twice in the requests and the output. */
const TWO = {
  ...MAIL,
  sms: { providerId: "twilio", channel: "sms" as const, credentials: { accountSid: "AC1", token: "tw-cfg-token", from: "+15550100" } },
};

const requestLines = async () => (await emu.control.requests()).map((r) => `${r.method} ${r.path}`);

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(FRONT_ENDS)("a new stack's preview checks the key and the URL (%s front-end)", (frontEnd) => {
  it("fails on a key Novu refuses, naming novu:secretKey and the command that fixes it, with one request", async () => {
    const mistyped = "nv-dev-kee-mistyped-3f1a";
    const s = await integrationsStack(ctx, emu, `cfg-badkey-${frontEnd}`, TWO, { "novu:secretKey": { value: mistyped, secret: true } }, frontEnd);
    const message = await s.preview().then(
      () => "(preview passed)",
      (e: unknown) => String(e),
    );
    expect(message).toContain(`novu:secretKey: Novu at ${emu.url} refused the key from stack config novu:secretKey (401: API Key not found), so \`pulumi up\` would fail too`);
    expect(message).toContain("`pulumi config set --secret novu:secretKey <key>`");
    expect(message + s.output.join("")).not.toContain(mistyped);
    expect(await requestLines()).toEqual(["GET /v1/environments/me"]);
    expect(await emu.control.state()).toEqual([]);
  });

  it("fails within seconds on an apiUrl nothing listens on, naming novu:apiUrl and the command", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const s = await integrationsStack(ctx, emu, `cfg-nothing-${frontEnd}`, TWO, { "novu:apiUrl": { value: url } }, frontEnd);
    const started = Date.now();
    const message = await s.preview().then(
      () => "(preview passed)",
      (e: unknown) => String(e),
    );
    const seconds = (Date.now() - started) / 1000;
    expect(message).toMatch(/novu:apiUrl: read the key's environment: no answer from Novu \(ECONNREFUSED\): 127\.0\.0\.1:\d+ refused the connection, so nothing was sent; check novu:apiUrl and that the server is running \(3 attempts in [\d.]+ s; the URL is from stack config novu:apiUrl\)/);
    expect(message).toContain("If the URL is wrong: `pulumi config set novu:apiUrl <URL of the Novu API>`");
    // The CLI itself takes a few seconds; the check is three quick attempts, not minutes of retries.
    expect(seconds).toBeLessThan(45);
  });

  it("says once which Novu environment, organization and server it writes to, and where the key and URL came from", async () => {
    const s = await integrationsStack(ctx, emu, `cfg-target-${frontEnd}`, TWO, {}, frontEnd);
    const preview = await s.preview();
    expect(preview.changeSummary).toEqual({ create: s.total(2) });
    const dev = emu.environments.development;
    const notice =
      `pulumi-novu: writes to Novu environment "Development" (${dev.id}) of organization ${emu.organizationId} at ${emu.url} ` +
      "(key from stack config novu:secretKey; URL from stack config novu:apiUrl)";
    // The display echoes a diagnostic beside the resource and lists it under Diagnostics: one message.
    const diagnostics = preview.stdout.slice(preview.stdout.indexOf("Diagnostics:"));
    expect(diagnostics.split(notice).length - 1).toBe(1);
    expect(diagnostics.match(/pulumi-novu: writes to/g)).toHaveLength(1);
    // About the provider process, so under the stack, not under whichever resource's check learnt it.
    expect(diagnostics).toMatch(/pulumi:pulumi:Stack \([^)]*\):\n\s+pulumi-novu: writes to/);
    expect(await requestLines()).toEqual(["GET /v1/environments/me"]);
  });
});

describe("a native Provider that names no secretKey", () => {
  it("says at preview that its key came from NOVU_SECRET_KEY of the shell, and which environment that key reaches", async () => {
    const prod = emu.environments.production;
    const s = await ctx.inlineStack(
      "cfg-shell-key",
      async () => {
        const shell = new novu.Provider("shell", { apiUrl: emu.url });
        new novu.Integration("mail", MAIL.mail, { provider: shell });
      },
      novuConfig(emu.url, emu.environments.development.apiKey),
      { plugins: { providers: [{ name: "novu", path: path.join(packageRoot(__dirname), "bin") }] } },
    );
    (s.stack.workspace as automation.LocalWorkspace).envVars.NOVU_SECRET_KEY = prod.apiKey;
    // The program's own environment has it too, as a CLI-run program inherits the shell's (an inline
    // program runs in this process): the Provider class leaves it to the provider process, so it is
    // neither a plain-text input (which Configure would refuse) nor reported as an argument.
    process.env.NOVU_SECRET_KEY = prod.apiKey;
    const preview = await s.preview().finally(() => delete process.env.NOVU_SECRET_KEY);
    expect(preview.stdout).toContain(
      `pulumi-novu: writes to Novu environment "Production" (${prod.id}) of organization ${emu.organizationId} at ${emu.url} ` +
        '(key from the environment variable NOVU_SECRET_KEY; URL from the apiUrl argument of provider "shell")',
    );
    expect(preview.stdout).not.toContain(prod.apiKey);
  });
});
