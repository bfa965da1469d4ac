/**
 * Behaviour of the integrations API beyond the real server's e2e checklist: validation bodies
 * (§3.5, §7), the update payload rules (§5.4), environment scoping, soft delete, the email check,
 * response shapes (§4.2), and the state-machine outcomes the server does not guard against (§6.5).
 */
import { withEmulator, type EmulatorHandle } from "../helpers/emulator";
import { NOT_FOUND_ID, createIntegration, listIntegrations, ranks, stored } from "./fixtures";

const emu = withEmulator({ resetBeforeEach: true });
const dev = () => emu.environments.development;
const prod = () => emu.environments.production;

async function seedOne(target: EmulatorHandle, spec: Record<string, unknown>): Promise<string> {
  const [created] = await target.control.seed([{ _environmentId: target.environments.development.id, ...spec } as any]);
  return created._id;
}

async function validationMessages(method: string, path: string, body: unknown): Promise<string[]> {
  const response = await emu.api(method, path, body);
  expect(response.status).toBe(422);
  return response.body.errors.general.messages;
}

describe("request validation (422)", () => {
  it("answers the ValidationPipe body with class-validator messages for a missing providerId and channel", async () => {
    const response = await emu.api("POST", "/v1/integrations?x=1", {});
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      statusCode: 422,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      path: "/v1/integrations?x=1",
      message: "Validation Error",
      ctx: {},
      errors: {
        general: {
          messages: [
            "providerId should not be null or undefined",
            "providerId must be a string",
            "channel should not be null or undefined",
            "channel must be one of the following values: in_app, email, sms, chat, push, tool",
          ],
          value: "No Value Recorded",
        },
      },
    });
  });

  it.each([
    [{ channel: "fax" }, "channel must be one of the following values: in_app, email, sms, chat, push, tool"],
    [{ active: "true" }, "active must be a boolean value"],
    [{ check: 1 }, "check must be a boolean value"],
    [{ name: 5 }, "name must be a string"],
    [{ identifier: [] }, "identifier must be a string"],
    [{ _environmentId: "dev" }, "_environmentId must be a mongodb id"],
    [{ conditions: {} }, "conditions must be an array"],
    [{ configurations: [] }, "configurations must be an object"],
    [{ credentials: "secret" }, "nested property credentials must be either object or array"],
    [{ credentials: { port: 587 } }, "credentials.port must be a string"],
    [{ credentials: { secure: "yes" } }, "credentials.secure must be a boolean value"],
    [{ credentials: { tlsOptions: "strict" } }, "credentials.tlsOptions must be an object"],
    [{ kind: "robot" }, "kind must be one of the following values: delivery, agent"],
  ])("rejects %j on create", async (override, message) => {
    const messages = await validationMessages("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email", ...override });
    expect(messages).toEqual([message]);
  });

  it("validates the update body the same way", async () => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
    expect(await validationMessages("PUT", `/v1/integrations/${id}`, { active: "no", credentials: { apiKey: 1 } })).toEqual([
      "credentials.apiKey must be a string",
      "active must be a boolean value",
    ]);
  });

  it.each([
    ["PUT", "UpdateIntegrationCommand", { name: "x" }],
    ["DELETE", "RemoveIntegrationCommand", undefined],
  ])("answers 422 for a %s on an id that is not an ObjectId", async (method, command, body) => {
    const response = await emu.api(method, "/v1/integrations/not-an-id", body);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      message: `Validation failed for ${command}: integrationId: integrationId must be a mongodb id`,
      errors: { integrationId: { messages: ["integrationId must be a mongodb id"], value: "not-an-id" } },
    });
  });

  it('turns the credential booleans "true"/"false" into booleans', async () => {
    const data = await createIntegration(emu, { providerId: "nodemailer", channel: "email", credentials: { secure: "true", ignoreTls: "false" } });
    expect((await stored(emu, data._id)).credentials).toEqual({ secure: true, ignoreTls: false });
  });

  it("drops unknown credential keys and ignores unknown body properties", async () => {
    const data = await createIntegration(emu, {
      providerId: "sendgrid",
      channel: "email",
      removeNovuBranding: true,
      credentials: { apiKey: "SG.x", bogus: "dropped", hmacSecretKeyEncoding: "hex" },
    });
    expect((await stored(emu, data._id)).credentials).toEqual({ apiKey: "SG.x", hmacSecretKeyEncoding: "hex" });
  });

  it("answers 400 for a body that is not valid JSON", async () => {
    const broken = await fetch(`${emu.url}/v1/integrations`, {
      method: "POST",
      headers: { authorization: `ApiKey ${dev().apiKey}`, "content-type": "application/json" },
      body: '{"providerId":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ statusCode: 400, error: "Bad Request" });
  });

  it("ignores a body sent without a JSON content type, as Express does", async () => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
    const response = await fetch(`${emu.url}/v1/integrations/${id}`, {
      method: "PUT",
      headers: { authorization: `ApiKey ${dev().apiKey}`, "content-type": "text/plain" },
      body: JSON.stringify({ name: "Renamed" }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe("No properties found for update");
  });
});

describe("create defaults", () => {
  it.each([
    ["nodemailer", "Custom SMTP", /^custom-smtp-[0-9A-Za-z_-]{7,14}$/],
    ["novu", "Novu Inbox", /^novu-inbox-[0-9A-Za-z_-]{7,14}$/],
    ["fooBar", "FooBar", /^foo-bar-[0-9A-Za-z_-]{7,14}$/],
  ])("names %s after the catalogue (or capitalizes it) and slugifies the identifier", async (providerId, name, identifier) => {
    const data = await createIntegration(emu, { providerId, channel: providerId === "novu" ? "in_app" : "email" });
    expect(data.name).toBe(name);
    expect(data.identifier).toMatch(identifier);
  });

  it("keeps an explicit empty name", async () => {
    const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", name: "" });
    expect(data.name).toBe("");
  });

  it("stores active false, no conditions and kind delivery by default", async () => {
    const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email" });
    expect(data).toMatchObject({ active: false, conditions: [], kind: "delivery", deleted: false, __v: 0 });
  });

  it("creates an agent integration without a channel and without primary logic", async () => {
    const data = await createIntegration(emu, { providerId: "novu-anthropic", kind: "agent", active: true });
    expect(data).toMatchObject({ kind: "agent", priority: 0, primary: false, active: true });
    expect(data.channel).toBeUndefined();
  });

  it("allows the same identifier in another environment", async () => {
    await createIntegration(emu, { providerId: "sendgrid", channel: "email", identifier: "shared" });
    const other = await createIntegration(emu, { providerId: "sendgrid", channel: "email", identifier: "shared" }, prod().apiKey);
    expect(other._environmentId).toBe(prod().id);
  });
});

describe("update payload rules", () => {
  it.each([[{}], [{ check: false }], [{ name: "" }], [{ identifier: "same" }]])("answers 400 No properties found for update for %j", async (body) => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", identifier: "same" });
    const response = await emu.api("PUT", `/v1/integrations/${id}`, body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ message: "No properties found for update", error: "Bad Request" });
  });

  it("ignores an empty name next to other changes", async () => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", name: "Kept" });
    const response = await emu.api("PUT", `/v1/integrations/${id}`, { name: "", active: true });
    expect(response.body.data).toMatchObject({ name: "Kept", active: true });
  });

  it("clears the configurations with {}", async () => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", configurations: { inboundWebhookEnabled: true } });
    await emu.api("PUT", `/v1/integrations/${id}`, { configurations: {} });
    expect((await stored(emu, id)).configurations).toEqual({});
  });

  it("clears the conditions with [] without restoring primary", async () => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, primary: true, priority: 1 });
    await emu.api("PUT", `/v1/integrations/${id}`, { conditions: [{ children: [{ on: "tenant", field: "identifier", value: "a", operator: "EQUAL" }] }] });
    await emu.api("PUT", `/v1/integrations/${id}`, { conditions: [] });
    expect(await stored(emu, id)).toMatchObject({ conditions: [], primary: false, priority: 1 });
  });

  it("checks identifier uniqueness across the organization on update", async () => {
    await seedOne(emu, { providerId: "sendgrid", channel: "email", identifier: "in-prod", _environmentId: prod().id });
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
    const response = await emu.api("PUT", `/v1/integrations/${id}`, { identifier: "in-prod" });
    expect(response.status).toBe(409);
  });

  it("keeps the top priority of a primary that conditions un-primaried", async () => {
    const primary = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, primary: true, priority: 2 });
    const other = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, priority: 5 });
    await emu.api("PUT", `/v1/integrations/${primary}`, { conditions: [{ children: [] }] });
    expect(await ranks(emu, primary, other)).toEqual([
      { priority: 2, primary: false, active: true },
      { priority: 1, primary: false, active: true },
    ]);
  });
});

