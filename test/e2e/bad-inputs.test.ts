/**
 * How the engine shows a malformed input, on both front-ends: `preview` stops with
 * `resource '<name>' has a problem: <path>: <reason>`, readable (no `value {…}` the engine would
 * print itself), naming every malformed input of the resource, with no request to Novu and no
 * credential echoed. Which inputs are malformed, and that each is named, is the runtime tier's
 * table (test/runtime/bad-inputs.test.ts: every case through both front-ends' check paths).
 */
import type { IntegrationArgs } from "../../provider";
import { argsOf, SECRET, SHAPE_CASES } from "../helpers/bad-inputs";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { FRONT_ENDS, integrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";

const ctx = withPulumi();
const emu: EmulatorHandle = withEmulator();

/** Three malformed inputs of one resource, touching different properties: check reports them at once. */
const CASES = ["a credential as a number", "an unknown channel", "a newline in the name"].map((label) => SHAPE_CASES.find((c) => c.label === label)!);

describe.each(FRONT_ENDS)("a malformed input at preview (%s front-end)", (frontEnd) => {
  it("stops preview naming each malformed property, readably, with no request to Novu and no secret", async () => {
    const s = await integrationsStack(ctx, emu, `bad-inputs-${frontEnd}`, { malformed: argsOf(CASES) as IntegrationArgs }, {}, frontEnd);
    await emu.control.clearRequests();
    const failed = await s.preview().then(
      () => "passed",
      (e: unknown) => String(e),
    );
    for (const c of CASES) expect(failed).toMatch(new RegExp(`resource '[^']*malformed' has a problem: ${c.property.replace(/\./g, "\\.")}: `));
    expect(failed).not.toContain("value {");
    expect(failed + s.output.join("")).not.toContain(SECRET);
    expect(await emu.control.requests()).toEqual([]);
  });
});
