/**
 * The real server's e2e checklist (behaviour reference §13), one test per behaviour, over HTTP.
 *
 * Novu's e2e tests authenticate with a dashboard session token, which sees decrypted credentials
 * and organization-wide lists. The emulator only has API keys, so those items run against an
 * emulator configured as the older server that API keys saw the same way
 * (`scoping: "organization"`, `credentials: "echo"`); everything else runs against the defaults
 * (the current server: environment-scoped keys, write-only credentials). Stored values are read
 * through `/__emulator/state`.
 */
import { withEmulator, type EmulatorHandle } from "../helpers/emulator";
import {
  NOT_FOUND_ID,
  createIntegration,
  listIntegrations,
  ranks,
  seedChannelIntegrations,
  stored,
  wipeEnvironment,
} from "./fixtures";

const TENANT_CONDITIONS = [{ children: [{ field: "identifier", value: "test", operator: "EQUAL", on: "tenant" }] }];

async function seedOne(emu: EmulatorHandle, spec: Record<string, unknown>): Promise<string> {
  const [created] = await emu.control.seed([{ _environmentId: emu.environments.development.id, ...spec } as any]);
  return created._id;
}

const nonNovu = (items: any[]) => items.filter((i) => !String(i.providerId).startsWith("novu"));

describe("the current server (API keys scoped to one environment, write-only credentials)", () => {
  const emu = withEmulator({ resetBeforeEach: true });
  const dev = () => emu.environments.development;
  const prod = () => emu.environments.production;

  describe("POST /v1/integrations", () => {
    it("lists the fixture's email integration of the key's environment without credentials", async () => {
      await seedChannelIntegrations(emu);
      const email = nonNovu(await listIntegrations(emu)).filter((i) => i.channel === "email");
      expect(email).toHaveLength(1);
      expect(email[0]).toMatchObject({ providerId: "sendgrid", active: true, credentials: {} });
    });

    it("allows creating the same provider twice in one environment", async () => {
      const body = { name: "SendGrid", providerId: "sendgrid", channel: "email", active: true, credentials: { apiKey: "SG.1" } };
      const first = await createIntegration(emu, body);
      const second = await createIntegration(emu, body);
      const email = (await listIntegrations(emu)).filter((i) => i.channel === "email");
      expect(email.map((i) => i.name)).toEqual(["SendGrid", "SendGrid"]);
      expect(first.identifier).not.toBe(second.identifier);
      expect(email.every((i) => i.active)).toBe(true);
      expect((await stored(emu, second._id)).credentials).toEqual({ apiKey: "SG.1" });
    });

    it("creates an integration with tenant conditions and echoes them", async () => {
      const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: false, conditions: TENANT_CONDITIONS });
      expect(data.conditions[0].children[0]).toMatchObject({ on: "tenant", field: "identifier", value: "test", operator: "EQUAL" });
      expect(data.conditions[0]._id).toMatch(/^[0-9a-f]{24}$/);
    });

    it("rejects malformed conditions with a 400 Bad Request", async () => {
      const response = await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email", conditions: [{ children: "test" }] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: "Bad Request" });
      expect(response.body.message).toContain("Integration validation failed");
      expect(await emu.control.state()).toEqual([]);
    });

    it("rejects an identifier already used in the environment with 409", async () => {
      await createIntegration(emu, { providerId: "sendgrid", channel: "email", identifier: "taken" });
      const response = await emu.api("POST", "/v1/integrations", { providerId: "mailgun", channel: "email", identifier: "taken" });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ message: "Integration with identifier already exists", error: "Conflict" });
    });

    it("creates an integration from minimal data with the catalogue name and a generated identifier", async () => {
      const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", check: false });
      expect(data).toMatchObject({ name: "SendGrid", active: false, priority: 0, primary: false });
      expect(data.identifier).toMatch(/^send-grid-[0-9A-Za-z_-]{7,14}$/);
    });

    it("creates the integration in the chosen environment when the key belongs to it", async () => {
      const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", _environmentId: prod().id }, prod().apiKey);
      expect(data).toMatchObject({ _environmentId: prod().id, name: "SendGrid", active: false });
    });

    it("refuses a key that targets another environment with 403", async () => {
      const response = await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email", _environmentId: prod().id });
      expect(response.status).toBe(403);
      expect(response.body.message).toBe(
        "API key authentication is scoped to a single environment and cannot target a different `_environmentId`. " +
          "Use an API key from the target environment, or authenticate with a session token.",
      );
    });

    it("stores custom SMTP credentials with TLS options exactly", async () => {
      const credentials = { host: "smtp.acme.dev", port: "587", secure: true, requireTls: true, tlsOptions: { rejectUnauthorized: false } };
      const data = await createIntegration(emu, { providerId: "nodemailer", channel: "email", active: true, credentials });
      expect(data.active).toBe(true);
      expect((await stored(emu, data._id)).credentials).toEqual(credentials);
    });

    it("does not calculate primary and priority for an inactive integration", async () => {
      const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: false });
      expect(data).toMatchObject({ priority: 0, primary: false, active: false });
    });

    it.each([
      ["in-app", "novu", "in_app"],
      ["push", "fcm", "push"],
      ["chat", "slack", "chat"],
    ])("does not calculate primary and priority for the %s channel", async (_, providerId, channel) => {
      await seedChannelIntegrations(emu);
      await wipeEnvironment(emu, dev().id);
      const data = await createIntegration(emu, { providerId, channel, active: true });
      expect(data).toMatchObject({ priority: 0, primary: false, active: true });
    });

    it("makes the first active email integration of an environment primary with priority 1", async () => {
      const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: true });
      expect(data).toMatchObject({ priority: 1, primary: true });
    });

    it("does not make a new integration primary when novu-email is the active primary", async () => {
      const novu = await seedOne(emu, { providerId: "novu-email", channel: "email", active: true, primary: true, priority: 1 });
      const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: true });
      expect(data).toMatchObject({ priority: 1, primary: false });
      expect(await ranks(emu, novu)).toEqual([{ priority: 2, primary: true, active: true }]);
    });

    it("puts a new active integration below an existing primary and bumps the primary", async () => {
      await seedChannelIntegrations(emu);
      const sendgrid = (await listIntegrations(emu)).find((i) => i.providerId === "sendgrid");
      const data = await createIntegration(emu, { providerId: "mailgun", channel: "email", active: true });
      expect(data).toMatchObject({ priority: 1, primary: false });
      expect(await ranks(emu, sendgrid._id)).toEqual([{ priority: 2, primary: true, active: true }]);
    });

    it("calculates the highest priority but does not set primary when another active integration is primary", async () => {
      const primary = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, primary: true, priority: 1 });
      const other = await seedOne(emu, { providerId: "ses", channel: "email", active: true, primary: false, priority: 0 });
      const data = await createIntegration(emu, { providerId: "mailgun", channel: "email", active: true });
      expect(data).toMatchObject({ priority: 1, primary: false });
      expect(await ranks(emu, primary, other)).toEqual([
        { priority: 2, primary: true, active: true },
        { priority: 0, primary: false, active: true },
      ]);
    });

    it("does not disable the novu integration or clear its primary flag when a new integration is created", async () => {
      const novu = await seedOne(emu, { providerId: "novu-email", channel: "email", active: true, primary: true, priority: 1 });
      const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: true });
      expect(await ranks(emu, novu, data._id)).toEqual([
        { priority: 2, primary: true, active: true },
        { priority: 1, primary: false, active: true },
      ]);
    });

    it("does not allow a second Novu provider of the same kind in one environment", async () => {
      await seedChannelIntegrations(emu);
      const inApp = await emu.api("POST", "/v1/integrations", { providerId: "novu", channel: "in_app" });
      expect(inApp.status).toBe(400);
      expect(inApp.body.message).toBe("One environment can only have one In app provider");
      const email = await emu.api("POST", "/v1/integrations", { providerId: "novu-email", channel: "email" });
      expect(email.status).toBe(409);
      expect(email.body.message).toBe("Integration with novu provider for email channel already exists");
      const sms = await emu.api("POST", "/v1/integrations", { providerId: "novu-sms", channel: "sms" });
      expect(sms.status).toBe(409);
      expect(sms.body.message).toBe("Integration with novu provider for sms channel already exists");
    });

    it.each(["novu-email", "novu-sms"])("does not allow creating %s when the server lacks Novu's provider credentials", async (providerId) => {
      await emu.control.settings({ novuProviderCredentials: false });
      const response = await emu.api("POST", "/v1/integrations", { providerId, channel: providerId === "novu-email" ? "email" : "sms" });
      expect(response.status).toBe(400);
      expect(response.body.message).toBe(`Creating Novu integration for ${providerId} provider is not allowed`);
    });
  });

  describe("PUT /v1/integrations/:integrationId", () => {
    it("answers 404 for an integration that does not exist", async () => {
      const response = await emu.api("PUT", `/v1/integrations/${NOT_FOUND_ID}`, { name: "x" });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ message: `Entity with id ${NOT_FOUND_ID} not found`, error: "Not Found" });
    });

    it("replaces the credentials and ignores providerId and channel", async () => {
      const created = await createIntegration(emu, { providerId: "sendgrid", channel: "email", credentials: { apiKey: "old", from: "a@b.c" } });
      const response = await emu.api("PUT", `/v1/integrations/${created._id}`, {
        providerId: "mailgun",
        channel: "sms",
        credentials: { apiKey: "new_key", secretKey: "new_secret" },
      });
      expect(response.status).toBe(200);
      const after = await stored(emu, created._id);
      expect(after.credentials).toEqual({ apiKey: "new_key", secretKey: "new_secret" });
      expect(after).toMatchObject({ providerId: "sendgrid", channel: "email" });
    });

    it("stores conditions on the primary email integration and removes its primary flag", async () => {
      await seedChannelIntegrations(emu);
      const sendgrid = (await listIntegrations(emu)).find((i) => i.providerId === "sendgrid");
      const response = await emu.api("PUT", `/v1/integrations/${sendgrid._id}`, { conditions: TENANT_CONDITIONS });
      expect(response.status).toBe(200);
      const after = await stored(emu, sendgrid._id);
      expect(after.conditions).toHaveLength(1);
      expect(after.conditions[0].children[0]).toMatchObject({ field: "identifier", value: "test", operator: "EQUAL", on: "tenant" });
      expect(after.primary).toBe(false);
    });

    it("rejects malformed conditions with a 400 Bad Request", async () => {
      const created = await createIntegration(emu, { providerId: "sendgrid", channel: "email" });
      const response = await emu.api("PUT", `/v1/integrations/${created._id}`, { conditions: [{ children: "test" }] });
      expect(response.status).toBe(400);
      expect(response.body.error).toBe("Bad Request");
    });

    it("does not allow the identifier of another integration", async () => {
      await createIntegration(emu, { providerId: "sendgrid", channel: "email", identifier: "first" });
      const second = await createIntegration(emu, { providerId: "mailgun", channel: "email", identifier: "second" });
      const response = await emu.api("PUT", `/v1/integrations/${second._id}`, { identifier: "first" });
      expect(response.status).toBe(409);
      expect(response.body.message).toBe("Integration with identifier already exists");
    });

    it("updates just the identifier", async () => {
      const created = await createIntegration(emu, { providerId: "sendgrid", channel: "email" });
      const response = await emu.api("PUT", `/v1/integrations/${created._id}`, { identifier: "renamed" });
      expect(response.body.data.identifier).toBe("renamed");
    });

    it("updates just the name", async () => {
      const created = await createIntegration(emu, { providerId: "sendgrid", channel: "email" });
      const response = await emu.api("PUT", `/v1/integrations/${created._id}`, { name: "Renamed" });
      expect(response.body.data.name).toBe("Renamed");
    });

    it("accepts the key's own environment as the only environment change", async () => {
      const created = await createIntegration(emu, { providerId: "sendgrid", channel: "email" });
      const own = await emu.api("PUT", `/v1/integrations/${created._id}`, { _environmentId: dev().id });
      expect(own.status).toBe(200);
      expect(own.body.data._environmentId).toBe(dev().id);
      const foreign = await emu.api("PUT", `/v1/integrations/${created._id}`, { _environmentId: prod().id });
      expect(foreign.status).toBe(403);
      expect(foreign.body.message).toContain("cannot target a different `_environmentId`");
    });

    it("replaces custom SMTP credentials with new TLS options", async () => {
      const created = await createIntegration(emu, {
        providerId: "nodemailer",
        channel: "email",
        active: true,
        credentials: { host: "smtp.acme.dev", port: "587", requireTls: true, tlsOptions: { rejectUnauthorized: true } },
      });
      const credentials = { host: "smtp.acme.dev", port: "465", requireTls: false, tlsOptions: { rejectUnauthorized: false, enableTrace: true } };
      await emu.api("PUT", `/v1/integrations/${created._id}`, { credentials });
      const after = await stored(emu, created._id);
      expect(after.credentials).toEqual(credentials);
      expect(after.active).toBe(true);
    });

    it("does not calculate primary and priority when active is not given", async () => {
      const created = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: false });
      const response = await emu.api("PUT", `/v1/integrations/${created._id}`, { name: "Renamed" });
      expect(response.body.data).toMatchObject({ name: "Renamed", priority: 0, primary: false, active: false });
    });

    it("does not calculate primary and priority when active does not change", async () => {
      const created = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: false });
      const response = await emu.api("PUT", `/v1/integrations/${created._id}`, { active: false });
      expect(response.body.data).toMatchObject({ priority: 0, primary: false, active: false });
    });

    it.each([
      ["in-app", "novu", "in_app"],
      ["push", "fcm", "push"],
      ["chat", "slack", "chat"],
    ])("does not calculate primary and priority when activating a %s integration", async (_, providerId, channel) => {
      const created = await createIntegration(emu, { providerId, channel, active: false });
      const response = await emu.api("PUT", `/v1/integrations/${created._id}`, { active: true });
      expect(response.body.data).toMatchObject({ priority: 0, primary: false, active: true });
    });

    it("does not set primary when activating the only email integration", async () => {
      const created = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: false });
      const response = await emu.api("PUT", `/v1/integrations/${created._id}`, { active: true });
      expect(response.body.data).toMatchObject({ priority: 1, primary: false, active: true });
    });

    it("does not set primary when novu-email is the only active integration", async () => {
      const novu = await seedOne(emu, { providerId: "novu-email", channel: "email", active: true, primary: true, priority: 1 });
      const target = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
      await emu.api("PUT", `/v1/integrations/${target}`, { active: true });
      expect(await ranks(emu, target, novu)).toEqual([
        { priority: 1, primary: false, active: true },
        { priority: 2, primary: true, active: true },
      ]);
    });

    it("calculates the highest priority but does not set primary when another integration is active", async () => {
      const other = await seedOne(emu, { providerId: "ses", channel: "email", active: true, priority: 1 });
      const target = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
      await emu.api("PUT", `/v1/integrations/${target}`, { active: true });
      expect(await ranks(emu, target, other)).toEqual([
        { priority: 2, primary: false, active: true },
        { priority: 1, primary: false, active: true },
      ]);
    });

    it("calculates the priority but not higher than the primary integration", async () => {
      const primary = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, primary: true, priority: 3 });
      const a = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, priority: 2 });
      const b = await seedOne(emu, { providerId: "ses", channel: "email", active: true, priority: 1 });
      const inactive = await seedOne(emu, { providerId: "postmark", channel: "email" });
      const target = await seedOne(emu, { providerId: "mailjet", channel: "email" });
      await emu.api("PUT", `/v1/integrations/${target}`, { active: true });
      expect((await ranks(emu, primary, target, a, b, inactive)).map((r) => [r.priority, r.primary])).toEqual([
        [4, true],
        [3, false],
        [2, false],
        [1, false],
        [0, false],
      ]);
    });

    it("recalculates the priorities when an integration is deactivated", async () => {
      const primary = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, primary: true, priority: 3 });
      const a = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, priority: 2 });
      const b = await seedOne(emu, { providerId: "ses", channel: "email", active: true, priority: 1 });
      const inactive = await seedOne(emu, { providerId: "postmark", channel: "email" });
      await emu.api("PUT", `/v1/integrations/${a}`, { active: false });
      expect(await ranks(emu, primary, b, inactive, a)).toEqual([
        { priority: 2, primary: true, active: true },
        { priority: 1, primary: false, active: true },
        { priority: 0, primary: false, active: false },
        { priority: 0, primary: false, active: false },
      ]);
    });

    it("recalculates the priorities and promotes nobody when the primary is deactivated", async () => {
      const primary = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, primary: true, priority: 3 });
      const a = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, priority: 2 });
      const b = await seedOne(emu, { providerId: "ses", channel: "email", active: true, priority: 1 });
      const inactive = await seedOne(emu, { providerId: "postmark", channel: "email" });
      await emu.api("PUT", `/v1/integrations/${primary}`, { active: false });
      expect(await ranks(emu, a, b, inactive, primary)).toEqual([
        { priority: 2, primary: false, active: true },
        { priority: 1, primary: false, active: true },
        { priority: 0, primary: false, active: false },
        { priority: 0, primary: false, active: false },
      ]);
    });

    it("does not disable the novu integration or clear its primary flag when another integration is activated", async () => {
      const novu = await seedOne(emu, { providerId: "novu-email", channel: "email", active: true, primary: true, priority: 1 });
      const sendgrid = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
      await emu.api("PUT", `/v1/integrations/${sendgrid}`, { active: true });
      expect(await ranks(emu, novu, sendgrid)).toEqual([
        { priority: 2, primary: true, active: true },
        { priority: 1, primary: false, active: true },
      ]);
    });
  });

  describe("POST /v1/integrations/:integrationId/set-primary", () => {
    it("answers 422 for an id that is not an ObjectId", async () => {
      const response = await emu.api("POST", "/v1/integrations/fakeIntegrationId/set-primary", {});
      expect(response.status).toBe(422);
      expect(response.body.errors.integrationId.messages[0]).toBe("integrationId must be a mongodb id");
      expect(response.body.message).toBe(
        "Validation failed for SetIntegrationAsPrimaryCommand: integrationId: integrationId must be a mongodb id",
      );
    });

    it("answers 404 for an integration that does not exist", async () => {
      const response = await emu.api("POST", `/v1/integrations/${NOT_FOUND_ID}/set-primary`, {});
      expect(response.status).toBe(404);
      expect(response.body.message).toBe(`Integration with id ${NOT_FOUND_ID} not found`);
    });

    it.each([
      ["in_app", "novu"],
      ["push", "fcm"],
      ["chat", "slack"],
    ])("refuses the %s channel, which has no primary", async (channel, providerId) => {
      const id = await seedOne(emu, { providerId, channel });
      const response = await emu.api("POST", `/v1/integrations/${id}/set-primary`, {});
      expect(response.status).toBe(400);
      expect(response.body.message).toBe(`Channel ${channel} does not support primary`);
    });

    it("clears the conditions of the integration it makes primary", async () => {
      const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", conditions: [{}] });
      const response = await emu.api("POST", `/v1/integrations/${id}/set-primary`, {});
      expect(response.body.data).toMatchObject({ conditions: [], primary: true });
    });

    it("does not change an integration that already is primary, even an inactive one", async () => {
      const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: false, primary: true, priority: 1 });
      const response = await emu.api("POST", `/v1/integrations/${id}/set-primary`, {});
      expect(response.body.data).toMatchObject({ primary: true, priority: 1, active: false });
    });

    it("sets primary and active when there are no other active integrations", async () => {
      const id = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
      const response = await emu.api("POST", `/v1/integrations/${id}/set-primary`, {});
      expect(response.body.data).toMatchObject({ primary: true, active: true, priority: 1 });
    });

    it("sets primary and active and demotes the old primary", async () => {
      const old = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, primary: true, priority: 1 });
      const target = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
      await emu.api("POST", `/v1/integrations/${target}/set-primary`, {});
      expect(await ranks(emu, target, old)).toEqual([
        { priority: 2, primary: true, active: true },
        { priority: 1, primary: false, active: true },
      ]);
    });

    it("sets primary and active and re-numbers the other active integrations", async () => {
      const old = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, primary: true, priority: 2 });
      const active = await seedOne(emu, { providerId: "ses", channel: "email", active: true, priority: 1 });
      const inactive = await seedOne(emu, { providerId: "postmark", channel: "email" });
      const target = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
      await emu.api("POST", `/v1/integrations/${target}/set-primary`, {});
      expect(await ranks(emu, target, old, active, inactive)).toEqual([
        { priority: 3, primary: true, active: true },
        { priority: 2, primary: false, active: true },
        { priority: 1, primary: false, active: true },
        { priority: 0, primary: false, active: false },
      ]);
    });

    it("makes an active integration primary and re-numbers the others", async () => {
      const old = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, primary: true, priority: 3 });
      const a = await seedOne(emu, { providerId: "ses", channel: "email", active: true, priority: 2 });
      const b = await seedOne(emu, { providerId: "postmark", channel: "email", active: true, priority: 1 });
      await emu.api("POST", `/v1/integrations/${b}/set-primary`, {});
      expect(await ranks(emu, b, old, a)).toEqual([
        { priority: 3, primary: true, active: true },
        { priority: 2, primary: false, active: true },
        { priority: 1, primary: false, active: true },
      ]);
    });

    it("does not re-number inactive integrations", async () => {
      const first = await seedOne(emu, { providerId: "mailgun", channel: "email" });
      const second = await seedOne(emu, { providerId: "ses", channel: "email" });
      const target = await seedOne(emu, { providerId: "sendgrid", channel: "email" });
      await emu.api("POST", `/v1/integrations/${target}/set-primary`, {});
      expect(await ranks(emu, target, first, second)).toEqual([
        { priority: 1, primary: true, active: true },
        { priority: 0, primary: false, active: false },
        { priority: 0, primary: false, active: false },
      ]);
    });
  });

  describe("DELETE /v1/integrations/:integrationId", () => {
    it("answers 404 for an integration that does not exist", async () => {
      const response = await emu.api("DELETE", `/v1/integrations/${NOT_FOUND_ID}`);
      expect(response.status).toBe(404);
      expect(response.body.message).toBe(`Entity with id ${NOT_FOUND_ID} not found`);
    });

    it.each([
      ["push", "fcm"],
      ["chat", "slack"],
    ])("does not re-number email integrations when a %s integration is deleted", async (channel, providerId) => {
      const primary = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, primary: true, priority: 2 });
      const other = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, priority: 1 });
      const target = await seedOne(emu, { providerId, channel, active: true });
      const response = await emu.api("DELETE", `/v1/integrations/${target}`);
      expect(response.status).toBe(200);
      expect(await ranks(emu, primary, other)).toEqual([
        { priority: 2, primary: true, active: true },
        { priority: 1, primary: false, active: true },
      ]);
    });

    it("re-numbers the remaining email integrations and keeps the primary", async () => {
      const primary = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, primary: true, priority: 3 });
      const one = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, priority: 2 });
      const two = await seedOne(emu, { providerId: "ses", channel: "email", active: true, priority: 2 });
      await emu.api("DELETE", `/v1/integrations/${one}`);
      expect(await ranks(emu, primary, two)).toEqual([
        { priority: 2, primary: true, active: true },
        { priority: 1, primary: false, active: true },
      ]);
    });

    it("soft-deletes a newly created integration", async () => {
      const created = await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email" });
      expect(created.status).toBe(201);
      const deleted = await emu.api("DELETE", `/v1/integrations/${created.body.data._id}`);
      expect(deleted.status).toBe(200);
      expect((await listIntegrations(emu)).map((i) => i._id)).not.toContain(created.body.data._id);
      expect(await stored(emu, created.body.data._id)).toMatchObject({ deleted: true, deletedAt: expect.any(String) });
    });
  });

  describe("GET /v1/integrations and /active", () => {
    it("lists only the key's environment, with empty credentials", async () => {
      await seedChannelIntegrations(emu);
      const all = await listIntegrations(emu);
      expect(all).toHaveLength(8);
      expect(new Set(all.map((i) => i._environmentId))).toEqual(new Set([dev().id]));
      expect(all.every((i) => JSON.stringify(i.credentials) === "{}")).toBe(true);
      expect(all.every((i) => !("id" in i))).toBe(true);
    });

    it("does not deactivate old providers when a new provider is created", async () => {
      await seedChannelIntegrations(emu);
      await createIntegration(emu, { providerId: "mailgun", channel: "email", active: true });
      const email = nonNovu(await listIntegrations(emu)).filter((i) => i.channel === "email");
      expect(email.map((i) => [i.providerId, i.active])).toEqual([
        ["sendgrid", true],
        ["mailgun", true],
      ]);
    });

    it("lists the active integrations of the key's environment with their primaries", async () => {
      await seedChannelIntegrations(emu);
      await emu.control.seed([
        { _environmentId: dev().id, providerId: "sendgrid", channel: "email", active: true },
        { _environmentId: dev().id, providerId: "twilio", channel: "sms", active: true },
      ]);
      const active = await listIntegrations(emu, "/v1/integrations/active");
      const count = (channel: string) => active.filter((i) => i.channel === channel).length;
      expect([count("in_app"), count("email"), count("sms"), count("push"), count("chat")]).toEqual([1, 2, 2, 1, 2]);
      expect(active.every((i) => i.active)).toBe(true);
      const primaries = (channel: string) => active.filter((i) => i.channel === channel && i.primary).length;
      expect([primaries("email"), primaries("sms"), primaries("in_app"), primaries("push"), primaries("chat")]).toEqual([1, 1, 0, 0, 0]);
    });

    it("returns an empty array when no integration is active", async () => {
      await seedChannelIntegrations(emu);
      for (const i of await listIntegrations(emu)) await emu.api("DELETE", `/v1/integrations/${i._id}`);
      expect(await listIntegrations(emu, "/v1/integrations/active")).toEqual([]);
    });

    it("keeps one primary per environment after adding another active email integration", async () => {
      await seedChannelIntegrations(emu);
      await createIntegration(emu, { providerId: "ses", channel: "email", active: true });
      const email = (await listIntegrations(emu, "/v1/integrations/active")).filter((i) => i.channel === "email");
      expect(email.filter((i) => i.primary)).toHaveLength(1);
      expect(email.filter((i) => !i.primary)).toHaveLength(1);
      const orgPrimaries = (await emu.control.state()).filter((i) => i.channel === "email" && i.primary && !i.deleted);
      expect(orgPrimaries).toHaveLength(2);
    });
  });

  describe("GET /v1/environments/me", () => {
    it("answers the key's own environment, with its organization and no API key", async () => {
      for (const [env, name] of [[dev(), "Development"], [prod(), "Production"]] as const) {
        const response = await emu.api("GET", "/v1/environments/me", undefined, { apiKey: env.apiKey });
        expect(response.status).toBe(200);
        expect(response.body.data).toMatchObject({ _id: env.id, name, _organizationId: emu.organizationId });
        expect(typeof response.body.data.identifier).toBe("string");
        const text = JSON.stringify(response.body);
        expect(text).not.toContain(dev().apiKey);
        expect(text).not.toContain(prod().apiKey);
        expect(response.body.data).not.toHaveProperty("apiKeys");
      }
    });

    it("refuses an unknown key with 401", async () => {
      const response = await emu.api("GET", "/v1/environments/me", undefined, { apiKey: "not-a-key" });
      expect(response.status).toBe(401);
      expect(response.body.message).toBe("API Key not found");
    });
  });

  describe("other routes", () => {
    it("refuses API keys on the dashboard-only in-app status route", async () => {
      const response = await emu.api("GET", "/v1/integrations/in-app/status");
      expect(response.status).toBe(401);
      expect(response.body.message).toBe("API endpoint not accessible");
    });

    it("refuses API keys on the dashboard-only channel limit route", async () => {
      const response = await emu.api("GET", "/v1/integrations/email/limit");
      expect(response.status).toBe(401);
      expect(response.body.message).toBe("API endpoint not accessible");
    });

    describe("GET /v1/integrations/webhook/provider/:providerOrIntegrationId/status", () => {
      const status = (x: string) => emu.api("GET", `/v1/integrations/webhook/provider/${x}/status`);

      it("answers 404 for an unknown integration id", async () => {
        const response = await status(NOT_FOUND_ID);
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ message: `Integration for ${NOT_FOUND_ID} was not found`, error: "Not Found" });
      });

      it("answers 400 for an integration without credentials", async () => {
        const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true });
        const response = await status(id);
        expect(response.status).toBe(400);
        expect(response.body.message).toBe(`Integration ${id} doesn't have credentials set up`);
      });

      it.each([
        ["slack", "chat", { applicationId: "a" }],
        ["fcm", "push", { serviceAccount: "{}" }],
        ["novu", "in_app", { hmac: true }],
      ])("answers 400 for %s: webhooks exist for email and sms only", async (providerId, channel, credentials) => {
        await seedOne(emu, { providerId, channel, active: true, credentials });
        const response = await status(providerId);
        expect(response.status).toBe(400);
        expect(response.body.message).toBe(`Webhook for ${providerId}-${channel} is not supported yet`);
      });

      it("answers true for a provider whose webhooks Novu parses (sendgrid)", async () => {
        await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, credentials: { apiKey: "SG.123" } });
        const response = await status("sendgrid");
        expect(response).toMatchObject({ status: 200, body: { data: true } });
      });

      it("answers false for a provider whose webhooks Novu does not parse (africas-talking)", async () => {
        const id = await seedOne(emu, { providerId: "africas-talking", channel: "sms", active: true, credentials: { apiKey: "k", user: "u", from: "f" } });
        const response = await status(id);
        expect(response).toMatchObject({ status: 200, body: { data: false } });
      });
    });

    it("answers Nest's 404 for GET of a single integration, which does not exist as a route", async () => {
      const response = await emu.api("GET", `/v1/integrations/${NOT_FOUND_ID}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({
        statusCode: 404,
        error: "Not Found",
        message: `Cannot GET /v1/integrations/${NOT_FOUND_ID}`,
        path: `/v1/integrations/${NOT_FOUND_ID}`,
      });
    });
  });

  describe("API-key credential exposure (GHSA-rgr9-mpmj-mpw8)", () => {
    const secret = { apiKey: "SG.123", secretKey: "abc" };

    it("returns credentials {} from GET /v1/integrations", async () => {
      await seedChannelIntegrations(emu);
      const all = await listIntegrations(emu);
      expect(all.map((i) => i.credentials)).toEqual(all.map(() => ({})));
    });

    it("returns credentials {} from GET /v1/integrations/active", async () => {
      await seedChannelIntegrations(emu);
      const active = await listIntegrations(emu, "/v1/integrations/active");
      expect(active.map((i) => i.credentials)).toEqual(active.map(() => ({})));
    });

    it("returns credentials {} from POST but persists them", async () => {
      const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", credentials: secret });
      expect(data.credentials).toEqual({});
      expect((await stored(emu, data._id)).credentials).toEqual(secret);
    });

    it("returns credentials {} from PUT", async () => {
      const created = await createIntegration(emu, { providerId: "sendgrid", channel: "email" });
      const response = await emu.api("PUT", `/v1/integrations/${created._id}`, { credentials: secret });
      expect(response.body.data).toMatchObject({ _id: created._id, credentials: {} });
    });

    it("returns credentials {} from set-primary", async () => {
      const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", credentials: secret });
      const response = await emu.api("POST", `/v1/integrations/${id}/set-primary`);
      expect(response.body.data).toMatchObject({ primary: true, credentials: {} });
    });

    it("strips the inbound webhook signing key from configurations", async () => {
      const data = await createIntegration(emu, {
        providerId: "sendgrid",
        channel: "email",
        configurations: { inboundWebhookEnabled: true, inboundWebhookSigningKey: "whsec" },
      });
      expect(data.configurations).toEqual({ inboundWebhookEnabled: true });
      expect((await stored(emu, data._id)).configurations).toEqual({ inboundWebhookEnabled: true, inboundWebhookSigningKey: "whsec" });
    });
  });

  describe("authentication guard", () => {
    it('rejects an unknown scheme with "Invalid authentication scheme"', async () => {
      const response = await emu.api("GET", "/v1/integrations", undefined, { authorization: "Invalid invalid_value" });
      expect(response.status).toBe(401);
      expect(response.body.message).toBe('Invalid authentication scheme: "Invalid"');
    });

    it("rejects a request without an Authorization header", async () => {
      const response = await emu.api("GET", "/v1/integrations", undefined, { apiKey: null });
      expect(response.status).toBe(401);
      expect(response.body.message).toBe("Missing authorization header");
    });

    it("rejects an empty API key with a bare Unauthorized", async () => {
      const response = await emu.api("GET", "/v1/integrations", undefined, { authorization: "ApiKey " });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, message: "Unauthorized", ctx: { statusCode: 401 } });
      expect(response.body.error).toBeUndefined();
    });

    it("rejects an unknown API key", async () => {
      const response = await emu.api("GET", "/v1/integrations", undefined, { apiKey: "invalid_key" });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ message: "API Key not found", error: "Unauthorized" });
    });

    it("accepts a valid API key", async () => {
      const response = await emu.api("GET", "/v1/integrations");
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ data: [] });
    });

    it.each(["Bearer ", "Bearer invalid_token"])("rejects the session token %j with Unauthorized", async (authorization) => {
      const response = await emu.api("GET", "/v1/integrations", undefined, { authorization });
      expect(response.status).toBe(401);
      expect(response.body.message).toBe("Unauthorized");
    });
  });
});

describe("the older server as a session token saw it (organization-wide lists, decrypted credentials)", () => {
  const emu = withEmulator({ resetBeforeEach: true, scoping: "organization", credentials: "echo" });

  it("lists the email integrations of both environments with decrypted credentials", async () => {
    await seedChannelIntegrations(emu);
    const email = nonNovu(await listIntegrations(emu)).filter((i) => i.channel === "email");
    expect(email).toHaveLength(2);
    for (const i of email) expect(i).toMatchObject({ providerId: "sendgrid", active: true, credentials: { apiKey: "SG.123", secretKey: "abc" } });
  });

  it("lists the sms integrations of both environments with decrypted credentials", async () => {
    await seedChannelIntegrations(emu);
    const sms = nonNovu(await listIntegrations(emu)).filter((i) => i.channel === "sms");
    expect(sms).toHaveLength(2);
    for (const i of sms) expect(i).toMatchObject({ providerId: "twilio", credentials: { accountSid: "AC123", token: "123" } });
  });

  it("creates the integration in another environment of the organization", async () => {
    const prod = emu.environments.production.id;
    const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", _environmentId: prod });
    expect(data).toMatchObject({ _environmentId: prod, name: "SendGrid", active: false });
  });

  it("echoes custom SMTP credentials with TLS options", async () => {
    const credentials = { host: "smtp.acme.dev", port: "587", secure: true, requireTls: true, tlsOptions: { rejectUnauthorized: false } };
    const data = await createIntegration(emu, { providerId: "nodemailer", channel: "email", active: true, credentials });
    expect(data.credentials).toEqual(credentials);
  });

  it("moves an integration to another environment as is", async () => {
    const created = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: true });
    const prod = emu.environments.production.id;
    const response = await emu.api("PUT", `/v1/integrations/${created._id}`, { _environmentId: prod });
    expect(response.body.data).toMatchObject({ _environmentId: prod, primary: true, priority: 1 });
  });

  it("retrieves all integrations of all environments of the organization", async () => {
    await seedChannelIntegrations(emu);
    const all = await listIntegrations(emu);
    expect(all).toHaveLength(16);
    const count = (channel: string) => nonNovu(all).filter((i) => i.channel === channel).length;
    expect([count("email"), count("sms"), count("push"), count("chat"), all.filter((i) => i.channel === "in_app").length]).toEqual([2, 2, 2, 4, 2]);
  });

  it("gets a custom SMTP integration with TLS options among the active integrations", async () => {
    await seedChannelIntegrations(emu);
    const credentials = { host: "smtp.acme.dev", port: "587", secure: false, tlsOptions: { rejectUnauthorized: false } };
    await createIntegration(emu, { providerId: "nodemailer", channel: "email", active: true, credentials });
    const active = await listIntegrations(emu, "/v1/integrations/active");
    expect(active).toHaveLength(13);
    const devEmail = nonNovu(active).filter((i) => i.channel === "email" && i._environmentId === emu.environments.development.id);
    expect(devEmail).toHaveLength(2);
    expect(devEmail.find((i) => i.providerId === "nodemailer").credentials).toEqual(credentials);
  });

  it("gets active decrypted integrations while storing secure keys encrypted", async () => {
    await seedChannelIntegrations(emu);
    const data = await createIntegration(emu, { providerId: "mailgun", channel: "email", active: true, credentials: { apiKey: "123", secretKey: "abc" } });
    const active = await listIntegrations(emu, "/v1/integrations/active");
    expect(active).toHaveLength(13);
    const mailgun = active.find((i) => i._id === data._id);
    expect(mailgun.credentials).toMatchObject({ apiKey: "123", secretKey: "abc" });
    const devEmail = active.filter((i) => i.channel === "email" && i._environmentId === emu.environments.development.id);
    expect(devEmail).toHaveLength(2);
    const state = await emu.control.state();
    expect(state.filter((i) => i._environmentId === emu.environments.development.id)).toHaveLength(9);
    const atRest = (await stored(emu, data._id)).encryptedCredentials;
    expect(atRest.apiKey).toMatch(/^nvsk\./);
    expect(atRest.apiKey).not.toBe("123");
    expect(atRest.secretKey).toMatch(/^nvsk\./);
  });

  it("counts the primaries of both environments", async () => {
    await seedChannelIntegrations(emu);
    await createIntegration(emu, { providerId: "ses", channel: "email", active: true });
    const email = (await listIntegrations(emu, "/v1/integrations/active")).filter((i) => i.channel === "email");
    expect(email.filter((i) => i.primary)).toHaveLength(2);
    const devEmail = email.filter((i) => i._environmentId === emu.environments.development.id);
    expect(devEmail.map((i) => i.primary).sort()).toEqual([false, true]);
  });

  it("returns the stored (encrypted) credentials from DELETE, as lean entities did", async () => {
    const keep = await createIntegration(emu, { providerId: "mailgun", channel: "email", credentials: { apiKey: "k", domain: "acme.dev" } });
    const target = await createIntegration(emu, { providerId: "sendgrid", channel: "email" });
    const response = await emu.api("DELETE", `/v1/integrations/${target._id}`);
    expect(response.body.data).toHaveLength(1);
    expect(response.body.data[0]).toMatchObject({ _id: keep._id, credentials: { apiKey: expect.stringMatching(/^nvsk\./), domain: "acme.dev" } });
  });
});

describe("rate limiting (throttler)", () => {
  const emu = withEmulator({ resetBeforeEach: true, rateLimitPerSecond: 1 });

  it("sets the rate-limit headers for API-key requests only", async () => {
    const withKey = await emu.api("GET", "/v1/integrations");
    expect(withKey.headers["ratelimit-limit"]).toBe("5");
    expect(withKey.headers["ratelimit-remaining"]).toBeDefined();
    const withoutAuth = await emu.api("GET", "/v1/integrations", undefined, { apiKey: null });
    expect(withoutAuth.headers["ratelimit-limit"]).toBeUndefined();
    const bearer = await emu.api("GET", "/v1/integrations", undefined, { authorization: "Bearer token" });
    expect(bearer.headers["ratelimit-limit"]).toBeUndefined();
  });

  it("describes the policy in seven parts, global category and single cost", async () => {
    const response = await emu.api("GET", "/v1/integrations");
    const parts = response.headers["ratelimit-policy"].split(";");
    expect(parts).toHaveLength(7);
    expect(parts.slice(0, 6)).toEqual(["5", "w=5", "burst=5", 'comment="token bucket"', 'category="global"', 'cost="single"']);
    expect(parts[6]).toMatch(/^serviceLevel=".+"$/);
  });

  it("throttles with 429 and Retry-After once the bucket is empty", async () => {
    const statuses: number[] = [];
    let last;
    for (let n = 0; n < 6; n++) {
      last = await emu.api("GET", "/v1/integrations");
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last!.headers["retry-after"]).toMatch(/^[1-5]$/);
    expect(last!.body).toMatchObject({ statusCode: 429, message: "API rate limit exceeded", ctx: {} });
  });
});
