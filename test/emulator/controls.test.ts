/**
 * The `/__emulator/*` test controls: what tests use to arrange state out of band and to assert
 * what the server holds and what it was asked.
 */
import { networkInterfaces } from "node:os";
import { startEmulator } from "../../emulator";
import { isLoopback } from "../../emulator/server";
import { httpRequest, withEmulator } from "../helpers/emulator";
import { createIntegration, listIntegrations, ranks, stored } from "./fixtures";

const emu = withEmulator({ resetBeforeEach: true });

describe("GET /__emulator/environments", () => {
  it("names the organization, both environments and their API keys", async () => {
    expect(await emu.control.environments()).toEqual({
      organizationId: emu.organizationId,
      environments: [
        { id: emu.environments.development.id, name: "Development", apiKey: "nv-dev-key" },
        { id: emu.environments.production.id, name: "Production", apiKey: "nv-prod-key" },
      ],
    });
    expect(emu.organizationId).toMatch(/^[0-9a-f]{24}$/);
    expect(emu.environments.development.id).not.toBe(emu.environments.production.id);
  });
});

describe("POST /__emulator/environments/:environmentId/api-key", () => {
  it("regenerates the environment's key: the old one is refused, the new one reaches the same integrations, and reset brings the old one back", async () => {
    const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", credentials: { apiKey: "SG.x", from: "a@b.c" } });
    await emu.control.regenerateApiKey(emu.environments.development.id, "nv-dev-key-2");
    expect((await emu.api("GET", "/v1/integrations")).status).toBe(401);
    const listed = await emu.api("GET", "/v1/integrations", undefined, { apiKey: "nv-dev-key-2" });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((i: { _id: string }) => i._id)).toEqual([data._id]);
    expect((await emu.api("GET", "/v1/environments/me", undefined, { apiKey: "nv-dev-key-2" })).body.data._id).toBe(emu.environments.development.id);
    expect((await emu.control.environments()).environments[0]).toMatchObject({ apiKey: "nv-dev-key-2" });
    // The Production key is untouched, and a key in use is refused.
    expect((await emu.api("GET", "/v1/integrations", undefined, { apiKey: "nv-prod-key" })).status).toBe(200);
    await expect(emu.control.regenerateApiKey(emu.environments.development.id, "nv-prod-key")).rejects.toThrow(/400 .*already in use/);
    await emu.control.reset();
    expect((await emu.api("GET", "/v1/integrations")).status).toBe(200);
  });
});

describe("GET /__emulator/state", () => {
  it("shows every stored integration, deleted ones and plain and at-rest credentials included", async () => {
    const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email", credentials: { apiKey: "SG.x", from: "a@b.c" } });
    await emu.api("DELETE", `/v1/integrations/${data._id}`);
    const [integration] = await emu.control.state();
    expect(integration).toMatchObject({ _id: data._id, deleted: true, credentials: { apiKey: "SG.x", from: "a@b.c" } });
    expect(integration.encryptedCredentials).toEqual({ apiKey: `nvsk.${Buffer.from("SG.x").toString("base64")}`, from: "a@b.c" });
  });
});

describe("the request log", () => {
  it("records method, path, status, duration, body keys and fault of API requests, and no body values or API keys", async () => {
    await createIntegration(emu, { providerId: "sendgrid", channel: "email", credentials: { apiKey: "SG.very-secret" } });
    await emu.api("GET", "/v1/integrations?page=2");
    await emu.api("GET", "/v1/integrations", undefined, { apiKey: "wrong-key" });
    const log = await emu.control.requests();
    expect(log.map((r) => [r.method, r.path, r.status, r.bodyKeys, r.fault])).toEqual([
      ["POST", "/v1/integrations", 201, ["providerId", "channel", "credentials"], null],
      ["GET", "/v1/integrations", 200, null, null],
      ["GET", "/v1/integrations", 401, null, null],
    ]);
    for (const entry of log) {
      expect(Object.keys(entry).sort()).toEqual(["at", "bodyKeys", "durationMs", "fault", "method", "path", "status"]);
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    }
    const text = JSON.stringify(log);
    expect(text).not.toContain("SG.very-secret");
    expect(text).not.toContain("nv-dev-key");
    expect(text).not.toContain("wrong-key");
  });

  it("does not record the controls themselves", async () => {
    await emu.control.state();
    await emu.control.environments();
    expect(await emu.control.requests()).toEqual([]);
  });

  it("is emptied by DELETE /__emulator/requests", async () => {
    await emu.api("GET", "/v1/integrations");
    await emu.control.clearRequests();
    expect(await emu.control.requests()).toEqual([]);
  });
});

