/**
 * Interrupted deployments (docs/reliability.md, "Interrupted deployments"): the CLI, its language host and the
 * provider process are killed together (their process group, as a CI runner does) at seeded random
 * moments of a 30-integration `up` (creates, updates, primary moves, deletes) and of a `destroy`,
 * and once with SIGINT followed by SIGKILL. After each, exactly the documented recovery commands
 * are run, and then every declared integration exists once in Novu, nothing is orphaned, the
 * state's ids are Novu's, and the preview is clean. A pre-existing integration is still refused.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { type ConfigStack, configStack } from "../helpers/config-stack";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { novuConfig, withPulumi } from "../helpers/pulumi";
import { Integration } from "../../provider";
import { mulberry32 } from "../../emulator/prng";
import { packageRoot } from "../../tools/package-root";

// An epoch of six killed rounds takes ~3 min on an idle 2-core machine; CI machines have been 2× slower.
jest.setTimeout(30 * 60_000);

const ctx = withPulumi();
const emu: EmulatorHandle = withEmulator({ seed: 20261202 });
const root = packageRoot(__dirname);
const WRITES = new Set(["POST", "PUT", "DELETE"]);

/** A seeded PRNG (the emulator's mulberry32), so a failing round can be replayed. */
const prng = mulberry32;

type Entry = Record<string, unknown>;
/**
 * Secure credentials (the ones Novu treats as secret) must be secrets in the stack file, or preview
 * refuses them: each provider's are one value, encrypted once per stack (see `newStack`).
 */
const SECURE: Record<string, Record<string, string>> = {
  sendgrid: { apiKey: "SG.interrupted" },
  twilio: { token: "tw-interrupted" },
  slack: { secretKey: "sl-interrupted", signingSecret: "sg-interrupted" },
  expo: { apiKey: "ex-interrupted" },
};
const POOL: Array<[providerId: string, channel: string, count: number, credentials: (n: string) => Record<string, string>]> = [
  ["sendgrid", "email", 10, (n) => ({ from: `${n}@acme.dev`, senderName: "Acme" })],
  ["twilio", "sms", 8, (n) => ({ accountSid: `AC${n}`, from: "+15550100" })],
  ["slack", "chat", 6, (n) => ({ applicationId: `A-${n}`, clientId: `1.${n}` })],
  ["discord", "chat", 4, () => ({})],
  ["expo", "push", 6, () => ({})],
];
const POOL_SIZE = POOL.reduce((n, [, , count]) => n + count, 0); // 34

/**
 * Round `r` of an epoch declares 30 of the 34 pool entries (a window of 4 left out moves by 4 each
 * round: 4 deletes and 4 creates), renames a quarter of them (PUTs), and moves the email and sms
 * primaries (set-primary).
 */
function declarations(prefix: string, r: number): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  const left = new Set(Array.from({ length: 4 }, (_, j) => (4 * r + j) % POOL_SIZE));
  let index = 0;
  const present: Record<string, string[]> = { email: [], sms: [] };
  for (const [providerId, channel, count, credentials] of POOL) {
    for (let k = 0; k < count; k++, index++) {
      if (left.has(index)) continue;
      const name = `${prefix}-${providerId}-${k}`;
      out[name] = { providerId, channel, credentials: credentials(name), ...(index % 4 === r % 4 ? { name: `${providerId} ${k} v${r}` } : {}) };
      present[channel]?.push(name);
    }
  }
  for (const channel of ["email", "sms"]) out[present[channel]![r % present[channel]!.length]!]!.primary = true;
  return out;
}

interface Run {
  readonly code: number | null;
  readonly signal: string | null;
  readonly output: string;
  /** Whether we killed it while it was still running. */
  readonly interrupted: boolean;
}

/** The CLI in its own process group (with its language host and provider), as a CI runner starts it. */
function spawnCli(stack: string, args: string[]): { child: ChildProcess; done: Promise<Omit<Run, "interrupted">> } {
  const child = spawn(ctx.cli.command, [...args, "--stack", stack, "--non-interactive"], {
    cwd: root,
    env: { ...process.env, ...ctx.envVars },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const done = new Promise<Omit<Run, "interrupted">>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, output })));
  return { child, done };
}

