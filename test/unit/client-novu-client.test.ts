/**
 * The client's retries, lookups and rate limiting against the real emulator over HTTP: faults are
 * injected by the emulator, and what reached it is read from its request log.
 */
import { NovuApiError } from "../../provider/errors";
import { Deadline } from "../../provider/client/deadline";
import { NovuCreateOutcomeUnknownError, NovuGaveUpError } from "../../provider/client/errors";
import { NovuClient, type NovuClientOptions } from "../../provider/client/novu-client";
import { RateLimiter } from "../../provider/client/rate-limiter";
import type { CreateBody } from "../../provider/schemas/api";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";

const KEY = "nv-client-test-key-0f3a";
const emu: EmulatorHandle = withEmulator({ apiKey: KEY, resetBeforeEach: true });
const clients: NovuClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

/** Fast, deterministic retries: the backoff draws are fixed, its base is small. */
function client(over: Partial<NovuClientOptions> = {}): NovuClient {
  const c = new NovuClient({ apiUrl: emu.url, secretKey: KEY, retry: { baseDelayMs: 40 }, random: () => 0.5, ...over });
  clients.push(c);
  return c;
}

const body = (identifier: string, over: Partial<CreateBody> = {}): CreateBody => ({
  providerId: "sendgrid",
  channel: "email",
  identifier,
  active: true,
  check: false,
  credentials: { apiKey: "SG.client-test-credential", from: "a@acme.dev", senderName: "Acme" },
  ...over,
});

/** Lets requests the client gave up on finish at the emulator, so they do not show in the next test's log. */
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = async () => (await emu.control.requests()).map((r) => `${r.method} ${r.path} ${r.status ?? "dropped"}`);
const live = async (identifier: string) => (await emu.control.state()).filter((i) => i.identifier === identifier && !i.deleted);

describe("NovuClient retries", () => {
  it("retries a 503, a 502 and a dropped connection on a list, then succeeds", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "status", status: 503 }, times: 1 });
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "status", status: 502 }, times: 1 });
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "drop" }, times: 1 });
    expect(await client().listIntegrations()).toEqual([]);
    expect(await log()).toEqual(["GET /v1/integrations 503", "GET /v1/integrations 502", "GET /v1/integrations dropped", "GET /v1/integrations 200"]);
  });

  it("waits the Retry-After of a 429 before trying again", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "rate-limit", retryAfterSeconds: 1 }, times: 1 });
    const started = Date.now();
    await client().listIntegrations();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await log()).toEqual(["GET /v1/integrations 429", "GET /v1/integrations 200"]);
  });

  it("retries a request that timed out", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "delay", ms: 1500 }, times: 1 });
    const started = Date.now();
    await client({ requestTimeoutMs: 300 }).listIntegrations();
    expect(Date.now() - started).toBeLessThan(1400);
    expect((await emu.control.requests()).filter((r) => r.fault === null)).toHaveLength(1);
    await settle(1500);
  });

  it.each([
    [409, "a conflict is an answer"],
    [404, "a missing integration"],
    [422, "a validation error"],
    [400, "a bad request"],
  ])("does not retry a %i (%s)", async (status) => {
    await emu.control.fault({ method: "PUT", path: "/v1/integrations/:id", fault: { type: "status", status, message: "Forced by the test" } });
    const error = await client().updateIntegration("66a0000000000000000000aa", { name: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NovuApiError);
    expect((error as NovuApiError).status).toBe(status);
    expect((error as Error).message).toBe(`update integration 66a0000000000000000000aa: Novu answered ${status}: Forced by the test`);
    const named = await client().updateIntegration("66a0000000000000000000aa", { name: "x" }, { identifier: "mail" }).catch((e: unknown) => e);
    expect((named as Error).message).toBe(`update integration "mail" (66a0000000000000000000aa): Novu answered ${status}: Forced by the test`);
    expect(await log()).toEqual([`PUT /v1/integrations/66a0000000000000000000aa ${status}`, `PUT /v1/integrations/66a0000000000000000000aa ${status}`]);
  });

  it("gives up after maxRetries, naming the operation, the status, Novu's message and the attempts, never the key", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "status", status: 503 } });
    const error = await client({ retry: { maxRetries: 2, baseDelayMs: 10 } }).listIntegrations().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NovuGaveUpError);
    expect((error as NovuGaveUpError).status).toBe(503);
    expect((error as Error).message).toMatch(/^list integrations: Novu answered 503: Service Unavailable \(gave up after 3 attempts in \d+\.\d s: novu:maxRetries is 2\)$/);
    expect((error as Error).message).not.toContain(KEY);
    expect(await log()).toHaveLength(3);
  });

  it("does not retry at all with maxRetries 0", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "status", status: 500 } });
    await expect(client({ retry: { maxRetries: 0 } }).listIntegrations()).rejects.toThrow(/Novu answered 500.*gave up after 1 attempt in/);
    expect(await log()).toHaveLength(1);
  });

  it("fails at once when the server's Retry-After would pass the operation's deadline", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "rate-limit", retryAfterSeconds: 30 } });
    const started = Date.now();
    const error = await client({ operationTimeoutMs: 5000 }).listIntegrations().catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((error as Error).message).toMatch(/^list integrations: Novu answered 429: API rate limit exceeded \(gave up after 1 attempt .*novu:operationTimeoutMs \(5000 ms\) would pass before the next attempt\)$/);
  });

  it("keeps one deadline for all the calls of an operation", async () => {
    await emu.control.fault({ method: "*", path: "/v1/*", fault: { type: "delay", ms: 600 } });
    const novu = client();
    const deadline = Deadline.after(1500);
    await novu.listIntegrations({ deadline });
    await novu.listIntegrations({ deadline });
    // About 300 ms are left: the third request times out with them, and no retry fits.
    await expect(novu.listIntegrations({ deadline })).rejects.toThrow(
      /^list integrations: no answer from Novu \(ETIMEDOUT\) \(gave up after 1 attempt in 0\.\d s: novu:operationTimeoutMs \(1500 ms\) would pass/,
    );
    await settle(600);
  });
});

