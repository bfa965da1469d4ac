/**
 * A server (or a proxy before it) that quotes the whole request in its error, headers and body,
 * must not get a credential or the Novu key into what a provider answers the engine: each
 * operation that writes or reads (create, update, set-primary, the list, delete) fails through
 * both front-ends' own error paths (the dynamic host's guarded runtime, the native gRPC service),
 * in-process against the emulator over a real socket. How the engine prints such an error, and
 * that no file the CLI leaves holds a secret, is test/e2e/secrets.test.ts.
 */
import { secret } from "../../provider/native/wire";
import { withNameDefaults } from "../../provider/schemas/integration-inputs";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { configuredDynamicProvider, configuredService } from "../helpers/native-service";

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

/** One front-end's operations as its engine-facing boundary answers them; a failure is the text the engine would get. */
interface Operations {
  create(declared: Bag): Promise<{ id: string; state: Bag; inputs: Bag }>;
  update(id: string, state: Bag, inputs: Bag, declared: Bag): Promise<void>;
  read(id: string, state: Bag): Promise<void>;
  delete(id: string, state: Bag): Promise<void>;
}

async function dynamicOperations(emu: EmulatorHandle): Promise<Operations> {
  const runtime = await configuredDynamicProvider(emu, NOVU_KEY);
  return {
    async create(declared) {
      const inputs = (await runtime.check({}, withNameDefaults(declared, "mail"))).inputs!;
      const created = await runtime.create(inputs);
      return { id: created.id, state: created.outs!, inputs };
    },
    async update(id, state, inputs, declared) {
      await runtime.update(id, state, (await runtime.check(inputs, withNameDefaults(declared, "mail"))).inputs!);
    },
    async read(id, state) {
      await runtime.read(id, state);
    },
    delete: (id, state) => runtime.delete(id, state),
  };
}

async function nativeOperations(emu: EmulatorHandle): Promise<Operations> {
  const s = await configuredService(emu, { secretKey: secret(NOVU_KEY) });
  const wrap = (bag: Bag) => ({ ...bag, credentials: secret(bag.credentials) });
  return {
    async create(declared) {
      const { inputs } = await s.check("mail", wrap(declared));
      const created = await s.create("mail", inputs);
      return { id: created.id, state: created.outputs, inputs };
    },
    async update(id, state, inputs, declared) {
      await s.update("mail", id, state, (await s.check("mail", wrap(declared), inputs)).inputs);
    },
    async read(id, state) {
      await s.read("mail", id, state);
    },
    delete: (id, state) => s.delete("mail", id, state),
  };
}

/** The failure's whole text: message, and the stack a dynamic host may print. */
async function failureOf(run: Promise<unknown>): Promise<string> {
  return run.then(
    () => "no error",
    (err: unknown) => (err instanceof Error ? `${err.message}\n${err.stack ?? ""}` : String(err)),
  );
}

describe.each([
  ["dynamic", dynamicOperations],
  ["native", nativeOperations],
] as const)("an error that quotes the request (%s front-end)", (_frontEnd, operationsOf) => {
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
