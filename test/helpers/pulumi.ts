/**
 * Drives the real Pulumi CLI and engine through the Automation API: a local file backend and
 * PULUMI_HOME in a temp dir, passphrase secrets, no network. Each e2e test is then a few lines:
 *
 *     const stack = await ctx.inlineStack("primary", () => { new Integration(...) }, novuConfig(emu));
 *     await stack.up();   // preview, up with its own preview, preview --expect-no-changes
 */
import * as automation from "@pulumi/pulumi/automation";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../tools/package-root";
import { pulumiEnvironment } from "../../tools/pulumi-cli/environment";
import { isStateSecret, plain } from "../../tools/recover/checkpoint";
import { locatePulumiCli } from "../../tools/pulumi-cli/locate";

export interface PulumiTestContext {
  readonly cli: automation.PulumiCommand;
  readonly version: string;
  readonly envVars: Record<string, string>;
  readonly dir: string;
  /** An inline program's stack; the program runs in this (jest) process. */
  inlineStack(name: string, program: automation.PulumiFn, config?: automation.ConfigMap, settings?: Partial<automation.ProjectSettings> & { plugins?: { providers?: { name: string; path: string }[] } }): Promise<RecordedStack>;
  /** A stack of a Pulumi.yaml project on disk, run by the language host. */
  projectStack(workDir: string, stackName: string, config?: automation.ConfigMap): Promise<RecordedStack>;
  /** The CLI itself, with the test environment, in `cwd`; never throws on a non-zero exit. */
  runCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }>;
  /** The CLI started in a process group of its own, so a test can kill it with its plugins, as a CI runner does. */
  spawnCli(args: string[], cwd: string): ChildProcess;
  cleanup(): Promise<void>;
}

/**
 * How `up` applies a change: as a team does, `pulumi preview` (what a pull request shows), then
 * `pulumi up` with its own preview, then `pulumi preview --expect-no-changes` (the next pull
 * request, or the morning's drift check, must find nothing to do). Leave a step out only where the
 * test says why.
 */
export interface UpShape {
  /** Run `pulumi preview` first. Default true. */
  readonly preview?: boolean;
  /** Run `pulumi preview --expect-no-changes` after a successful `up`. Default true. */
  readonly settled?: boolean;
}

/**
 * What an engine command's run tells: its output and the engine's own summary of it (the counts
 * the CLI prints under "Resources:"), taken from the command's event stream.
 */
export interface EngineResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly summary: { readonly result: "succeeded"; readonly resourceChanges: automation.OpMap };
}

/** A stack whose every CLI output line is kept, so tests can scan it for secrets. */
export interface RecordedStack {
  readonly stack: automation.Stack;
  readonly output: string[];
  /** preview, `up` with its own preview, clean preview (UpShape); the result is the `up`'s. */
  up(opts?: automation.UpOptions & UpShape): Promise<EngineResult>;
  /**
   * `pulumi up --skip-preview` alone (the Automation API's `up`), as a CI pipeline runs it after a
   * pull request's preview: one command. For the steps that only bring a stack to where a test
   * starts (its fixture), and for a test that must not preview (it says why), e.g. one that counts
   * the requests of `up` itself. The change a test is about runs `up()`'s whole shape.
   */
  upSkipPreview(opts?: automation.UpOptions): Promise<EngineResult>;
  preview(opts?: automation.PreviewOptions): Promise<automation.PreviewResult>;
  refresh(opts?: automation.RefreshOptions): Promise<EngineResult>;
  destroy(opts?: automation.DestroyOptions): Promise<EngineResult>;
  /**
   * The stack's outputs as the last `up` recorded them, secrets shown and marked, from one `pulumi
   * stack export --show-secrets` (the Automation API's `outputs()` runs `pulumi stack output` twice).
   */
  outputs(): Promise<automation.OutputMap>;
  /**
   * `pulumi stack export` as a user runs it (secrets stay encrypted). The Automation API's
   * `exportStack()` passes `--show-secrets`, so it is not what a user or CI log would see.
   */
  exportState(): Promise<string>;
}

const execFileAsync = promisify(execFile);
let announced = false;

