/**
 * What a user reads when something goes wrong, through the real CLI: a host that does not resolve
 * is reported as such, never as a create that "may have happened", naming the setting the URL came
 * from. That errors name the integration's identifier (not only Novu's id) and give Novu's own
 * message rather than the JSON it wraps it in is the core's wording, shown on both front-ends in
 * test/runtime/identifier-and-gone.test.ts; the engine prints it as the provider answered it
 * (test/e2e/faults.test.ts, "a non-retryable answer", and secrets.test.ts).
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
