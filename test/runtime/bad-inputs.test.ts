/**
 * Malformed inputs are stopped at check — the call the engine makes at preview — each with a
 * message naming its property, before any request reaches Novu, and no credential value is ever
 * echoed: every case of test/helpers/bad-inputs.ts, one at a time, through both front-ends' check
 * paths (the dynamic host's guarded runtime, and the native service as the engine calls it). The
 * engine test (test/e2e/bad-inputs.test.ts) shows how the engine prints such a failure.
 */
import { withNameDefaults } from "../../provider/schemas/integration-inputs";
import { argsOf, type Case, RULE_CASES, SECRET, SHAPE_CASES } from "../helpers/bad-inputs";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { configuredDynamicProvider, configuredService } from "../helpers/native-service";

const emu: EmulatorHandle = withEmulator();
const CASES = [...SHAPE_CASES, ...RULE_CASES];

type Check = (name: string, args: Record<string, unknown>) => Promise<string[]>;

/** The dynamic host's path: the runtime behind the redaction guard, given what the Integration class sends. */
async function dynamicCheck(): Promise<Check> {
  const runtime = await configuredDynamicProvider(emu);
  return async (name, args) => ((await runtime.check({}, { ...withNameDefaults(args, name), __provider: "stub" })).failures ?? []).map((f) => f.reason);
}

/** The native service, as the engine calls it after Configure. */
async function nativeCheck(): Promise<Check> {
  const s = await configuredService(emu);
  return async (name, args) => (await s.check(name, args)).failures.map((f) => f.replace(/^[^:]*: /, ""));
}

/** Our check failures read `<path>: <reason>`. */
const names = (reason: string, property: string) => reason.startsWith(`${property}: `);

describe.each([
  ["dynamic", dynamicCheck],
  ["native", nativeCheck],
] as const)("malformed inputs at check (%s front-end)", (_frontEnd, make) => {
  let check: Check;
  beforeAll(async () => {
    check = await make();
  });

  it(`stops each of ${CASES.length} malformed inputs, naming its property and nothing else, with no request to Novu and no secret`, async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    await emu.control.clearRequests();
    const problems: string[] = [];
    for (const c of CASES as Case[]) {
      const reasons = await check(`bad-${CASES.indexOf(c)}`, argsOf([c]));
      if (reasons.length === 0) problems.push(`${c.label}: passed check`);
      else if (!reasons.some((r) => names(r, c.property))) problems.push(`${c.label}: should name ${c.property}: ${reasons.join(" | ")}`);
      // Every failure belongs to the case: none is another input's side effect.
      for (const r of reasons) if (!names(r, c.property)) problems.push(`${c.label}: a failure the case does not explain: ${r}`);
      if (reasons.join("\n").includes(SECRET)) problems.push(`${c.label}: echoes the credential`);
    }
    expect(problems).toEqual([]);
    expect(await emu.control.requests()).toEqual([]);
  });
});