describe("POST /__emulator/reset", () => {
  it("goes back to the seeded state and clears the log, the faults and the settings", async () => {
    await createIntegration(emu, { providerId: "sendgrid", channel: "email" });
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "status", status: 503 } });
    await emu.control.settings({ emailCheck: "fail" });
    await emu.control.reset();
    expect(await emu.control.state()).toEqual([]);
    expect(await emu.control.requests()).toEqual([]);
    expect(await emu.control.faults()).toEqual([]);
    expect((await emu.api("GET", "/v1/integrations")).status).toBe(200);
    expect((await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email", check: true })).status).toBe(201);
  });

  it("cuts off a request still waiting on a delay fault: nothing of it is applied or logged after the reset", async () => {
    // A killed deployment's last create, held by a delay when the next test resets the emulator.
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "delay", ms: 300 } });
    const late = emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email", identifier: "from-before" }).then(
      (r) => r.status,
      (e: unknown) => (e as Error).name,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await emu.control.reset();
    expect(await late).not.toBe(201);
    expect(await emu.control.state()).toEqual([]);
    expect(await emu.control.requests()).toEqual([]);
  });
});

describe("POST /__emulator/seed", () => {
  it("inserts documents as given, with create's defaults but none of its rules", async () => {
    const [seeded] = await emu.control.seed([{ providerId: "sendgrid", channel: "email", active: true }]);
    expect(seeded).toMatchObject({
      _environmentId: emu.environments.development.id,
      _organizationId: emu.organizationId,
      name: "SendGrid",
      identifier: expect.stringMatching(/^send-grid-/),
      active: true,
      priority: 0, // not placed: seeding skips the primary logic
      primary: false,
      kind: "delivery",
      deleted: false,
    });
    expect((await listIntegrations(emu))[0]._id).toBe(seeded._id);
  });

  it("keeps a given _id and can seed a deleted integration, invisible to the API", async () => {
    const _id = "0123456789abcdef01234567";
    await emu.control.seed([{ _id, providerId: "sendgrid", channel: "email", deleted: true }]);
    expect(await stored(emu, _id)).toMatchObject({ deleted: true, deletedAt: expect.any(String) });
    expect(await listIntegrations(emu)).toEqual([]);
  });

  it.each([
    [{ integrations: [{ providerId: "sendgrid", channel: "email", _environmentId: "0123456789abcdef01234567" }] }, "Unknown environment"],
    [{ integrations: [{ providerId: "sendgrid", channel: "fax" }] }, "integrations.0.channel"],
    [{ integrations: [{ providerId: "sendgrid", channel: "email", colour: "red" }] }, "colour"],
    [{ integrations: [{ providerId: "sendgrid", channel: "email", conditions: [{ children: "x" }] }] }, "Cast to embedded failed"],
  ])("refuses %j with a 400", async (body, message) => {
    const response = await httpRequest(`${emu.url}/__emulator/seed`, "POST", body);
    expect(response.status).toBe(400);
    expect(response.body.error).toContain(message);
    expect(await emu.control.state()).toEqual([]);
  });

  it("refuses an _id that already exists", async () => {
    const [seeded] = await emu.control.seed([{ providerId: "sendgrid", channel: "email" }]);
    const response = await httpRequest(`${emu.url}/__emulator/seed`, "POST", { integrations: [{ _id: seeded._id, providerId: "x", channel: "email" }] });
    expect(response.status).toBe(400);
    expect(await emu.control.state()).toHaveLength(1);
  });
});

