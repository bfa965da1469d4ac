/**
 * A server (or a proxy before it) that quotes the whole request in its error, headers and body,
 * must not get a credential or the Novu key into what a provider answers the engine: each
 * operation that writes or reads (create, update, set-primary, the list, delete) fails through
 * both front-ends' own error paths (the dynamic host's guarded runtime, the native gRPC service),
 * in-process against the emulator over a real socket. How the engine prints such an error, and
 * that no file the CLI leaves holds a secret, is test/e2e/secrets.test.ts.
 */
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { FRONT_END_OPERATIONS } from "../helpers/front-end-operations";

type Bag = Record<string, unknown>;

const NOVU_KEY = "nv-runtime-secret-key-71c3e0a9";
const SECRETS = ["SG.runtime-secret-sendgrid-2f9d41", "SG.runtime-secret-rotated-8b07c2", NOVU_KEY];
const mail = (apiKey: string, over: Bag = {}): Bag => ({
  providerId: "sendgrid",
  channel: "email",
  identifier: "mail",
  credentials: { apiKey, from: "a@acme.dev", senderName: "Acme" },
  ...over,
});

/** The failure's whole text: message, and the stack a dynamic host may print. */
async function failureOf(run: Promise<unknown>): Promise<string> {
  return run.then(
    () => "no error",
    (err: unknown) => (err instanceof Error ? `${err.message}\n${err.stack ?? ""}` : String(err)),
  );
}

describe.each(FRONT_END_OPERATIONS)("an error that quotes the request (%s front-end)", (_frontEnd, operationsOf) => {
  const emu: EmulatorHandle = withEmulator({ apiKey: NOVU_KEY, resetBeforeEach: true });
  const echo = (method: string, path: string) => emu.control.fault({ method, path, fault: { type: "echo" }, times: 1 });

  /** The quoted request reached the failure (the test is not vacuous), with every secret blanked out. */
  function expectRedacted(failure: string, route: string): void {
    expect(failure).toContain(`Bad request ${route}`);
    expect(failure).toContain('"authorization":"ApiKey [secret]"');
    expect(SECRETS.filter((s) => failure.includes(s))).toEqual([]);
  }

  it("redacts them from a failed create", async () => {
    const ops = await operationsOf(emu);
    await echo("POST", "/v1/integrations");
    const failure = await failureOf(ops.create(mail(SECRETS[0]!)));
    expectRedacted(failure, "POST /v1/integrations");
    expect(failure).toMatch(/"apiKey":"\[secret\]"/);
  });

  it("redacts them from a failed update", async () => {
    const ops = await operationsOf(emu);
    const { id, state, inputs } = await ops.create(mail(SECRETS[0]!));
    await echo("PUT", "/v1/integrations/:id");
    expectRedacted(await failureOf(ops.update(id, state, inputs, mail(SECRETS[1]!))), `PUT /v1/integrations/${id}`);
  });

  it("redacts them from a failed set-primary", async () => {
    // Another email integration is primary, so the new one must be made primary with set-primary.
    await emu.control.seed([{ providerId: "mailgun", channel: "email", active: true, primary: true, priority: 1, identifier: "old-primary" }]);
    const ops = await operationsOf(emu);
    await echo("POST", "/v1/integrations/:id/set-primary");
    expectRedacted(await failureOf(ops.create(mail(SECRETS[0]!, { primary: true }))), "POST /v1/integrations/");
  });

  it("redacts them from a failed list", async () => {
    const ops = await operationsOf(emu);
    const { id, state } = await ops.create(mail(SECRETS[0]!));
    await echo("GET", "/v1/integrations");
    expectRedacted(await failureOf(ops.read(id, state)), "GET /v1/integrations");
  });

  it("redacts them from a failed delete", async () => {
    const ops = await operationsOf(emu);
    const { id, state } = await ops.create(mail(SECRETS[0]!));
    await echo("DELETE", "/v1/integrations/:id");
    expectRedacted(await failureOf(ops.delete(id, state)), `DELETE /v1/integrations/${id}`);
  });
});