describe("environment scoping of API keys (current server)", () => {
  it.each([
    ["update", "PUT", "", { name: "x" }],
    ["delete", "DELETE", "", undefined],
    ["set as primary", "POST", "/set-primary", undefined],
  ])("refuses to %s an integration of another environment", async (action, method, suffix, body) => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", _environmentId: prod().id });
    const response = await emu.api(method, `/v1/integrations/${id}${suffix}`, body);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      error: "Forbidden",
      message:
        `API key authentication is scoped to a single environment and cannot ${action} an integration that belongs to a different environment. ` +
        "Use an API key from the integration's environment, or authenticate with a session token.",
    });
    expect(await stored(emu, id)).toMatchObject({ deleted: false, primary: false, name: "SendGrid" });
  });

  it("refuses a foreign _environmentId before validating the integration id", async () => {
    const response = await emu.api("PUT", "/v1/integrations/not-an-id", { _environmentId: prod().id });
    expect(response.status).toBe(403);
  });
});

describe("the email provider check", () => {
  it("passes check: true on email by default", async () => {
    const response = await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email", check: true });
    expect(response.status).toBe(201);
  });

  it("answers the provider's JSON-string 400 when the test control forces the failure, and stores nothing", async () => {
    await emu.control.settings({ emailCheck: "fail", emailCheckError: { code: "bad_credentials", message: "Unauthorized" } });
    const response = await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email", check: true });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body.message)).toEqual({ success: false, code: "bad_credentials", message: "Unauthorized" });
    expect(await emu.control.state()).toEqual([]);
  });

  it("checks only email: sms passes even when the failure is forced", async () => {
    await emu.control.settings({ emailCheck: "fail" });
    const response = await emu.api("POST", "/v1/integrations", { providerId: "twilio", channel: "sms", check: true });
    expect(response.status).toBe(201);
  });

  it("fails the check on update too, leaving the integration unchanged", async () => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", name: "Before" });
    await emu.control.settings({ emailCheck: "fail" });
    const response = await emu.api("PUT", `/v1/integrations/${id}`, { name: "After", check: true });
    expect(response.status).toBe(400);
    expect((await stored(emu, id)).name).toBe("Before");
  });

  it("has no handler for an unknown email provider", async () => {
    const response = await emu.api("POST", "/v1/integrations", { providerId: "carrier-pigeon", channel: "email", check: true });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe("Handler for provider was not found");
  });
});

