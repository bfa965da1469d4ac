/**
 * The offline-safe environment every Pulumi CLI run gets. Values the user already exported win,
 * so a team can point the same commands at its own backend or passphrase file.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../package-root";

export interface PulumiEnvironmentOptions {
  /** Directory for the default local backend and PULUMI_HOME (created if missing). */
  readonly stateDir: string;
  /** Directories to put first on PATH (the CLI's bin dir, Node 22's bin dir). */
  readonly pathPrefix: readonly string[];
  readonly base?: NodeJS.ProcessEnv;
  /** Told when the state dir still uses the published passphrase (stacks made before it had its own). */
  readonly onNotice?: (message: string) => void;
}

/**
 * The fixed passphrase earlier versions used for every local state dir. It is published, so it
 * protects nothing; state dirs made with it keep it (their stacks must still open) and are warned.
 */
export const LEGACY_PASSPHRASE = "pulumi-novu-local";

/** The state dir's own passphrase file (mode 0600), made on first use. */
export const PASSPHRASE_FILE = "passphrase";

export function pulumiEnvironment(opts: PulumiEnvironmentOptions): NodeJS.ProcessEnv {
  const base = opts.base ?? process.env;
  const env: NodeJS.ProcessEnv = { ...base };
  // First, before the backend and home below exist: a state dir that has them already is an old one.
  if (base.PULUMI_CONFIG_PASSPHRASE === undefined && !base.PULUMI_CONFIG_PASSPHRASE_FILE) {
    env.PULUMI_CONFIG_PASSPHRASE_FILE = statePassphraseFile(opts.stateDir, opts.onNotice);
  }
  const backendDir = path.resolve(opts.stateDir, "backend");
  const homeDir = path.resolve(opts.stateDir, "home");
  if (!base.PULUMI_HOME) {
    fs.mkdirSync(homeDir, { recursive: true });
    env.PULUMI_HOME = homeDir;
  }
  if (!base.PULUMI_BACKEND_URL) {
    fs.mkdirSync(backendDir, { recursive: true });
    env.PULUMI_BACKEND_URL = localBackendUrl(backendDir);
    carrySelectedStacks(env.PULUMI_HOME ?? homeDir, earlierLocalBackendUrl(backendDir), env.PULUMI_BACKEND_URL);
  }
  // No update checks and no plugin downloads: the machine may have no internet, and a missing
  // plugin should fail at once with its name rather than after minutes of retries.
  env.PULUMI_SKIP_UPDATE_CHECK ??= "true";
  env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION ??= "true";
  // Test runners set --inspect/--import flags that would leak into the provider's node process.
  env.NODE_OPTIONS = "";
  // Every command starts Node processes the engine waits for (the dynamic-provider host, our plugin,
  // our language host): Node's on-disk compile cache (Node >= 22.1; ignored before) saves about a
  // fifth of their start-up CPU. The plugin's launcher turns it on too, in the same directory.
  env.NODE_COMPILE_CACHE ??= path.join(os.tmpdir(), "node-compile-cache");
  // Our language host, for the launcher the cached CLI carries (pulumi-cli/locate.ts).
  env.PULUMI_NOVU_LANGUAGE_HOST ??= path.join(packageRoot(), "dist", "tools", "language-host", "main.js");
  env.PATH = [...opts.pathPrefix, base.PATH ?? ""].filter(Boolean).join(path.delimiter);
  return env;
}

/**
 * The default local backend. `metadata=skip`: Pulumi's file backend (gocloud's fileblob) otherwise
 * writes each checkpoint's `<stack>.json.attrs` sidecar in place, not by rename, so a deployment
 * killed mid-write (a cancelled CI job) can leave it empty, and every later command on the stack
 * fails with "failed to load checkpoint: EOF". Pulumi reads nothing from the sidecar.
 */
export function localBackendUrl(dir: string): string {
  return `${earlierLocalBackendUrl(dir)}?metadata=skip`;
}

/** The default local backend's URL before `metadata=skip`, under which stacks may have been selected. */
function earlierLocalBackendUrl(dir: string): string {
  return `file://${dir}`;
}

/**
 * Pulumi remembers the selected stack per project and per backend URL
 * (`<PULUMI_HOME>/workspaces/*-workspace.json`); the default backend's URL gained `?metadata=skip`,
 * so each project's selection under the old URL is carried to the new one once, and a team's
 * `pulumi up` keeps its stack instead of answering "no stack selected".
 */
export function carrySelectedStacks(homeDir: string, fromUrl: string, toUrl: string): void {
  const dir = path.join(homeDir, "workspaces");
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith("-workspace.json"));
  } catch {
    return; // no workspace yet: nothing was selected
  }
  for (const file of files) {
    const full = path.join(dir, file);
    try {
      const settings = JSON.parse(fs.readFileSync(full, "utf8")) as { stacks?: Record<string, string> };
      const selected = settings.stacks?.[fromUrl];
      if (selected === undefined || settings.stacks![toUrl] !== undefined) continue;
      settings.stacks![toUrl] = selected;
      fs.writeFileSync(full, JSON.stringify(settings, null, 4));
    } catch {
      // A file Pulumi itself cannot read either: left for Pulumi to report.
    }
  }
}

/**
 * `<stateDir>/passphrase`: a random passphrase made the first time the state dir is used, readable
 * by its owner only. A state dir that already has a backend or home but no file was made by a
 * version that used the published LEGACY_PASSPHRASE: the file then gets that one, so its stacks
 * keep opening, and every run says so until the user moves to a passphrase of their own.
 */
export function statePassphraseFile(stateDir: string, onNotice?: (message: string) => void): string {
  const file = path.resolve(stateDir, PASSPHRASE_FILE);
  if (!fs.existsSync(file)) {
    const legacy = ["backend", "home"].some((d) => fs.existsSync(path.resolve(stateDir, d)));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, legacy ? LEGACY_PASSPHRASE : randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (err) {
      // Another run made it at the same moment: use theirs.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  if (fs.readFileSync(file, "utf8").trim() === LEGACY_PASSPHRASE) {
    onNotice?.(
      `the stacks in ${path.resolve(stateDir)} are encrypted with the published passphrase "${LEGACY_PASSPHRASE}" ` +
        `(kept in ${file} so they still open): do not put real credentials in them. ` +
        "See docs/secrets.md (\"The local passphrase\") to move to a passphrase of your own.",
    );
  }
  return file;
}