describe("NovuClient never creates twice", () => {
  it("finds the integration a create made when its answer was lost, instead of posting again", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "apply-then-drop" }, times: 1 });
    const created = await client().createIntegration(body("lost-answer"));
    const stored = await live("lost-answer");
    expect(stored).toHaveLength(1);
    expect(created._id).toBe(stored[0]!._id);
    expect(await log()).toEqual(["POST /v1/integrations dropped", "GET /v1/integrations 200"]);
  });

  it("posts again when the lookup shows the lost attempt did nothing", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "drop" }, times: 1 });
    await client().createIntegration(body("dropped"));
    expect(await live("dropped")).toHaveLength(1);
    expect(await log()).toEqual(["POST /v1/integrations dropped", "GET /v1/integrations 200", "POST /v1/integrations 201"]);
  });

  it("looks up after a 500, which may come after the write", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "status", status: 500 }, times: 1 });
    await client().createIntegration(body("after-500"));
    expect(await live("after-500")).toHaveLength(1);
    expect(await log()).toEqual(["POST /v1/integrations 500", "GET /v1/integrations 200", "POST /v1/integrations 201"]);
  });

  it("posts again without a lookup after a 503 or a 429, which come before any work", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "status", status: 503 }, times: 1 });
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "rate-limit", retryAfterSeconds: 0 }, times: 1 });
    await client().createIntegration(body("after-503"));
    expect(await live("after-503")).toHaveLength(1);
    expect(await log()).toEqual(["POST /v1/integrations 503", "POST /v1/integrations 429", "POST /v1/integrations 201"]);
  });

  it("retries the lookup itself when it fails", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "apply-then-drop" }, times: 1 });
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "drop" }, times: 2 });
    await client().createIntegration(body("lookup-fails"));
    expect(await live("lookup-fails")).toHaveLength(1);
    expect((await emu.control.requests()).filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("takes its own integration from a 409 when a lost attempt landed after the lookup", async () => {
    // POST 1 is held 2500 ms and times out at 1500; the lookup (held 100) finds nothing yet; POST 2
    // (held 1200) reaches the handler about 300 ms after POST 1 stored the identifier, and gets a 409.
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "delay", ms: 2500 }, times: 1 });
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "delay", ms: 100 }, times: 1 });
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "delay", ms: 1200 }, times: 1 });
    const created = await client({ requestTimeoutMs: 1500, random: () => 0 }).createIntegration(body("late-landing"));
    const stored = await live("late-landing");
    expect(stored).toHaveLength(1);
    expect(created._id).toBe(stored[0]!._id);
    expect(await log()).toEqual(["GET /v1/integrations 200", "POST /v1/integrations 201", "POST /v1/integrations 409", "GET /v1/integrations 200"]);
  });

  it("leaves someone else's integration alone: a 409 without a lost answer is thrown as it came", async () => {
    await emu.control.seed([{ providerId: "sendgrid", channel: "email", identifier: "taken" }]);
    const error = await client().createIntegration(body("taken")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NovuApiError);
    expect((error as NovuApiError).status).toBe(409);
    expect(await log()).toEqual(["POST /v1/integrations 409"]);
  });

  it("does not take an integration of another provider with the same identifier after a lost answer", async () => {
    await emu.control.seed([{ providerId: "mailgun", channel: "email", identifier: "other-provider" }]);
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "drop" }, times: 1 });
    const error = await client().createIntegration(body("other-provider")).catch((e: unknown) => e);
    expect((error as NovuApiError).status).toBe(409);
    expect(await live("other-provider")).toEqual([expect.objectContaining({ providerId: "mailgun" })]);
  });

  it("says the create may have happened when no lookup could settle it", async () => {
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "apply-then-drop" }, times: 1 });
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "status", status: 503 } });
    const error = await client({ retry: { maxRetries: 1, baseDelayMs: 10 } }).createIntegration(body("unsettled")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NovuCreateOutcomeUnknownError);
    expect((error as Error).message).toMatch(/^create integration "unsettled": list integrations: Novu answered 503: Service Unavailable \(gave up after 2 attempts .*\). The create may have happened in Novu .*run `pulumi up` again: it finds an integration with identifier "unsettled" that this stack made/);
    expect((error as Error).message).not.toContain("SG.client-test-credential");
  });
});

