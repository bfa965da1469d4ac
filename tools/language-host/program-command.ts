/**
 * Pure: a `RunRequest` → the `node …/@pulumi/pulumi/cmd/run` command line and environment, as the
 * Go host `pulumi-language-nodejs` builds them (sdk/nodejs/cmd/pulumi-language-nodejs/main.go).
 */

export interface RunSpec {
  readonly monitorAddress: string;
  readonly engineAddress: string;
  readonly organization: string;
  readonly project: string;
  readonly stack: string;
  readonly rootDirectory: string;
  readonly programDirectory: string;
  readonly entryPoint: string;
  readonly dryRun: boolean;
  readonly parallel: number;
  readonly args: readonly string[];
  readonly config: ReadonlyMap<string, string>;
  readonly configSecretKeys: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
}

export interface ProgramCommand {
  readonly args: string[];
  readonly env: Record<string, string>;
}

export function programCommand(spec: RunSpec, runScript: string): ProgramCommand {
  const flag = (name: string, value: string) => (value ? [`--${name}`, value] : []);
  const nodeargs = typeof spec.options.nodeargs === "string" ? spec.options.nodeargs.split(/\s+/).filter(Boolean) : [];
  const args = [
    ...nodeargs,
    runScript,
    ...flag("monitor", spec.monitorAddress),
    ...flag("engine", spec.engineAddress),
    ...flag("organization", spec.organization),
    ...flag("project", spec.project),
    ...flag("root-directory", spec.rootDirectory),
    ...flag("stack", spec.stack),
    ...flag("pwd", spec.programDirectory),
    ...(spec.dryRun ? ["--dry-run"] : []),
    "--parallel",
    String(spec.parallel),
    spec.entryPoint || ".",
    ...spec.args,
  ];
  const env: Record<string, string> = {
    PULUMI_CONFIG: JSON.stringify(Object.fromEntries([...spec.config].map(([k, v]) => [configKey(k), v]))),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(spec.configSecretKeys),
  };
  if (spec.options.typescript !== false) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (typeof spec.options.tsconfig === "string") env.PULUMI_NODEJS_TSCONFIG_PATH = spec.options.tsconfig;
  return { args, env };
}

/** The SDK reads config keys as `ns:config:name`; the engine sends `ns:name`. */
export function configKey(key: string): string {
  const i = key.indexOf(":");
  return i < 0 || key.slice(i + 1).startsWith("config:") ? key : `${key.slice(0, i)}:config:${key.slice(i + 1)}`;
}

/** Exit code 32 means the program already reported its error to the engine ("bail"). */
export function runOutcome(code: number | null, signal: string | null): { error: string; bail: boolean } {
  if (code === 0) return { error: "", bail: false };
  if (code === 32) return { error: "", bail: true };
  return { error: `Program exited with non-zero exit code: ${code ?? signal}`, bail: false };
}

