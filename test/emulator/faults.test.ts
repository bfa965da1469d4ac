/**
 * Fault injection: each fault type, rule matching, `times`, and the seeded probability.
 */
import { pathMatches } from "../../emulator/faults";
import { withEmulator, type EmulatorHandle } from "../helpers/emulator";
import { listIntegrations } from "./fixtures";

const emu = withEmulator({ resetBeforeEach: true, seed: 42 });

const create = (target: EmulatorHandle, body: Record<string, unknown> = { providerId: "sendgrid", channel: "email" }) =>
  target.api("POST", "/v1/integrations", body);

describe("fault types", () => {
  it("status: answers the given status with Novu's error body and does not reach the handler", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "status", status: 503 } });
    const response = await create(emu);
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ statusCode: 503, error: "Service Unavailable", message: "Service Unavailable", path: "/v1/integrations" });
    expect(await emu.control.state()).toEqual([]);
    expect((await emu.control.requests())[0]).toMatchObject({ status: 503, fault: "status" });
  });

  it("status: carries a custom message, and a bare 500 looks like Novu's internal error", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "status", status: 409, message: "busy" }, times: 1 });
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "status", status: 500 }, times: 1 });
    expect((await emu.api("GET", "/v1/integrations")).body).toMatchObject({ statusCode: 409, error: "Conflict", message: "busy" });
    const internal = await emu.api("GET", "/v1/integrations");
    expect(internal.status).toBe(500);
    expect(internal.body).toMatchObject({
      message: "Internal server error, contact support and provide them with the errorId",
      errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it("rate-limit: answers 429 with Retry-After", async () => {
    await emu.control.fault({ method: "*", path: "/v1/integrations", fault: { type: "rate-limit", retryAfterSeconds: 3 } });
    const response = await emu.api("GET", "/v1/integrations");
    expect(response.status).toBe(429);
    expect(response.headers["retry-after"]).toBe("3");
    expect(response.body).toMatchObject({ statusCode: 429, message: "API rate limit exceeded" });
  });

  it("drop: closes the connection without an answer and without writing", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "drop" } });
    await expect(create(emu)).rejects.toThrow();
    expect(await emu.control.state()).toEqual([]);
    expect((await emu.control.requests())[0]).toMatchObject({ method: "POST", status: null, fault: "drop" });
  });

  it("delay: answers normally after the delay", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "delay", ms: 300 } });
    const started = performance.now();
    const response = await emu.api("GET", "/v1/integrations");
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await emu.control.requests())[0]).toMatchObject({ status: 200, fault: "delay" });
  });

  it("apply-then-drop: performs the write, then drops the connection, so a naive retry duplicates", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "apply-then-drop" }, times: 1 });
    await expect(create(emu)).rejects.toThrow();
    expect(await emu.control.state()).toHaveLength(1);
    expect((await create(emu)).status).toBe(201);
    expect((await listIntegrations(emu)).map((i) => i.providerId)).toEqual(["sendgrid", "sendgrid"]);
    expect((await emu.control.requests()).map((r) => [r.method, r.status, r.fault])).toEqual([
      ["POST", null, "apply-then-drop"],
      ["POST", 201, null],
      ["GET", 200, null],
    ]);
  });

  it("apply-then-drop: a retry with the same identifier meets the first write as a 409", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "apply-then-drop" }, times: 1 });
    const body = { providerId: "sendgrid", channel: "email", identifier: "transactional" };
    await expect(create(emu, body)).rejects.toThrow();
    expect((await create(emu, body)).status).toBe(409);
  });

  it("echo: answers an error whose message quotes the request's headers and body, and writes nothing", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "echo" }, times: 1 });
    const response = await create(emu, { providerId: "sendgrid", channel: "email", credentials: { apiKey: "SG.echoed-\"quoted\"" } });
    expect(response.status).toBe(400);
    const message = (response.body as { message: string }).message;
    expect(message).toContain(`"authorization":"ApiKey ${emu.environments.development.apiKey}"`);
    expect(message).toContain('"apiKey":"SG.echoed-\\"quoted\\""');
    expect(await emu.control.state()).toEqual([]);
    expect((await emu.control.requests())[0]).toMatchObject({ status: 400, fault: "echo" });
  });

  it("echo: takes another error status", async () => {
    await emu.control.fault({ method: "DELETE", path: "/v1/integrations/:id", fault: { type: "echo", status: 422 } });
    const response = await emu.api("DELETE", "/v1/integrations/0123456789abcdef01234567");
    expect(response.status).toBe(422);
    expect((response.body as { message: string }).message).toMatch(/^Bad request DELETE \/v1\/integrations\/0123456789abcdef01234567; headers: /);
  });
});

describe("rule matching", () => {
  it("matches :params, the method and a trailing *", () => {
    expect(pathMatches("/v1/integrations/:id/set-primary", "/v1/integrations/abc/set-primary")).toBe(true);
    expect(pathMatches("/v1/integrations/:id/set-primary", "/v1/integrations/abc")).toBe(false);
    expect(pathMatches("/v1/integrations/:id", "/v1/integrations/abc/")).toBe(true);
    expect(pathMatches("/v1/integrations/:id", "/v1/integrations")).toBe(false);
    expect(pathMatches("/v1/integrations", "/v1/integrations/active")).toBe(false);
    expect(pathMatches("/v1/*", "/v1/integrations/abc/set-primary")).toBe(true);
  });

  it("applies a rule only to its method and path", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations/:id/set-primary", fault: { type: "status", status: 502 } });
    const created = await create(emu);
    expect(created.status).toBe(201);
    expect((await emu.api("PUT", `/v1/integrations/${created.body.data._id}`, { name: "x" })).status).toBe(200);
    expect((await emu.api("POST", `/v1/integrations/${created.body.data._id}/set-primary`)).status).toBe(502);
  });

  it("expires after `times` hits", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "status", status: 503 }, times: 2 });
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await emu.api("GET", "/v1/integrations")).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  it("never applies to the test controls", async () => {
    await emu.control.fault({ method: "*", path: "/*", fault: { type: "drop" } });
    expect(await emu.control.state()).toEqual([]);
    await expect(emu.api("GET", "/v1/integrations")).rejects.toThrow();
  });
});

describe("probability", () => {
  async function pattern(): Promise<number[]> {
    await emu.control.reset();
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "status", status: 503 }, probability: 0.5 });
    const statuses = [];
    for (let n = 0; n < 40; n++) statuses.push((await emu.api("GET", "/v1/integrations")).status);
    return statuses;
  }

  it("fires some of the time, and the same way again from the same seed", async () => {
    const first = await pattern();
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(5);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(5);
    expect(await pattern()).toEqual(first);
  });
});

describe("probability with another seed", () => {
  const other = withEmulator({ seed: 7 });

  it("gives another pattern", async () => {
    const run = async (target: EmulatorHandle) => {
      await target.control.reset();
      await target.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "status", status: 503 }, probability: 0.5 });
      const statuses = [];
      for (let n = 0; n < 40; n++) statuses.push((await target.api("GET", "/v1/integrations")).status);
      return statuses;
    };
    expect(await run(other)).not.toEqual(await run(emu));
  });
});