describe("soft delete", () => {
  it("answers 404 to a second delete", async () => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
    expect((await emu.api("DELETE", `/v1/integrations/${id}`)).status).toBe(200);
    const again = await emu.api("DELETE", `/v1/integrations/${id}`);
    expect(again.status).toBe(404);
    expect(again.body.message).toBe(`Entity with id ${id} not found`);
  });

  it("frees the identifier of a deleted integration", async () => {
    const first = await createIntegration(emu, { providerId: "sendgrid", channel: "email", identifier: "reused" });
    await emu.api("DELETE", `/v1/integrations/${first._id}`);
    const second = await createIntegration(emu, { providerId: "sendgrid", channel: "email", identifier: "reused" });
    expect(second._id).not.toBe(first._id);
  });

  it("answers the remaining integrations of the caller's environment, without the id virtual", async () => {
    const keep = await seedOne(emu, { providerId: "mailgun", channel: "email" });
    await seedOne(emu, { providerId: "ses", channel: "email", _environmentId: prod().id });
    const target = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
    const response = await emu.api("DELETE", `/v1/integrations/${target}`);
    expect(response.body.data.map((i: any) => i._id)).toEqual([keep]);
    expect(response.body.data[0]).not.toHaveProperty("id");
  });

  it("leaves the group without a primary after deleting the primary", async () => {
    const primary = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, primary: true, priority: 2 });
    const other = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, priority: 1 });
    await emu.api("DELETE", `/v1/integrations/${primary}`);
    expect(await ranks(emu, other)).toEqual([{ priority: 1, primary: false, active: true }]);
  });
});

