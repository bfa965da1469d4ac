/**
 * Answers of Novu each front-end's operations turn into what the user needs, in-process against
 * the emulator over a real socket: a create whose identifier another integration holds (409) fails
 * saying what to do (`adopt`, and without a ledger the holder and the recover command), never a
 * credential; a failed credential check reads as Novu's message, not its JSON; a failed update or
 * delete names the integration's identifier; a delete of an integration already deleted in Novu
 * succeeds, so `pulumi destroy` drops it from state. The engine's display of a failed create is
 * shown by test/e2e/secrets.test.ts and error-messages.test.ts, of a failed update by faults.test.ts.
 */
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { FRONT_END_OPERATIONS } from "../helpers/front-end-operations";

type Bag = Record<string, unknown>;

const KEY = "SG.identifier-and-gone-key-00000000";
const mail: Bag = { providerId: "sendgrid", channel: "email", identifier: "mail", credentials: { apiKey: KEY, from: "no-reply@acme.dev", senderName: "Acme" } };

describe.each(FRONT_END_OPERATIONS)("the %s front-end's operations", (frontEnd, operations) => {
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });

  it("fail a create whose identifier is taken, saying what to do, never a credential", async () => {
    const [holder] = await emu.control.seed([{ providerId: "sendgrid", channel: "email", identifier: "mail", active: true, _environmentId: emu.environments.development.id }]);
    const failure = await (await operations(emu)).create(mail).then(
      () => "created",
      (err: Error) => err.message,
    );
    expect(failure).toContain("Novu answered 409");
    if (frontEnd === "native") {
      // No ledger: a stopped run of this stack may have made it, or it existed before; each case has its command.
      expect(failure).toContain(`identifier "mail" already exists (${holder!._id})`);
      expect(failure).toContain("run `npx pulumi-novu recover`");
    } else {
      // The stack's ledger says whether this stack made it.
      expect(failure).toContain('identifier "mail" already exists and this stack did not create it');
    }
    expect(failure).toMatch(/set `adopt: true`/);
    expect(failure).not.toContain(KEY);
    expect(failure).not.toContain(emu.environments.development.apiKey);
    expect((await emu.control.state()).filter((i) => !i.deleted).map((i) => i._id)).toEqual([holder!._id]);
  });

  it("fail a create whose credential check fails with Novu's message, not the JSON it wraps it in", async () => {
    await emu.control.settings({ emailCheck: "fail" });
    const failure = await (await operations(emu)).create({ ...mail, check: true }).then(
      () => "created",
      (err: Error) => err.message,
    );
    expect(failure).toContain('create integration "mail": Novu answered 400: the credential check failed (failed): Email provider check failed (forced by the emulator)');
    expect(failure).not.toContain('{"success"');
    expect(failure).not.toContain('{\\"success\\"');
  });

  it("name the identifier, not only Novu's id, of an integration whose update or delete failed", async () => {
    const ops = await operations(emu);
    const { id, state, inputs } = await ops.create(mail);
    const forced = { type: "status", status: 400, message: "forced by the test" } as const;
    await emu.control.fault({ method: "PUT", path: "/v1/integrations/:id", fault: forced, times: 1 });
    const updateFailure = await ops.update(id, state, inputs, { ...mail, name: "Renamed" }).then(
      () => "updated",
      (err: Error) => err.message,
    );
    expect(updateFailure).toContain(`update integration "mail" (${id}): Novu answered 400: forced by the test`);
    await emu.control.fault({ method: "DELETE", path: "/v1/integrations/:id", fault: forced, times: 1 });
    const deleteFailure = await ops.delete(id, state).then(
      () => "deleted",
      (err: Error) => err.message,
    );
    expect(deleteFailure).toContain(`delete integration "mail" (${id}): Novu answered 400: forced by the test`);
  });

  it("take an integration already deleted in Novu as deleted", async () => {
    const ops = await operations(emu);
    const { id, state } = await ops.create(mail);
    await emu.api("DELETE", `/v1/integrations/${id}`);
    await expect(ops.delete(id, state)).resolves.toBeUndefined();
    expect((await emu.control.state()).find((i) => i._id === id)?.deleted).toBe(true);
  });
});