async function cli(stack: string, args: string[]): Promise<Omit<Run, "interrupted">> {
  return spawnCli(stack, args).done;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `args` and kills the whole process group once the emulator has seen `writes` writes (or,
 * for 0, after `delayMs`). `then`: SIGINT first, SIGKILL `graceMs` later.
 */
async function interrupted(stack: string, args: string[], writes: number, opts: { delayMs?: number; sigint?: boolean; graceMs?: number } = {}): Promise<Run> {
  await emu.control.clearRequests();
  const { child, done } = spawnCli(stack, args);
  let exited = false;
  void done.then(() => (exited = true));
  const started = Date.now();
  for (;;) {
    if (exited) return { ...(await done), interrupted: false };
    const seen = writes === 0 ? 0 : (await emu.control.requests()).filter((r) => WRITES.has(r.method)).length;
    if (writes === 0 ? Date.now() - started >= (opts.delayMs ?? 0) : seen >= writes) break;
    await sleep(15);
  }
  if (exited) return { ...(await done), interrupted: false };
  if (opts.sigint) {
    process.kill(-child.pid!, "SIGINT");
    const grace = await Promise.race([done.then(() => true), sleep(opts.graceMs ?? 7500).then(() => false)]);
    if (!grace) process.kill(-child.pid!, "SIGKILL");
  } else {
    process.kill(-child.pid!, "SIGKILL");
  }
  const result = await done;
  // Anything of the group still alive (it should not be) would keep writing.
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // the group is gone
  }
  await expectNoBusyOrphans();
  return { ...result, interrupted: true };
}

/**
 * Provider processes left behind by a killed CLI: the engine starts plugins in process groups of
 * their own, so a CI runner's kill of the CLI's group does not reach them. pulumi-novu's runtime
 * ends such an orphan when it sees the engine gone (provider/runtime/orphan-guard.ts); one that was
 * killed before it loaded our runtime stays idle. None may be busy: Pulumi's host, left alone,
 * spins on EPIPE at 100 % CPU. Leftovers are ended here so that they cannot slow later tests.
 */
async function expectNoBusyOrphans(): Promise<void> {
  const orphans = (): number[] =>
    fs
      .readdirSync("/proc")
      .filter((p) => /^\d+$/.test(p))
      .map(Number)
      .filter((pid) => {
        try {
          if (!fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("dynamic-provider/index.js")) return false;
          const parent = Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
          return parent === 1 || Number(fs.readFileSync(`/proc/${parent}/stat`, "utf8").split(") ")[1]!.split(" ")[1]) === 1;
        } catch {
          return false; // gone meanwhile
        }
      });
  const cpuTicks = (pid: number): number => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  };
  const deadline = Date.now() + 8000;
  while (orphans().length > 0 && Date.now() < deadline) await sleep(250);
  const left = orphans();
  const before = new Map(left.map((pid) => [pid, cpuTicks(pid)]));
  await sleep(1000);
  const busy = left.filter((pid) => cpuTicks(pid) - before.get(pid)! > 20); // more than 20 % of a core
  for (const pid of left) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  orphanCount += left.length;
  expect(busy).toEqual([]);
}
let orphanCount = 0;

interface StateResource {
  readonly type: string;
  readonly urn: string;
  readonly id?: string;
  readonly outputs?: Record<string, unknown>;
}

function stackFile(stack: string): string {
  return path.join(new URL(ctx.envVars.PULUMI_BACKEND_URL!).pathname, ".pulumi", "stacks", "pulumi-novu", `${stack}.json`);
}

function checkpoint(stack: string): { resources: StateResource[]; pending: unknown[] } {
  const deployment = JSON.parse(fs.readFileSync(stackFile(stack), "utf8")).checkpoint.latest ?? {};
  return { resources: deployment.resources ?? [], pending: deployment.pending_operations ?? [] };
}

/**
 * The documented recovery, exactly: `pulumi cancel` (the lock), `pulumi refresh
 * --clear-pending-creates` (v3.259.0's `up` creates pending resources again but keeps their pending
 * operations in the checkpoint, and warns about them on every later run), then `up` (or `destroy`).
 * Returns what each printed.
 */