describe("outcomes the real server does not guard against (§6.5)", () => {
  it("makes a new active integration primary when the highest active one is not primary", async () => {
    const other = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, priority: 4 });
    const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: true });
    expect(data).toMatchObject({ priority: 5, primary: true });
    expect(await ranks(emu, other)).toEqual([{ priority: 4, primary: false, active: true }]);
  });

  it("lets a group end with zero primaries after the primary is deactivated", async () => {
    const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: true });
    await createIntegration(emu, { providerId: "mailgun", channel: "email", active: true });
    await emu.api("PUT", `/v1/integrations/${data._id}`, { active: false });
    const active = await listIntegrations(emu, "/v1/integrations/active");
    expect(active.filter((i) => i.primary)).toEqual([]);
  });

  it("lets a primary keep the conditions it was created with", async () => {
    const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: true, conditions: [{ children: [] }] });
    expect(data).toMatchObject({ primary: true, priority: 1 });
    expect(data.conditions).toHaveLength(1);
  });

  it("leaves an inactive primary primary when another integration is set as primary", async () => {
    const inactivePrimary = await seedOne(emu, { providerId: "mailgun", channel: "email", active: false, primary: true });
    const target = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
    await emu.api("POST", `/v1/integrations/${target}/set-primary`);
    expect(await ranks(emu, inactivePrimary, target)).toEqual([
      { priority: 0, primary: true, active: false },
      { priority: 1, primary: true, active: true },
    ]);
  });

  it("leaves duplicate priorities after a create bump", async () => {
    const primary = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, primary: true, priority: 1 });
    const other = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, priority: 1 });
    const data = await createIntegration(emu, { providerId: "ses", channel: "email", active: true });
    expect((await ranks(emu, primary, other, data._id)).map((r) => r.priority)).toEqual([2, 1, 1]);
  });
});

describe("response shapes", () => {
  it("answers documents with the id virtual from create, update and set-primary", async () => {
    const created = await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email" });
    expect(created.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(created.body.data).toMatchObject({ id: created.body.data._id, createdAt: expect.any(String), updatedAt: expect.any(String) });
    const updated = await emu.api("PUT", `/v1/integrations/${created.body.data._id}`, { name: "Renamed" });
    expect(updated.body.data.id).toBe(created.body.data._id);
    const primary = await emu.api("POST", `/v1/integrations/${created.body.data._id}/set-primary`);
    expect(primary.body.data.id).toBe(created.body.data._id);
  });

  it("answers Nest's 404 for an unknown method or route, before authentication", async () => {
    const response = await emu.api("PATCH", "/v1/integrations/abc", {}, { apiKey: null });
    expect(response.status).toBe(404);
    expect(response.body.message).toBe("Cannot PATCH /v1/integrations/abc");
  });

  it("answers HEAD like GET, without a body", async () => {
    const response = await emu.api("HEAD", "/v1/integrations");
    expect(response.status).toBe(200);
    expect(response.body).toBeUndefined();
    expect((await emu.api("HEAD", "/v1/integrations", undefined, { apiKey: null })).status).toBe(401);
  });

  it("ignores a trailing slash like Express", async () => {
    const response = await emu.api("GET", "/v1/integrations/");
    expect(response.status).toBe(200);
  });
});
