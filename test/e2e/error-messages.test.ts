/**
 * What a user reads when something goes wrong, through the real CLI: errors name the resource's
 * identifier (not only Novu's id), Novu's own message rather than the JSON it wraps it in, and a
 * host that does not resolve is reported as such, never as a create that "may have happened".
 */
import type { LocalWorkspace } from "@pulumi/pulumi/automation";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { integrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";

const ctx = withPulumi();
const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });

const mail = (over: Record<string, unknown> = {}) => ({
  providerId: "sendgrid",
  channel: "email" as const,
  credentials: { apiKey: "SG.messages-test-key", from: "a@acme.dev", senderName: "Acme" },
  ...over,
});

describe("error messages", () => {
  it("shows the message of a failed credential check, not Novu's JSON string", async () => {
    await emu.control.settings({ emailCheck: "fail" });
    const s = await integrationsStack(ctx, emu, "messages-check", { checked: mail({ check: true }) });
    const failed = String(await s.up().catch((e: unknown) => e));
    expect(failed).toContain('create integration "checked": Novu answered 400: the credential check failed (failed): Email provider check failed (forced by the emulator)');
    expect(failed).not.toContain('{\\"success\\"');
    expect(failed).not.toContain('{"success"');
  });

  it("names the identifier of an integration whose update or delete failed", async () => {
    const s = await integrationsStack(ctx, emu, "messages-names", { named: mail() });
    // Setup only, one command (`upSkipPreview()`): the failing update and delete are under test.
    await s.upSkipPreview();
    const id = (await s.resourceOutputs("named"))!.integrationId as string;
    await emu.control.fault({ method: "PUT", path: "/v1/integrations/:id", fault: { type: "status", status: 400, message: "forced by the test" }, times: 1 });
    s.declare({ named: mail({ name: "Renamed" }) });
    expect(String(await s.up().catch((e: unknown) => e))).toContain(`update integration "named" (${id}): Novu answered 400: forced by the test`);
    await emu.control.fault({ method: "DELETE", path: "/v1/integrations/:id", fault: { type: "status", status: 400, message: "forced by the test" }, times: 1 });
    expect(String(await s.destroy().catch((e: unknown) => e))).toContain(`delete integration "named" (${id}): Novu answered 400: forced by the test`);
    await s.destroy();
  });

  it("says a host that does not resolve received nothing, and suggests checking novu:apiUrl", async () => {
    const s = await integrationsStack(ctx, emu, "messages-dns", { nowhere: mail() }, { "novu:apiUrl": { value: "http://novu-api.invalid" } });
    const failed = String(await s.up().catch((e: unknown) => e));
    expect(failed).toContain("novu-api.invalid does not resolve, so nothing was sent; check novu:apiUrl");
    // The URL came from novu:apiUrl: novu:region played no part.
    expect(failed).not.toContain("novu:region");
    expect(failed).not.toContain("may have happened");
    expect((await s.stack.exportStack()).deployment.resources?.filter((r: { type: string }) => r.type.endsWith("novu:Integration")) ?? []).toEqual([]);
  });

  it("names NOVU_API_URL, not a stack setting the user did not use, when the URL came from the environment", async () => {
    const s = await integrationsStack(ctx, emu, "messages-dns-env", { nowhere: mail() });
    await s.stack.removeConfig("novu:apiUrl");
    (s.stack.workspace as LocalWorkspace).envVars.NOVU_API_URL = "http://novu-api.invalid";
    const failed = String(await s.up().catch((e: unknown) => e));
    expect(failed).toContain("novu-api.invalid does not resolve, so nothing was sent; check NOVU_API_URL");
    expect(failed).not.toContain("check novu:apiUrl");
    expect(failed).not.toContain("novu:region");
  });
});
