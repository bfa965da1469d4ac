/**
 * The README's sentences on secrets ("Secrets and rotation", docs/secrets.md), one test each, on
 * one config-driven stack in order (as a user would go: up, look at the state, rotate). The other
 * sentences are shown by secrets.test.ts (no secret in output, errors, echoed requests, files) and
 * plaintext-secrets.test.ts (plain secrets refused at preview).
 */
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { type ConfigStack, configStack } from "../helpers/config-stack";
import { withPulumi } from "../helpers/pulumi";
import { packageRoot } from "../../tools/package-root";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const FIRST = "SG.readme-first-5d20";
const ROTATED = "SG.readme-rotated-88c1";

const ctx = withPulumi();

describe("the README on secrets", () => {
  const emu: EmulatorHandle = withEmulator();
  const stackName = `e2e-${process.pid}-readme`;
  let s: ConfigStack;
  let integrationId: string;
  const exported = async () => JSON.parse(await s.exportState()).deployment.resources as Array<{ type: string; urn: string; inputs?: any; outputs?: any }>;
  const mail = async () => (await exported()).find((r) => r.type === "pulumi-nodejs:dynamic/novu:Integration")!;

  beforeAll(async () => {
    s = await configStack(
      ctx,
      packageRoot(__dirname),
      stackName,
      { "novu:apiUrl": emu.url, "pulumi-novu:integrations": { mail: { providerId: "sendgrid", channel: "email", credentials: { from: "a@acme.dev", senderName: "Acme" } } } },
      { "novu:secretKey": emu.environments.development.apiKey, "pulumi-novu:integrations.mail.credentials.apiKey": FIRST },
    );
    // Setup only, one command (`upSkipPreview()`): the tests read the state it leaves, not its output.
    await s.upSkipPreview();
    integrationId = (await emu.control.state())[0]!._id;
  }, 600_000);
  let destroyed = false;
  afterAll(async () => {
    // The last test destroys the stack; this is for a run that failed before it.
    if (!destroyed) await s.destroy().catch(() => undefined);
    await s.remove();
  }, 600_000);

  it("`credentials` are secret in inputs, outputs and state", async () => {
    const resource = await mail();
    expect(resource.inputs.credentials).toMatchObject({ [SECRET_SIG]: expect.any(String), ciphertext: expect.any(String) });
    expect(resource.outputs.credentials).toMatchObject({ [SECRET_SIG]: expect.any(String), ciphertext: expect.any(String) });
    expect(JSON.stringify(await exported())).not.toContain(FIRST);
  });

  it("the Novu key is encrypted in stack config and in the default provider's state, and in no integration's state", async () => {
    const resources = await exported();
    const holding = resources.filter((r) => JSON.stringify(r).includes("novu:secretKey"));
    expect(holding.map((r) => r.type)).toEqual(["pulumi:providers:pulumi-nodejs"]);
    expect(holding[0]!.inputs["novu:secretKey"]).toMatchObject({ [SECRET_SIG]: expect.any(String), ciphertext: expect.any(String) });
    expect(JSON.stringify(resources)).not.toContain(emu.environments.development.apiKey);
    const { stdout } = await s.cli(["config", "--stack", stackName, "--json"]);
    expect(JSON.parse(stdout)["novu:secretKey"]).toMatchObject({ secret: true });
  });

  it("a credential changed in the dashboard cannot be seen by refresh: the state keeps what was last written", async () => {
    await emu.control.patchIntegration(integrationId, { credentials: { apiKey: "SG.changed-in-dashboard", from: "a@acme.dev", senderName: "Acme" } });
    await s.refresh();
    // The stack, its ledger and the integration.
    expect((await s.preview()).changeSummary).toEqual({ same: 3 });
    const shown = (await s.stack.exportStack()).deployment.resources.find((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/novu:Integration");
    // `exportStack()` shows secrets (--show-secrets): `{<sig>, plaintext: "<json>"}`.
    expect(JSON.parse(shown.outputs.credentials.plaintext)).toMatchObject({ apiKey: FIRST });
  });

  it("rotating a provider credential with `config set --secret --path` is one PUT carrying the new credentials", async () => {
    expect((await s.cli(["config", "set", "--stack", stackName, "--secret", "--path", "integrations.mail.credentials.apiKey", ROTATED])).code).toBe(0);
    await emu.control.clearRequests();
    await s.up();
    expect((await emu.control.requests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path} ${r.bodyKeys}`)).toEqual([`PUT /v1/integrations/${integrationId} credentials`]);
    expect((await emu.control.state())[0]!.credentials).toMatchObject({ apiKey: ROTATED });
  });

  it("rotating the Novu key changes no resource; `up` records it (sending nothing), and only then do refresh and destroy use it", async () => {
    // Regenerated in Novu's dashboard: the old key is refused from now on, so which key a call carries shows.
    const rotated = "nv-readme-rotated-key";
    await emu.control.regenerateApiKey(emu.environments.development.id, rotated);
    expect((await s.cli(["config", "set", "--stack", stackName, "--secret", "novu:secretKey", rotated])).code).toBe(0);
    // preview uses the new key at once.
    expect((await s.preview()).changeSummary).toEqual({ same: 3 });
    // refresh runs the provider recorded in the state: still the old key, and it says what to do.
    const stale = String(await s.refresh().then(() => "no error", (e: unknown) => e));
    expect(stale).toMatch(/Novu answered 401: API Key not found.*run `pulumi up` first, or pass `--run-program`/s);
    expect(stale).not.toContain(rotated);
    // What it says works: refresh with the program's (new) configuration.
    expect((await s.refresh({ runProgram: true })).summary.result).toBe("succeeded");
    await emu.control.clearRequests();
    expect((await s.up()).summary.resourceChanges).toEqual({ same: 3 });
    // Nothing written: only which environment the new key reaches (docs/environments.md), asked once
    // by each command of the `up` (its preview before, the up, the clean preview after).
    expect(new Set((await emu.control.requests()).map((r) => `${r.method} ${r.path}`))).toEqual(new Set(["GET /v1/environments/me"]));
    expect((await s.refresh()).summary.result).toBe("succeeded");
    // And destroy, which also runs the recorded provider, deletes with the new key.
    await s.destroy();
    destroyed = true;
    expect((await emu.control.state()).filter((i) => !i.deleted)).toEqual([]);
  });
});
