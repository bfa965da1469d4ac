/**
 * The emulator's switches: credential visibility, the success status of update and set-primary,
 * list scoping, and rate limiting being off by default.
 */
import { Novu } from "@novu/api";
import { SDKError } from "@novu/api/models/errors";
import { withEmulator, type EmulatorHandle } from "../helpers/emulator";
import { createIntegration, listIntegrations, stored } from "./fixtures";

async function seedOne(emu: EmulatorHandle, spec: Record<string, unknown>): Promise<string> {
  const [created] = await emu.control.seed([{ _environmentId: emu.environments.development.id, ...spec } as any]);
  return created._id;
}

describe("credentials: write-only (default)", () => {
  const emu = withEmulator({ resetBeforeEach: true });

  it("never returns credentials, from any route", async () => {
    const secret = { apiKey: "SG.secret" };
    const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", credentials: secret });
    const keep = await createIntegration(emu, { providerId: "mailgun", channel: "email", credentials: secret });
    const answers = [
      data,
      (await emu.api("PUT", `/v1/integrations/${data._id}`, { credentials: secret })).body.data,
      (await emu.api("POST", `/v1/integrations/${data._id}/set-primary`)).body.data,
      ...(await listIntegrations(emu)),
      ...(await listIntegrations(emu, "/v1/integrations/active")),
      ...(await emu.api("DELETE", `/v1/integrations/${data._id}`)).body.data,
    ];
    expect(answers.map((a) => a.credentials)).toEqual(answers.map(() => ({})));
    expect(JSON.stringify(answers)).not.toContain("SG.secret");
    expect((await stored(emu, keep._id)).credentials).toEqual(secret);
  });
});

describe("credentials: echo (the older server)", () => {
  const emu = withEmulator({ resetBeforeEach: true, credentials: "echo" });

  it("returns decrypted credentials and the signing key to API keys", async () => {
    const data = await createIntegration(emu, {
      providerId: "sendgrid",
      channel: "email",
      credentials: { apiKey: "SG.secret" },
      configurations: { inboundWebhookSigningKey: "whsec" },
    });
    expect(data.credentials).toEqual({ apiKey: "SG.secret" });
    expect(data.configurations).toEqual({ inboundWebhookSigningKey: "whsec" });
    expect((await listIntegrations(emu))[0].credentials).toEqual({ apiKey: "SG.secret" });
    const updated = await emu.api("PUT", `/v1/integrations/${data._id}`, { credentials: { apiKey: "SG.other" } });
    expect(updated.body.data.credentials).toEqual({ apiKey: "SG.other" });
  });
});

describe("setPrimaryStatus: 201 and updateStatus: 201 (as reported on Novu Cloud)", () => {
  const emu = withEmulator({ resetBeforeEach: true, setPrimaryStatus: 201, updateStatus: 201 });

  it("answers 201 to set-primary and to update", async () => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
    expect((await emu.api("PUT", `/v1/integrations/${id}`, { name: "Renamed" })).status).toBe(201);
    expect((await emu.api("POST", `/v1/integrations/${id}/set-primary`)).status).toBe(201);
  });

  it("makes the SDK reject the 201 even though the write happened (novu-ts #125)", async () => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
    const novu = new Novu({ secretKey: emu.environments.development.apiKey, serverURL: emu.url, retryConfig: { strategy: "none" } });
    const error = await novu.integrations.setAsPrimary(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SDKError);
    expect((error as SDKError).statusCode).toBe(201);
    // The SDK's response hook has already unwrapped `{data}` (2xx), so the body is the entity itself.
    expect(JSON.parse((error as SDKError).body)).toMatchObject({ _id: id, primary: true });
    expect((await stored(emu, id)).primary).toBe(true);
  });
});

describe("default statuses", () => {
  const emu = withEmulator({ resetBeforeEach: true });

  it("answers 200 to set-primary and to update", async () => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
    expect((await emu.api("PUT", `/v1/integrations/${id}`, { name: "Renamed" })).status).toBe(200);
    expect((await emu.api("POST", `/v1/integrations/${id}/set-primary`)).status).toBe(200);
  });

  it("sends no rate-limit headers while rate limiting is off", async () => {
    for (let n = 0; n < 200; n++) {
      const response = await emu.api("GET", "/v1/integrations");
      expect(response.status).toBe(200);
      expect(response.headers["ratelimit-limit"]).toBeUndefined();
    }
  });
});

describe("scoping: organization (the 2026-04 server)", () => {
  const emu = withEmulator({ resetBeforeEach: true, scoping: "organization" });
  const prod = () => emu.environments.production.id;

  it("lists the integrations of every environment of the organization", async () => {
    await seedOne(emu, { providerId: "sendgrid", channel: "email" });
    await seedOne(emu, { providerId: "mailgun", channel: "email", _environmentId: prod(), active: true });
    expect((await listIntegrations(emu)).map((i) => i.providerId)).toEqual(["sendgrid", "mailgun"]);
    expect((await listIntegrations(emu, "/v1/integrations/active")).map((i) => i.providerId)).toEqual(["mailgun"]);
  });

  it("lets a key change, promote and delete another environment's integration", async () => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", _environmentId: prod() });
    expect((await emu.api("PUT", `/v1/integrations/${id}`, { name: "Prod" })).status).toBe(200);
    expect((await emu.api("POST", `/v1/integrations/${id}/set-primary`)).status).toBe(200);
    const deleted = await emu.api("DELETE", `/v1/integrations/${id}`);
    expect(deleted.status).toBe(200);
    expect(await stored(emu, id)).toMatchObject({ name: "Prod", primary: true, deleted: true });
  });

  it("answers 404 for an environment outside the organization", async () => {
    const response = await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email", _environmentId: "0123456789abcdef01234567" });
    expect(response.status).toBe(404);
    expect(response.body.message).toBe("Environment with id 0123456789abcdef01234567 not found");
  });

  it("moves an integration between environments without recalculating primaries", async () => {
    await seedOne(emu, { providerId: "mailgun", channel: "email", _environmentId: prod(), active: true, primary: true, priority: 1 });
    const moving = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: true });
    await emu.api("PUT", `/v1/integrations/${moving._id}`, { _environmentId: prod() });
    const prodPrimaries = (await emu.control.state()).filter((i) => i._environmentId === prod() && i.primary);
    expect(prodPrimaries).toHaveLength(2);
  });
});