async function recover(stack: string, command: "up" | "destroy" = "up"): Promise<string> {
  const log: string[] = [];
  const pending = checkpoint(stack).pending.length;
  for (const args of [["cancel", "--yes"], ["refresh", "--clear-pending-creates", "--yes", "--skip-preview"], [command, "--yes", "--skip-preview"]]) {
    // The default backend writes no metadata sidecar (`metadata=skip`), so no kill can leave one cut
    // short, and the stack unreadable ("failed to load checkpoint: EOF"; docs/reliability.md).
    expect(fs.existsSync(`${stackFile(stack)}.attrs`)).toBe(false);
    const run = await cli(stack, args);
    const last = run.output.trim().split("\n").filter((l) => /cancel|pending|error|Resources|Duration/i.test(l)).slice(-2).join(" | ");
    log.push(`${args[0]} → ${run.code}: ${last}`);
    if (run.code !== 0) throw new Error(`recovery failed (${pending} pending operations before it):\n${log.join("\n")}\n${run.output}`);
  }
  return `${pending} pending operations; ${log.join("; ")}`;
}

/** Every id Novu ever held for the prefix that was alive after a completed round (deleted later legitimately). */
const settledIds = new Set<string>();

async function expectConverged(stack: string, prefix: string, declared: Record<string, Entry>): Promise<void> {
  const all = (await emu.control.state()).filter((i) => i.identifier.startsWith(`${prefix}-`));
  const alive = all.filter((i) => !i.deleted);
  // Every declared identifier exactly once, and nothing else alive.
  expect(alive.map((i) => i.identifier).sort()).toEqual(Object.keys(declared).sort());
  // No duplicate made and deleted along the way: every deleted one was once the settled integration of its identifier.
  expect(all.filter((i) => i.deleted && !settledIds.has(i._id)).map((i) => i.identifier)).toEqual([]);
  for (const i of alive) settledIds.add(i._id);
  // The state's ids are Novu's, with no pending operation left.
  const { resources, pending } = checkpoint(stack);
  expect(pending).toEqual([]);
  const stateIds = resources.filter((r) => r.type === "pulumi-nodejs:dynamic/novu:Integration").map((r) => r.id);
  expect(stateIds.sort()).toEqual(alive.map((i) => i._id).sort());
  for (const channel of ["email", "sms"]) {
    const wanted = Object.entries(declared).find(([, e]) => e.channel === channel && e.primary)![0];
    expect(alive.filter((i) => i.channel === channel && i.primary).map((i) => i.identifier)).toEqual([wanted]);
  }
  const preview = await cli(stack, ["preview", "--expect-no-changes"]);
  if (preview.code !== 0) throw new Error(`preview is not clean:\n${preview.output}`);
}

