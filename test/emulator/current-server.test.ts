/**
 * The current server's newer rules, as the emulator copies them: the later wording of the
 * environment-scope 403 (a switch), the outbound-credential 400s on PUT, agent-kind creation, and
 * the tool channel.
 */
import { withEmulator } from "../helpers/emulator";
import { createIntegration, stored } from "./fixtures";

describe("scopeWording: authentication-scheme (the later revision of the scope check)", () => {
  const emu = withEmulator({ resetBeforeEach: true, scopeWording: "authentication-scheme" });

  it("words the 403 for a foreign _environmentId as the current server does, on create and update", async () => {
    const message =
      "This authentication scheme is scoped to a single environment and cannot target a different `_environmentId`. " +
      "Use credentials from the target environment, or authenticate with a session token.";
    const prod = emu.environments.production.id;
    const create = await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email", _environmentId: prod });
    expect(create.status).toBe(403);
    expect(create.body).toMatchObject({ error: "Forbidden", message });
    const mine = await createIntegration(emu, { providerId: "sendgrid", channel: "email" });
    const update = await emu.api("PUT", `/v1/integrations/${mine._id}`, { _environmentId: prod });
    expect(update.body).toMatchObject({ statusCode: 403, message });
  });
});

describe("scopeWording: api-key (default)", () => {
  const emu = withEmulator({ resetBeforeEach: true });

  it("keeps the API-key wording", async () => {
    const create = await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email", _environmentId: emu.environments.production.id });
    expect(create.body.message).toMatch(/^API key authentication is scoped to a single environment and cannot target a different `_environmentId`\. Use an API key/);
  });
});

describe("outbound credentials on PUT (validateOutboundIntegrationCredentials)", () => {
  const emu = withEmulator({ resetBeforeEach: true });

  async function put(providerId: string, channel: string, credentials: Record<string, unknown>, create: Record<string, unknown> = {}) {
    const made = await createIntegration(emu, { providerId, channel, credentials: create });
    return { id: made._id as string, response: await emu.api("PUT", `/v1/integrations/${made._id}`, { credentials }) };
  }

  it.each([
    ["a private SMTP host", { host: "10.1.2.3", port: "587" }, "Requests to private or reserved IP addresses are not allowed (resolved: 10.1.2.3)."],
    ["localhost as SMTP host", { host: "localhost", port: "25" }, 'Requests to "localhost" are not allowed.'],
    ["an SMTP host with a path", { host: "smtp.acme.dev/x", port: "587" }, "SMTP host contains invalid characters."],
    ["no SMTP host", { port: "587" }, "SMTP host is required."],
    ["an SMTP port out of range", { host: "smtp.acme.dev", port: "70000" }, "SMTP port must be an integer between 1 and 65535."],
  ])("refuses %s for custom SMTP with the server's 400", async (_what, credentials, message) => {
    const { id, response } = await put("nodemailer", "email", credentials, { host: "smtp.acme.dev", port: "587" });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: "Bad Request", message });
    expect((await stored(emu, id)).credentials).toEqual({ host: "smtp.acme.dev", port: "587" });
  });

  it.each([
    ["tool-webhook", "tool", "http://127.0.0.1:8080/hook", "Webhook URL is not allowed: Requests to private or reserved IP addresses are not allowed (resolved: 127.0.0.1)."],
    ["email-webhook", "email", "http://169.254.169.254/latest/meta-data", "Webhook URL is not allowed: Requests to private or reserved IP addresses are not allowed (resolved: 169.254.169.254)."],
    ["push-webhook", "push", "http://localhost:8080/hook", 'Webhook URL is not allowed: Requests to "localhost" are not allowed.'],
    ["tool-webhook", "tool", "file:///etc/passwd", "Webhook URL is not a valid http(s) URL."],
  ])("refuses a %s webhook URL pointing inside (%s)", async (providerId, channel, webhookUrl, message) => {
    const { response } = await put(providerId, channel, { webhookUrl, method: "POST" });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(message);
  });

  it("checks a generic SMS base URL, and its auth URL only with token authentication", async () => {
    expect((await put("generic-sms", "sms", { baseUrl: "http://10.0.0.5/send" })).response.body.message).toBe(
      "Base URL is not allowed: Requests to private or reserved IP addresses are not allowed (resolved: 10.0.0.5).",
    );
    expect((await put("generic-sms", "sms", { baseUrl: "https://sms.acme.dev", domain: "http://192.168.1.10/auth", authenticateByToken: true })).response.body.message).toBe(
      "Auth URL is not allowed: Requests to private or reserved IP addresses are not allowed (resolved: 192.168.1.10).",
    );
    expect((await put("generic-sms", "sms", { baseUrl: "https://sms.acme.dev", domain: "http://192.168.1.10/auth", authenticateByToken: false })).response.status).toBe(200);
  });

  it("accepts public destinations, an empty URL, and a PUT without credentials (stored ones are not re-checked)", async () => {
    expect((await put("tool-webhook", "tool", { webhookUrl: "https://hooks.acme.dev/novu", method: "POST" })).response.status).toBe(200);
    expect((await put("tool-webhook", "tool", { webhookUrl: "" })).response.status).toBe(200);
    // Created with a private host (create does not check), then renamed: no credentials sent, no check.
    const made = await createIntegration(emu, { providerId: "nodemailer", channel: "email", credentials: { host: "10.0.0.1", port: "25" } });
    expect((await emu.api("PUT", `/v1/integrations/${made._id}`, { name: "Renamed" })).status).toBe(200);
    // …but `check: true` checks the stored ones.
    expect((await emu.api("PUT", `/v1/integrations/${made._id}`, { check: true })).status).toBe(400);
  });
});