export async function pulumiTestContext(): Promise<PulumiTestContext> {
  const located = await locatePulumiCli({ log: (l) => process.stderr.write(l + "\n") });
  const cli = await automation.PulumiCommand.get({ root: path.dirname(located.binDir), skipVersionCheck: false });
  if (!announced) {
    // Shows in the test output that a real CLI ran, and which.
    process.stdout.write(`e2e: Pulumi CLI v${located.version} (${located.source}) at ${located.binDir}\n`);
    announced = true;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-novu-e2e-"));
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };
  const env = pulumiEnvironment({ stateDir: dir, pathPrefix: [...located.pathPrefix, path.dirname(process.execPath)], base });
  const envVars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const root = packageRoot(__dirname);

  const record = (stack: automation.Stack): RecordedStack => {
    const exportState = async (...flags: string[]) =>
      (
        await execFileAsync(cli.command, ["stack", "export", ...flags, "--stack", stack.name, "--non-interactive"], {
          cwd: stack.workspace.workDir,
          env: { ...process.env, ...envVars },
          maxBuffer: 64 * 1024 * 1024,
        })
      ).stdout;
    const output: string[] = [];
    const onOutput = (line: string) => output.push(line);
    return {
      stack,
      output,
      async up(o = {}) {
        const { preview = true, settled = true, ...opts } = o;
        const shared = { onOutput, target: opts.target, replace: opts.replace, refresh: opts.refresh, parallel: opts.parallel };
        if (preview) await stack.preview(shared);
        const result = await withEngineSummary(stack, opts, (withSummary) => upWithItsPreview(stack, { onOutput, ...withSummary }));
        if (settled) await stack.preview({ onOutput, expectNoChanges: true, parallel: opts.parallel });
        return result;
      },
      upSkipPreview: (o = {}) => withEngineSummary(stack, o, (withSummary) => stack.up({ onOutput, ...withSummary })),
      preview: (o) => stack.preview({ onOutput, ...o }),
      refresh: (o = {}) => withEngineSummary(stack, o, (withSummary) => stack.refresh({ onOutput, ...withSummary })),
      destroy: (o = {}) => withEngineSummary(stack, o, (withSummary) => stack.destroy({ onOutput, ...withSummary })),
      async outputs() {
        const exported = JSON.parse(await exportState("--show-secrets"));
        const root = (exported.deployment.resources ?? []).find((r: { type: string }) => r.type === "pulumi:pulumi:Stack");
        return Object.fromEntries(Object.entries((root?.outputs ?? {}) as Record<string, unknown>).map(([k, v]) => [k, { value: plain(v), secret: isStateSecret(v) }]));
      },
      exportState: () => exportState(),
    };
  };

  return {
    cli,
    version: located.version,
    envVars,
    dir,
    async inlineStack(name, program, config = {}, settings = {}) {
      const args = { stackName: "test", projectName: name, program };
      const opts: automation.LocalWorkspaceOptions = {
        pulumiCommand: cli,
        envVars,
        // Inside our temp dir, which is removed afterwards (the Automation API would leave one in /tmp per stack).
        workDir: fs.mkdtempSync(path.join(dir, "inline-")),
        // The provider process starts in `main`: the package root, so it resolves pulumi-novu itself.
        projectSettings: { name, runtime: "nodejs", main: root, backend: { url: envVars.PULUMI_BACKEND_URL! }, ...settings },
      };
      const stack = await createOrSelect(
        () => automation.LocalWorkspace.createStack(args, opts),
        () => automation.LocalWorkspace.selectStack(args, opts),
      );
      await stack.setAllConfig(config);
      return record(stack);
    },
    async projectStack(workDir, stackName, config = {}) {
      const stack = await createOrSelect(
        () => automation.LocalWorkspace.createStack({ stackName, workDir }, { pulumiCommand: cli, envVars }),
        () => automation.LocalWorkspace.selectStack({ stackName, workDir }, { pulumiCommand: cli, envVars }),
      );
      await stack.setAllConfig(config);
      return record(stack);
    },
    runCli(args, cwd) {
      return new Promise((resolve) => {
        execFile(cli.command, [...args, "--non-interactive"], { cwd, env: { ...process.env, ...envVars }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : 1) : 0;
          resolve({ code, stdout, stderr });
        });
      });
    },
    spawnCli(args, cwd) {
      return spawn(cli.command, [...args, "--non-interactive"], { cwd, env: { ...process.env, ...envVars }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    },
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The Automation API's createOrSelectStack runs `pulumi stack select` first, which fails for the
 * new stack nearly every test opens, then `stack init`: create first saves a CLI process per stack.
 */
async function createOrSelect(create: () => Promise<automation.Stack>, select: () => Promise<automation.Stack>): Promise<automation.Stack> {
  try {
    return await create();
  } catch (err) {
    if (err instanceof automation.StackAlreadyExistsError) return select();
    throw err;
  }
}

/**
 * `pulumi up --yes` as a user runs it, previewing first. The Automation API's `up()` always adds
 * `--skip-preview` (pulumi-notes §13) and has no option against it, so the flag is taken out of
 * the one command it runs; everything else (the inline program's language server, outputs and
 * summary) is the Automation API's own.
 */
async function upWithItsPreview(stack: automation.Stack, opts: automation.UpOptions): Promise<automation.UpResult> {
  const internal = stack as unknown as { runPulumiCmd(args: string[], ...rest: unknown[]): Promise<unknown> };
  const run = internal.runPulumiCmd;
  internal.runPulumiCmd = (args, ...rest) => run.call(stack, args[0] === "up" ? args.filter((a) => a !== "--skip-preview") : args, ...rest);
  try {
    return await stack.up(opts);
  } finally {
    internal.runPulumiCmd = run;
  }
}

/**
 * Runs one engine command and returns what it printed with the engine's summary event, instead of
 * the Automation API's result: after `up` it runs `pulumi stack output` twice and `pulumi stack
 * history` (after refresh and destroy, the history), three more CLI processes that decrypt the
 * stack's secrets, about a CPU-second per `up` that shows nothing about the engine. A test that
 * wants the outputs asks for them (`outputs()`).
 */
async function withEngineSummary<O extends { onEvent?: (event: automation.EngineEvent) => void }>(
  stack: automation.Stack,
  opts: O,
  run: (opts: O) => Promise<{ stdout: string; stderr: string }>,
): Promise<EngineResult> {
  let summary: automation.SummaryEvent | undefined;
  const onEvent = (event: automation.EngineEvent) => {
    if (event.summaryEvent) summary = event.summaryEvent;
    opts.onEvent?.(event);
  };
  const internal = stack as unknown as { outputs(): Promise<unknown>; info(): Promise<unknown> };
  internal.outputs = async () => ({});
  internal.info = async () => undefined;
  try {
    const { stdout, stderr } = await run({ ...opts, onEvent });
    if (!summary) throw new Error("the engine sent no summary event for a command that succeeded");
    return { stdout, stderr, summary: { result: "succeeded", resourceChanges: summary.resourceChanges } };
  } finally {
    // The instance's own methods hide the prototype's; removing them brings those back.
    delete (internal as Partial<typeof internal>).outputs;
    delete (internal as Partial<typeof internal>).info;
  }
}

/**
 * An inline program whose CLI has ended (a preview that stopped at a failed check) can still have
 * calls to the engine in flight; they fail UNAVAILABLE or CANCELLED after the Automation API's run
 * has removed its handlers, and jest would blame the whole file. The Automation API treats exactly
 * these as the engine having gone (`isGrpcError` in @pulumi/pulumi/errors); so do the tests. Any
 * other unhandled rejection still fails the file.
 */
function ignoreEngineGoneAfterRuns(): void {
  const engineGone = (reason: unknown) => [1, 14].includes((reason as { code?: unknown } | undefined)?.code as number); // CANCELLED, UNAVAILABLE
  const onRejection = (reason: unknown) => {
    if (!engineGone(reason)) throw reason;
  };
  beforeAll(() => void process.on("unhandledRejection", onRejection));
  afterAll(() => void process.off("unhandledRejection", onRejection));
}

/** Stack config pointing the provider at an emulator. */
export function novuConfig(apiUrl: string, secretKey: string): automation.ConfigMap {
  return {
    "novu:apiUrl": { value: apiUrl },
    "novu:secretKey": { value: secretKey, secret: true },
  };
}

/**
 * A Pulumi test context for the whole jest file: created before its tests (building the CLI once
 * if the machine has none yet) and removed after them. Use it inside tests and hooks.
 */
export function withPulumi(): PulumiTestContext {
  let ctx: PulumiTestContext | undefined;
  ignoreEngineGoneAfterRuns();
  beforeAll(async () => {
    ctx = await pulumiTestContext();
  }, 45 * 60_000);
  afterAll(() => ctx?.cleanup());
  const current = (): PulumiTestContext => {
    if (!ctx) throw new Error("withPulumi(): use the context inside tests or hooks");
    return ctx;
  };
  return {
    get cli() {
      return current().cli;
    },
    get version() {
      return current().version;
    },
    get envVars() {
      return current().envVars;
    },
    get dir() {
      return current().dir;
    },
    inlineStack: (...args) => current().inlineStack(...args),
    projectStack: (...args) => current().projectStack(...args),
    runCli: (...args) => current().runCli(...args),
    spawnCli: (...args) => current().spawnCli(...args),
    cleanup: () => current().cleanup(),
  };
}
