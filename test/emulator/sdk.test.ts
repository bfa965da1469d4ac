/**
 * Novu's official SDK (`@novu/api` 3.19.1) against the emulator: every response must parse,
 * successes and errors alike, with the SDK's strict schemas (§11.6, §11.7). No tenant-form
 * conditions or configurations go through the SDK (it cannot send or parse them).
 */
import { Novu } from "@novu/api";
import { ErrorDto, NovuError, SDKError, ValidationErrorDto } from "@novu/api/models/errors";
import { withEmulator, type EmulatorHandle } from "../helpers/emulator";
import { NOT_FOUND_ID, seedChannelIntegrations, stored } from "./fixtures";

function sdk(emu: EmulatorHandle, secretKey = emu.environments.development.apiKey): Novu {
  return new Novu({ secretKey, serverURL: emu.url, retryConfig: { strategy: "none" } });
}

async function rejection(promise: Promise<unknown>): Promise<NovuError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NovuError) return error;
    throw error;
  }
  throw new Error("expected the SDK call to fail");
}

describe("the Novu SDK against the emulator's defaults", () => {
  const emu = withEmulator({ resetBeforeEach: true });

  it("lists the integrations of the key's environment, with renamed fields", async () => {
    await seedChannelIntegrations(emu);
    const { result } = await sdk(emu).integrations.list();
    expect(result).toHaveLength(8);
    expect(result.every((i) => i.environmentId === emu.environments.development.id)).toBe(true);
    expect(result.find((i) => i.providerId === "sendgrid")).toMatchObject({ primary: true, active: true, credentials: {} });
  });

  it("lists the active integrations", async () => {
    await seedChannelIntegrations(emu);
    const { result } = await sdk(emu).integrations.listActive();
    expect(result).toHaveLength(6);
    expect(result.every((i) => i.active)).toBe(true);
  });

  it("creates an integration (201) and sends the credentials", async () => {
    const { result } = await sdk(emu).integrations.create({
      providerId: "sendgrid",
      channel: "email",
      name: "SendGrid",
      identifier: "sdk-sendgrid",
      active: true,
      check: false,
      credentials: { apiKey: "SG.sdk", from: "no-reply@acme.dev", senderName: "Acme" },
    });
    expect(result).toMatchObject({ identifier: "sdk-sendgrid", primary: true, active: true, deleted: false, credentials: {} });
    expect((await stored(emu, result.id as string)).credentials).toEqual({ apiKey: "SG.sdk", from: "no-reply@acme.dev", senderName: "Acme" });
  });

  it("updates an integration (200)", async () => {
    const novu = sdk(emu);
    const { result: created } = await novu.integrations.create({ providerId: "twilio", channel: "sms" });
    const { result } = await novu.integrations.update({ name: "Twilio (alerts)", active: true }, created.id as string);
    expect(result).toMatchObject({ name: "Twilio (alerts)", active: true, primary: false });
  });

  it("sets an integration as primary (200)", async () => {
    const novu = sdk(emu);
    const { result: created } = await novu.integrations.create({ providerId: "twilio", channel: "sms" });
    const { result } = await novu.integrations.setAsPrimary(created.id as string);
    expect(result).toMatchObject({ primary: true, active: true });
  });

  it("deletes an integration and gets the remaining ones as an array", async () => {
    const novu = sdk(emu);
    const { result: keep } = await novu.integrations.create({ providerId: "mailgun", channel: "email" });
    const { result: target } = await novu.integrations.create({ providerId: "sendgrid", channel: "email" });
    const { result } = await novu.integrations.delete(target.id as string);
    expect(result.map((i) => i.id)).toEqual([keep.id]);
  });

  it("parses a 409 as ErrorDto", async () => {
    const novu = sdk(emu);
    await novu.integrations.create({ providerId: "sendgrid", channel: "email", identifier: "dup" });
    const error = await rejection(novu.integrations.create({ providerId: "sendgrid", channel: "email", identifier: "dup" }));
    expect(error).toBeInstanceOf(ErrorDto);
    expect(error).toMatchObject({ statusCode: 409, message: "Integration with identifier already exists" });
  });

  it("parses a 422 from create as ValidationErrorDto", async () => {
    const error = await rejection(sdk(emu).integrations.create({ providerId: "sendgrid" }));
    expect(error).toBeInstanceOf(ValidationErrorDto);
    expect((error as ValidationErrorDto).errors.general.messages).toContain("channel should not be null or undefined");
  });

  it("parses a 422 from set-primary as ValidationErrorDto", async () => {
    const error = await rejection(sdk(emu).integrations.setAsPrimary("fakeIntegrationId"));
    expect(error).toBeInstanceOf(ValidationErrorDto);
    expect((error as ValidationErrorDto).errors.integrationId.messages).toEqual(["integrationId must be a mongodb id"]);
  });

  it("parses a 404 from delete as ErrorDto", async () => {
    const error = await rejection(sdk(emu).integrations.delete(NOT_FOUND_ID));
    expect(error).toBeInstanceOf(ErrorDto);
    expect(error).toMatchObject({ statusCode: 404, message: `Entity with id ${NOT_FOUND_ID} not found` });
  });

  it("surfaces a 404 from update and set-primary as the generic SDKError, keeping the body", async () => {
    const novu = sdk(emu);
    const update = await rejection(novu.integrations.update({ name: "x" }, NOT_FOUND_ID));
    expect(update).toBeInstanceOf(SDKError);
    expect(update.statusCode).toBe(404);
    expect(JSON.parse(update.body).message).toBe(`Entity with id ${NOT_FOUND_ID} not found`);
    const primary = await rejection(novu.integrations.setAsPrimary(NOT_FOUND_ID));
    expect(primary).toBeInstanceOf(SDKError);
    expect(JSON.parse(primary.body).message).toBe(`Integration with id ${NOT_FOUND_ID} not found`);
  });

  it("parses a 403 for another environment's integration as ErrorDto", async () => {
    const [prod] = await emu.control.seed([{ _environmentId: emu.environments.production.id, providerId: "sendgrid", channel: "email" }]);
    const error = await rejection(sdk(emu).integrations.update({ name: "x" }, prod._id));
    expect(error).toBeInstanceOf(ErrorDto);
    expect(error.statusCode).toBe(403);
  });

  it("parses a 401 for an unknown key as ErrorDto", async () => {
    const error = await rejection(sdk(emu, "not-a-key").integrations.list());
    expect(error).toBeInstanceOf(ErrorDto);
    expect(error).toMatchObject({ statusCode: 401, message: "API Key not found" });
  });

  it("surfaces an injected 429 as SDKError with Retry-After", async () => {
    await emu.control.fault({ method: "GET", path: "/v1/integrations", fault: { type: "rate-limit", retryAfterSeconds: 7 } });
    const error = await rejection(sdk(emu).integrations.list());
    expect(error).toBeInstanceOf(SDKError);
    expect(error.statusCode).toBe(429);
    expect(error.headers.get("retry-after")).toBe("7");
  });
});

describe("the Novu SDK against the echo switch (the older server)", () => {
  const emu = withEmulator({ resetBeforeEach: true, credentials: "echo" });

  it("parses echoed credentials, string port and TLS options included", async () => {
    const credentials = { host: "smtp.acme.dev", port: "587", secure: true, tlsOptions: { rejectUnauthorized: false }, from: "a@acme.dev" };
    const novu = sdk(emu);
    await novu.integrations.create({ providerId: "nodemailer", channel: "email", credentials, active: true });
    const { result } = await novu.integrations.list();
    expect(result[0].credentials).toMatchObject({ host: "smtp.acme.dev", port: "587", secure: true, from: "a@acme.dev" });
  });

  it("parses the DELETE answer with at-rest credentials", async () => {
    const novu = sdk(emu);
    await novu.integrations.create({ providerId: "mailgun", channel: "email", credentials: { apiKey: "key-1" } });
    const { result: target } = await novu.integrations.create({ providerId: "sendgrid", channel: "email" });
    const { result } = await novu.integrations.delete(target.id as string);
    expect(result[0].credentials?.apiKey).toMatch(/^nvsk\./);
  });
});