describe("agent-kind integrations (current server)", () => {
  const emu = withEmulator({ resetBeforeEach: true });

  it("stores an agent without a channel, even when one is sent, and never as primary", async () => {
    const agent = await createIntegration(emu, { providerId: "novu-anthropic", kind: "agent", channel: "email", active: true });
    expect(agent).toMatchObject({ kind: "agent", primary: false, priority: 0 });
    expect(agent.channel).toBeUndefined();
  });

  it("allows Novu's own agent runtime once per environment", async () => {
    await createIntegration(emu, { providerId: "novu-anthropic", kind: "agent" });
    const again = await emu.api("POST", "/v1/integrations", { providerId: "novu-anthropic", kind: "agent" });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe("Integration with novu provider for agent runtime already exists");
    const otherEnvironment = await emu.api("POST", "/v1/integrations", { providerId: "novu-anthropic", kind: "agent" }, { apiKey: emu.environments.production.apiKey });
    expect(otherEnvironment.status).toBe(201);
  });

  it("refuses Novu's agent runtime on a server without its managed credentials", async () => {
    await emu.control.settings({ novuProviderCredentials: false });
    const refused = await emu.api("POST", "/v1/integrations", { providerId: "novu-anthropic", kind: "agent" });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe("Creating Novu integration for novu-anthropic provider is not allowed");
  });

  it("does not apply the delivery rules of Novu's providers to an agent", async () => {
    await createIntegration(emu, { providerId: "novu", channel: "in_app" });
    // `novu` as an agent is not "a second In app provider".
    expect((await emu.api("POST", "/v1/integrations", { providerId: "novu", kind: "agent" })).status).toBe(201);
  });
});

describe("the tool channel", () => {
  const emu = withEmulator({ resetBeforeEach: true });

  it("creates an active tool-webhook integration, keeping its method, never primary", async () => {
    const hook = await createIntegration(emu, {
      providerId: "tool-webhook",
      channel: "tool",
      identifier: "ops-hook",
      active: true,
      credentials: { webhookUrl: "https://hooks.acme.dev/novu", method: "POST" },
    });
    expect(hook).toMatchObject({ channel: "tool", kind: "delivery", primary: false, priority: 0, credentials: {} });
    expect((await stored(emu, hook._id)).credentials).toEqual({ webhookUrl: "https://hooks.acme.dev/novu", method: "POST" });
    const primary = await emu.api("POST", `/v1/integrations/${hook._id}/set-primary`);
    expect(primary.status).toBe(400);
    expect(primary.body.message).toBe("Channel tool does not support primary");
  });
});
