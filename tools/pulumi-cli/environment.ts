/**
 * The offline-safe environment every Pulumi CLI run gets. Values the user already exported win,
 * so a team can point the same commands at its own backend or passphrase file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../package-root";

export interface PulumiEnvironmentOptions {
  /** Directory for the default local backend and PULUMI_HOME (created if missing). */
  readonly stateDir: string;
  /** Directories to put first on PATH (the CLI's bin dir, Node 22's bin dir). */
  readonly pathPrefix: readonly string[];
  readonly base?: NodeJS.ProcessEnv;
}

/** The passphrase of the project-local dev backend; documented in the README. */
export const LOCAL_DEV_PASSPHRASE = "pulumi-novu-local";

export function pulumiEnvironment(opts: PulumiEnvironmentOptions): NodeJS.ProcessEnv {
  const base = opts.base ?? process.env;
  const env: NodeJS.ProcessEnv = { ...base };
  const backendDir = path.resolve(opts.stateDir, "backend");
  const homeDir = path.resolve(opts.stateDir, "home");
  if (!base.PULUMI_BACKEND_URL) {
    fs.mkdirSync(backendDir, { recursive: true });
    env.PULUMI_BACKEND_URL = `file://${backendDir}`;
  }
  if (!base.PULUMI_HOME) {
    fs.mkdirSync(homeDir, { recursive: true });
    env.PULUMI_HOME = homeDir;
  }
  if (base.PULUMI_CONFIG_PASSPHRASE === undefined && !base.PULUMI_CONFIG_PASSPHRASE_FILE) {
    env.PULUMI_CONFIG_PASSPHRASE = LOCAL_DEV_PASSPHRASE;
  }
  // No update checks and no plugin downloads: the machine may have no internet, and a missing
  // plugin should fail at once with its name rather than after minutes of retries.
  env.PULUMI_SKIP_UPDATE_CHECK ??= "true";
  env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION ??= "true";
  // Test runners set --inspect/--import flags that would leak into the provider's node process.
  env.NODE_OPTIONS = "";
  // Our language host, for the launcher the cached CLI carries (pulumi-cli/locate.ts).
  env.PULUMI_NOVU_LANGUAGE_HOST ??= path.join(packageRoot(), "dist", "tools", "language-host", "main.js");
  env.PATH = [...opts.pathPrefix, base.PATH ?? ""].filter(Boolean).join(path.delimiter);
  return env;
}
