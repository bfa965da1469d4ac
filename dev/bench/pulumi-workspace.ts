/**
 * Inline Pulumi programs for the bench, through the Automation API and the real CLI: a local file
 * backend and PULUMI_HOME in a temp dir, passphrase secrets, no network (as test/helpers/pulumi.ts
 * does for the tests; tools/ imports nothing from test/).
 */
import * as automation from "@pulumi/pulumi/automation";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../tools/package-root";
import { pulumiEnvironment } from "../../tools/pulumi-cli/environment";
import { locatePulumiCli } from "../../tools/pulumi-cli/locate";

const execFileAsync = promisify(execFile);

export interface BenchWorkspace {
  readonly cliVersion: string;
  /** The directory of the `pulumi` binary the bench runs. */
  readonly cliBinDir: string;
  /**
   * A new stack of an inline program; the program runs in this process. `plugins` are provider
   * plugins found by directory, as a project's `plugins: providers:` names them.
   */
  stack(project: string, program: automation.PulumiFn, config: automation.ConfigMap, plugins?: readonly PluginDir[]): Promise<automation.Stack>;
  /** `pulumi stack export` as a user runs it: secrets stay encrypted, so sizes are the real ones. */
  exportState(stack: automation.Stack): Promise<string>;
  cleanup(): void;
}

/** A provider plugin's directory: the engine runs `<path>/pulumi-resource-<name>`. */
export interface PluginDir {
  readonly name: string;
  readonly path: string;
}

export async function benchWorkspace(log: (line: string) => void): Promise<BenchWorkspace> {
  const located = await locatePulumiCli({ log });
  const cli = await automation.PulumiCommand.get({ root: path.dirname(located.binDir) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-novu-bench-"));
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };
  const env = pulumiEnvironment({ stateDir: dir, pathPrefix: [...located.pathPrefix, path.dirname(process.execPath)], base });
  const envVars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const root = packageRoot(__dirname);
  return {
    cliVersion: located.version,
    cliBinDir: located.binDir,
    async stack(project, program, config, plugins) {
      const stack = await automation.LocalWorkspace.createOrSelectStack(
        { stackName: "bench", projectName: project, program },
        {
          pulumiCommand: cli,
          envVars,
          // Inside our temp dir, which is removed afterwards (the Automation API would leave one in /tmp per stack).
          workDir: fs.mkdtempSync(path.join(dir, "inline-")),
          // The provider process starts in the package root, so it resolves pulumi-novu itself.
          projectSettings: {
            name: project,
            runtime: "nodejs",
            main: root,
            backend: { url: envVars.PULUMI_BACKEND_URL! },
            ...(plugins && { plugins: { providers: plugins.map((p) => ({ name: p.name, path: p.path })) } }),
          },
        },
      );
      await stack.setAllConfig(config);
      return stack;
    },
    async exportState(stack) {
      const { stdout } = await execFileAsync(cli.command, ["stack", "export", "--stack", stack.name, "--non-interactive"], {
        cwd: stack.workspace.workDir,
        env: { ...process.env, ...envVars },
        maxBuffer: 256 * 1024 * 1024,
      });
      return stdout;
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