describe("interrupted deployments", () => {
  const stacks: ConfigStack[] = [];
  afterAll(async () => {
    for (const s of stacks) await s.remove();
  });

  /** Per stack file: each secure credential's `{secure: <ciphertext>}`, as `pulumi config set --secret` wrote it. */
  const ciphertexts = new Map<string, Record<string, Record<string, { secure: string }>>>();

  async function newStack(name: string, integrations: Record<string, Entry>): Promise<ConfigStack> {
    const s = await configStack(ctx, root, name, { "novu:apiUrl": emu.url }, { "novu:secretKey": emu.environments.development.apiKey });
    stacks.push(s);
    const secure: Record<string, Record<string, { secure: string }>> = {};
    for (const [providerId, keys] of Object.entries(SECURE)) {
      for (const [key, value] of Object.entries(keys)) {
        await s.stack.setConfig(`pulumi-novu:cipher-${providerId}-${key}`, { value, secret: true });
        (secure[providerId] ??= {})[key] = parse(fs.readFileSync(s.stackFile, "utf8")).config[`pulumi-novu:cipher-${providerId}-${key}`];
      }
    }
    ciphertexts.set(s.stackFile, secure);
    declare(s, integrations);
    return s;
  }

  /** Writes the declarations into the stack file, every secure credential as a secret. */
  function declare(s: ConfigStack, integrations: Record<string, Entry>): void {
    const secure = ciphertexts.get(s.stackFile)!;
    const file = parse(fs.readFileSync(s.stackFile, "utf8"));
    for (const key of Object.keys(file.config)) if (key.startsWith("pulumi-novu:cipher-")) delete file.config[key];
    file.config["pulumi-novu:integrations"] = Object.fromEntries(
      Object.entries(integrations).map(([name, e]) => [name, { ...e, credentials: { ...(e.credentials as object), ...secure[e.providerId as string] } }]),
    );
    fs.writeFileSync(s.stackFile, stringify(file));
  }

  /**
   * 22 rounds in four epochs (a fresh stack, then changes to it), one test each, so that a slow
   * machine reports which epoch it was in and each has its own time limit. Each epoch stands alone:
   * its own seeded PRNG (a failing round is replayed by running its epoch, `-t "rounds 6–11"`), its
   * own stack, and its own count of rounds actually killed mid-way (all but one of them).
   */
  const ROUNDS = Number(process.env.ROUNDS ?? 22);
  const EPOCH = 6;
  for (let first = 0; first < ROUNDS; first += EPOCH) {
    const last = Math.min(first + EPOCH, ROUNDS) - 1;
    it(`recovers from an \`up\` killed at random moments, rounds ${first}–${last}: cancel, refresh and up leave one integration per identifier`, async () => {
      const random = prng(7 + first);
      const rounds: string[] = [];
      let killed = 0;
      const prefix = `k${first / EPOCH}`;
      const stackName = `e2e-${process.pid}-${prefix}`;
      let s: ConfigStack | undefined;
      for (let r = first; r <= last; r++) {
        const fresh = r === first;
        const declared = declarations(prefix, r);
        if (fresh) s = await newStack(stackName, declared);
        else declare(s!, declared);
        // A fresh stack makes about 32 writes (30 POSTs, 2 set-primary); a later round about 18 (4 POST, 4 DELETE, ~8 PUT, 2 set-primary).
        const writes = Math.floor(random() * ((fresh ? 28 : 14) + 1));
        const run = await interrupted(stackName, ["up", "--yes", "--skip-preview"], writes, { delayMs: Math.floor(random() * 2500) });
        if (run.interrupted) killed += 1;
        const recovery = await recover(stackName);
        rounds.push(`round ${r} (${fresh ? "fresh stack" : "changes"}): killed after ${writes} writes${run.interrupted ? "" : " (finished first)"}\n  ${recovery.replace(/\n/g, "\n  ")}`);
        await expectConverged(stackName, prefix, declared);
      }
      process.stdout.write(rounds.join("\n") + `\nidle provider processes left by the kills so far (ended by the test): ${orphanCount}\n`);
      // A round whose `up` finished before its kill point tests nothing about the kill: at most one per epoch.
      expect(killed).toBeGreaterThanOrEqual(last - first);
    });
  }

  it("recovers from a killed `destroy` with cancel and destroy, and the stack comes back with up", async () => {
    const prefix = "d0";
    const stackName = `e2e-${process.pid}-${prefix}`;
    const declared = declarations(prefix, 0);
    const s = await newStack(stackName, declared);
    expect((await cli(stackName, ["up", "--yes", "--skip-preview"])).code).toBe(0);
    await expectConverged(stackName, prefix, declared);
    const writes = 1 + Math.floor(prng(11)() * 25);
    const run = await interrupted(stackName, ["destroy", "--yes", "--skip-preview"], writes);
    expect(run.interrupted).toBe(true);
    const left = checkpoint(stackName).resources.filter((r) => r.type === "pulumi-nodejs:dynamic/novu:Integration").length;
    process.stdout.write(`destroy killed after ${writes} deletes: ${left} integrations still in state\n${await recover(stackName, "destroy")}\n`);
    expect((await emu.control.state()).filter((i) => i.identifier.startsWith(`${prefix}-`) && !i.deleted)).toEqual([]);
    expect(checkpoint(stackName).resources).toEqual([]);
    expect((await cli(stackName, ["up", "--yes", "--skip-preview"])).code).toBe(0);
    await expectConverged(stackName, prefix, declared);
    void s;
  });

  it("recovers from a CI cancellation: SIGINT, then SIGKILL 7.5 s later, while Novu is slow", async () => {
    const prefix = "c0";
    const stackName = `e2e-${process.pid}-${prefix}`;
    const declared = declarations(prefix, 0);
    await newStack(stackName, declared);
    // Three creates take 10 s: they are still in flight when SIGKILL comes, and land in Novu after the CLI died.
    await emu.control.fault({ method: "POST", path: "/v1/integrations", fault: { type: "delay", ms: 10_000 }, times: 3 });
    const run = await interrupted(stackName, ["up", "--yes", "--skip-preview"], 5, { sigint: true, graceMs: 7500 });
    expect(run.interrupted).toBe(true);
    await sleep(3000); // the delayed creates land
    const recovery = await recover(stackName);
    process.stdout.write(`SIGINT then SIGKILL: ${run.signal ?? `exit ${run.code}`}\n${run.output.split("\n").filter((l) => /cancel|interrupt|signal/i.test(l)).join("\n")}\n${recovery}\n`);
    await expectConverged(stackName, prefix, declared);
    // The ledger costs a no-op `up` nothing: no write, only the one question of which environment
    // the key reaches (docs/environments.md; the benchmark's target), and the one list that asks
    // whether the primaries the stack declares are still theirs.
    await emu.control.clearRequests();
    expect((await cli(stackName, ["up", "--yes", "--skip-preview"])).code).toBe(0);
    expect((await emu.control.requests()).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/environments/me", "GET /v1/integrations"]);
  });

  it("still refuses a pre-existing integration with the declared identifier, also after a killed up", async () => {
    const prefix = "p0";
    const stackName = `e2e-${process.pid}-${prefix}`;
    const declared = declarations(prefix, 0);
    const taken = `${prefix}-expo-2`;
    const [seeded] = await emu.control.seed([
      { providerId: "expo", channel: "push", identifier: taken, name: "Made in the dashboard", active: true, _environmentId: emu.environments.development.id },
    ]);
    await newStack(stackName, declared);
    const advice = new RegExp(`identifier "${taken}" already exists and this stack did not create it \\(integration ${seeded!._id} held it before this stack declared the resource\\): set \`adopt: true\``);
    const first = await cli(stackName, ["up", "--yes", "--skip-preview"]);
    expect(first.code).not.toBe(0);
    expect(first.output).toMatch(advice);
    const run = await interrupted(stackName, ["up", "--yes", "--skip-preview"], 0, { delayMs: 1500 });
    await cli(stackName, ["cancel", "--yes"]);
    const again = await cli(stackName, ["up", "--yes", "--skip-preview"]);
    expect(again.code).not.toBe(0);
    expect(again.output).toMatch(advice);
    const holders = (await emu.control.state()).filter((i) => i.identifier === taken);
    expect(holders.map((i) => [i._id, i.name, i.deleted])).toEqual([[seeded!._id, "Made in the dashboard", false]]);
    expect(checkpoint(stackName).resources.filter((r) => r.urn.endsWith(`::${taken}`))).toEqual([]);
    void run;
  });

  it("does not wait for ever for a declaration whose identifier comes from another Integration's output", async () => {
    const mail = { providerId: "sendgrid", channel: "email" as const, credentials: { apiKey: "SG.x", from: "a@acme.dev", senderName: "Acme" } };
    const recorded = await ctx.inlineStack(
      "ledger-late",
      async () => {
        const first = new Integration("first-mail", mail);
        new Integration("second-mail", { ...mail, identifier: first.identifier.apply((id) => `${id}-2`) });
      },
      novuConfig(emu.url, emu.environments.development.apiKey),
    );
    await recorded.up();
    const resources: StateResource[] = (await recorded.stack.exportStack()).deployment.resources;
    const inputs = (name: string) => (resources.find((r) => r.urn.endsWith(`::${name}`)) as { inputs?: Record<string, unknown> }).inputs!;
    expect(inputs("first-mail").__ledgerEntry).toEqual({ key: "first-mail", preexisting: [] });
    // Declared only once "first-mail" existed, after the ledger: no entry, so a found identifier is refused as before.
    expect(inputs("second-mail").__ledgerEntry).toBeUndefined();
    expect((await emu.control.state()).filter((i) => i.identifier === "first-mail-2" && !i.deleted)).toHaveLength(1);
  });
});