describe("NovuClient repeats idempotent writes", () => {
  const seedOne = async () => (await emu.control.seed([{ providerId: "sendgrid", channel: "email", identifier: "mail", name: "Mail", active: true }]))[0]!._id;

  it("sends a PUT again after a lost answer", async () => {
    const id = await seedOne();
    await emu.control.fault({ method: "PUT", path: "/v1/integrations/:id", fault: { type: "apply-then-drop" }, times: 1 });
    const updated = await client().updateIntegration(id, { name: "Renamed" });
    expect(updated.name).toBe("Renamed");
    expect(await log()).toEqual([`PUT /v1/integrations/${id} dropped`, `PUT /v1/integrations/${id} 200`]);
  });

  it("sends a set-primary again after a lost answer", async () => {
    const id = await seedOne();
    await emu.control.fault({ method: "POST", path: "/v1/integrations/:id/set-primary", fault: { type: "apply-then-drop" }, times: 1 });
    expect((await client().setPrimary(id)).primary).toBe(true);
    expect(await live("mail")).toEqual([expect.objectContaining({ primary: true })]);
  });

  it("re-reads an integration whose set-primary answer was lost before reporting a failure", async () => {
    const id = await seedOne();
    await emu.control.fault({ method: "POST", path: "/v1/integrations/:id/set-primary", fault: { type: "apply-then-drop" }, times: 1 });
    await emu.control.fault({ method: "POST", path: "/v1/integrations/:id/set-primary", fault: { type: "status", status: 503 } });
    const result = await client({ retry: { maxRetries: 1, baseDelayMs: 10 } }).setPrimary(id);
    expect(result).toMatchObject({ _id: id, primary: true });
    expect((await log()).at(-1)).toBe("GET /v1/integrations 200");
  });

  it("counts a 404 after a lost DELETE answer as deleted", async () => {
    const id = await seedOne();
    await emu.control.fault({ method: "DELETE", path: "/v1/integrations/:id", fault: { type: "apply-then-drop" }, times: 1 });
    await client().deleteIntegration(id);
    expect(await log()).toEqual([`DELETE /v1/integrations/${id} dropped`, `DELETE /v1/integrations/${id} 404`]);
    expect(await live("mail")).toEqual([]);
  });

  it("still reports a 404 on a first DELETE", async () => {
    await expect(client().deleteIntegration("66a0000000000000000000aa")).rejects.toMatchObject({ status: 404 });
  });
});

describe("NovuClient rate limiting", () => {
  const limited = withEmulator({ apiKey: KEY, rateLimitPerSecond: 10 });

  it("keeps concurrent requests under the account's rate: five seconds' worth at once, then paced, no 429", async () => {
    await limited.control.reset();
    const limiter = new RateLimiter({ perSecond: 10 });
    const novu = new NovuClient({ apiUrl: limited.url, secretKey: KEY, limiter });
    clients.push(novu);
    const started = Date.now();
    await Promise.all(Array.from({ length: 54 }, () => novu.listIntegrations()));
    const elapsed = Date.now() - started;
    const statuses = (await limited.control.requests()).map((r) => r.status);
    expect(statuses).toEqual(new Array(54).fill(200));
    // 50 at once, then 4 at 10 per second; Novu's bucket (55 for 10/s) never runs dry.
    expect(elapsed).toBeGreaterThanOrEqual(380);
    expect(elapsed).toBeLessThan(1500);
  });

  it("follows Novu's headers when it has no limit of its own: waits for the refill instead of failing", async () => {
    await limited.control.reset();
    const novu = new NovuClient({ apiUrl: limited.url, secretKey: KEY, maxRequestsPerSecond: 0 });
    clients.push(novu);
    const results = await Promise.all(Array.from({ length: 70 }, () => novu.listIntegrations()));
    expect(results).toHaveLength(70);
    const statuses = (await limited.control.requests()).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(70);
    // Only requests already in flight when the bucket ran dry meet a 429 (undici keeps 16 connections).
    expect(statuses.filter((s) => s === 429).length).toBeLessThanOrEqual(16);
  });
});

describe("NovuClient messages", () => {
  it("says a host that does not resolve received nothing, instead of a create that may have happened", async () => {
    const c = client({ apiUrl: "http://novu-api.invalid" });
    const error = await c.createIntegration(body("nowhere")).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'create integration "nowhere": no answer from Novu (ENOTFOUND): novu-api.invalid does not resolve, so nothing was sent; check novu:apiUrl (or novu:region)',
    );
    expect(error).not.toBeInstanceOf(NovuCreateOutcomeUnknownError);
  });

  it("shows the message of a failed credential check, not the JSON string Novu wraps it in", async () => {
    await emu.control.settings({ emailCheck: "fail" });
    const error = await client().createIntegration(body("checked", { check: true })).catch((e: unknown) => e);
    const { code, message } = (await emu.control.settings({})).emailCheckError;
    expect((error as Error).message).toBe(`create integration "checked": Novu answered 400: the credential check failed (${code}): ${message}`);
  });
});