describe("PATCH /__emulator/integrations/:id", () => {
  it("applies raw changes without the Novu rules (an out-of-band dashboard edit)", async () => {
    const primary = await createIntegration(emu, { providerId: "sendgrid", channel: "email", active: true });
    const other = await createIntegration(emu, { providerId: "mailgun", channel: "email", active: true });
    await emu.control.patchIntegration(primary._id, { primary: false, name: "Edited in the dashboard" });
    expect(await ranks(emu, primary._id, other._id)).toEqual([
      { priority: 2, primary: false, active: true },
      { priority: 1, primary: false, active: true },
    ]);
    expect((await listIntegrations(emu)).find((i) => i._id === primary._id).name).toBe("Edited in the dashboard");
  });

  it("soft-deletes and restores an integration", async () => {
    const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email" });
    await emu.control.patchIntegration(data._id, { deleted: true });
    expect(await listIntegrations(emu)).toEqual([]);
    expect((await emu.api("DELETE", `/v1/integrations/${data._id}`)).status).toBe(404);
    await emu.control.patchIntegration(data._id, { deleted: false });
    expect((await listIntegrations(emu)).map((i) => i._id)).toEqual([data._id]);
    expect(await stored(emu, data._id)).not.toHaveProperty("deletedAt");
  });

  it("answers 404 for an unknown integration and 400 for an unknown field", async () => {
    const missing = await httpRequest(`${emu.url}/__emulator/integrations/0123456789abcdef01234567`, "PATCH", { name: "x" });
    expect(missing.status).toBe(404);
    const data = await createIntegration(emu, { providerId: "sendgrid", channel: "email" });
    const unknown = await httpRequest(`${emu.url}/__emulator/integrations/${data._id}`, "PATCH", { colour: "red" });
    expect(unknown.status).toBe(400);
  });
});

describe("settings and fault rules", () => {
  it("shows the default settings and applies partial changes", async () => {
    const defaults = (await httpRequest(`${emu.url}/__emulator/settings`, "GET")).body.settings;
    expect(defaults).toMatchObject({ emailCheck: "pass", novuProviderCredentials: true });
    expect(await emu.control.settings({ novuProviderCredentials: false })).toMatchObject({ emailCheck: "pass", novuProviderCredentials: false });
  });

  it("lists fault rules and removes one by id", async () => {
    const rule = await emu.control.fault({ method: "get", path: "/v1/integrations", fault: { type: "drop" }, times: 2 });
    expect(await emu.control.faults()).toEqual([{ ...rule, method: "GET", remaining: 2, hits: 0, probability: 1 }]);
    expect((await httpRequest(`${emu.url}/__emulator/faults/${rule.id}`, "DELETE")).status).toBe(200);
    expect(await emu.control.faults()).toEqual([]);
    expect((await httpRequest(`${emu.url}/__emulator/faults/${rule.id}`, "DELETE")).status).toBe(404);
  });

  it("refuses an invalid fault rule", async () => {
    const response = await httpRequest(`${emu.url}/__emulator/faults`, "POST", { method: "GET", path: "/v1/integrations", fault: { type: "explode" } });
    expect(response.status).toBe(400);
  });

  it("answers 404 for an unknown control", async () => {
    const response = await httpRequest(`${emu.url}/__emulator/nothing`, "GET");
    expect(response.status).toBe(404);
    expect(response.body.error).toContain("No emulator control GET /__emulator/nothing");
  });
});

describe("loopback only", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.5.6.7", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["192.0.2.2", false],
    ["::ffff:10.0.0.1", false],
    [undefined, false],
  ])("treats %s as loopback: %s", (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

  (external ? it : it.skip)("refuses the controls to a caller on another interface, but serves it the API", async () => {
    const running = await startEmulator({ host: "0.0.0.0" });
    try {
      const control = await httpRequest(`http://${external}:${running.port}/__emulator/state`, "GET");
      expect(control.status).toBe(403);
      const api = await httpRequest(`http://${external}:${running.port}/v1/integrations`, "GET", undefined, { authorization: "ApiKey nv-dev-key" });
      expect(api.status).toBe(200);
      expect((await httpRequest(`${running.url}/__emulator/state`, "GET")).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});
