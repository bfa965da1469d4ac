/**
 * Finds a Pulumi CLI whose version matches our `@pulumi/pulumi` SDK, in this order:
 * a `pulumi` on PATH, a cached build, or a fresh build from the Go module proxy (no prebuilt CLI
 * can be downloaded on an offline machine). A CLI of ours also gets the Pulumi YAML language host
 * beside it, built the same way when missing. Everything lives outside the checkout.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../package-root";
import { parseCliVersion, PULUMI_YAML_VERSION, pulumiSdkDir, requiredPulumiVersion } from "./version";

export interface PulumiCli {
  /**
   * Directory holding `pulumi`, the dynamic-provider launcher, the launcher of our Node.js language
   * host and (if it could be built) the Pulumi YAML language host.
   */
  readonly binDir: string;
  readonly version: string;
  readonly source: "path" | "cache" | "built";
  /** Directories to put first on PATH: the CLI's own (the Automation API does the same). */
  readonly pathPrefix: readonly string[];
}

export class PulumiCliUnavailableError extends Error {
  override readonly name = "PulumiCliUnavailableError";
}

export type Log = (line: string) => void;

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PULUMI_NOVU_CACHE_DIR) return env.PULUMI_NOVU_CACHE_DIR;
  const xdg = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(xdg, "pulumi-novu");
}

function cliVersionAt(pulumi: string): string | undefined {
  if (!fs.existsSync(pulumi)) return undefined;
  const r = spawnSync(pulumi, ["version"], {
    encoding: "utf8",
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    timeout: 30_000,
  });
  return r.status === 0 ? parseCliVersion(r.stdout) : undefined;
}

/** A binary's size and modification time: a rebuilt or replaced binary has another. */
function binaryIdentity(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    return `${st.size} ${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** The version a stamp file (`<version> <size> <mtime>`) records for `binary`, if it is still the same file. */
function stampedVersion(stampFile: string, binary: string): string | undefined {
  const identity = binaryIdentity(binary);
  if (!identity) return undefined;
  try {
    const [version, ...rest] = fs.readFileSync(stampFile, "utf8").trim().split(" ");
    if (version && rest.join(" ") === identity) return version;
  } catch {
    /* not stamped yet */
  }
  return undefined;
}

function writeStamp(stampFile: string, binary: string, version: string): void {
  try {
    fs.writeFileSync(stampFile, `${version} ${binaryIdentity(binary)}\n`);
  } catch {
    /* a read-only cache still works, only slower */
  }
}

/**
 * The version of the cached CLI, without starting it (~0.4 s) when it is the binary we checked
 * before: the check's answer is kept beside it with the binary's size and modification time, so a
 * rebuilt or replaced binary is asked again.
 */
function cachedCliVersionAt(pulumi: string): string | undefined {
  const stampFile = path.join(path.dirname(pulumi), ".pulumi-novu-version");
  if (!binaryIdentity(pulumi)) return undefined;
  const stamped = stampedVersion(stampFile, pulumi);
  if (stamped) return stamped;
  const version = cliVersionAt(pulumi);
  if (version) writeStamp(stampFile, pulumi, version);
  return version;
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      /* keep looking */
    }
  }
  return undefined;
}

/** The launcher ships inside @pulumi/pulumi; the engine looks for it next to `pulumi`. */
function ensureDynamicProviderLauncher(binDir: string): void {
  const target = path.join(binDir, "pulumi-resource-pulumi-nodejs");
  if (fs.existsSync(target)) return;
  fs.copyFileSync(path.join(pulumiSdkDir(), "pulumi-resource-pulumi-nodejs"), target);
  fs.chmodSync(target, 0o755);
}

/**
 * The Go language host is not on the module proxy, so the cached CLI gets a launcher for ours
 * (tools/language-host), which comes with pulumi-novu. The engine starts language hosts in the
 * project's directory, so the launcher finds the host there, as `pulumi-novu/language-host` of the
 * project's own pulumi-novu (an installed dependency, or this repository itself); a
 * PULUMI_NOVU_LANGUAGE_HOST that names the host's script wins. One cached CLI serves every project
 * and checkout, and works when run directly as `pulumi`.
 */
export const LANGUAGE_HOST_LAUNCHER = [
  "#!/bin/sh",
  "# Written by pulumi-novu: runs its Node.js language host (see its DESIGN.md).",
  'host="$PULUMI_NOVU_LANGUAGE_HOST"',
  'if [ -z "$host" ]; then',
  `  host=$(node -e 'try { process.stdout.write(require("node:module").createRequire(process.cwd() + "/_.js").resolve("pulumi-novu/language-host")) } catch {}')`,
  "fi",
  'if [ -z "$host" ]; then',
  '  echo "pulumi-language-nodejs: this Pulumi project ($(pwd)) does not have pulumi-novu installed, whose Node.js language host this Pulumi CLI uses: run npm install @pulumi/pulumi pulumi-novu in it" >&2',
  "  exit 1",
  "fi",
  'exec node "$host" "$@"',
  "",
].join("\n");

function ensureLanguageHostLauncher(binDir: string): void {
  const target = path.join(binDir, "pulumi-language-nodejs");
  // Rewritten when a newer pulumi-novu changes it, so an older cache gets the current launcher.
  if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === LANGUAGE_HOST_LAUNCHER) return;
  fs.writeFileSync(`${target}.tmp`, LANGUAGE_HOST_LAUNCHER, { mode: 0o755 });
  fs.renameSync(`${target}.tmp`, target);
}

function pathPrefixFor(binDir: string): string[] {
  return [binDir];
}

function sameDir(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
}

export interface LocateOptions {
  readonly log?: Log;
  /** false: never build (the CLI or the YAML host); a CLI that is neither on PATH nor cached is an error. */
  readonly build?: boolean;
  /** Builds the YAML host instead of scripts/build-pulumi-yaml.sh (tests). */
  readonly buildYamlHost?: YamlHostBuilder;
}

export async function locatePulumiCli(opts: LocateOptions = {}): Promise<PulumiCli> {
  const log = opts.log ?? ((l: string) => process.stderr.write(l + "\n"));
  const version = requiredPulumiVersion();
  const binDir = path.join(cacheRoot(), `pulumi-v${version}`, "bin");
  const yamlHost = () => ensureYamlLanguageHost(binDir, { log, build: opts.build, builder: opts.buildYamlHost });

  const fromPath = onPath("pulumi", process.env);
  if (fromPath && cliVersionAt(fromPath) === version) {
    const pathBinDir = path.dirname(fromPath);
    // Our own cache exported on PATH (`pulumi-novu install-cli`) is completed like a cached CLI.
    // Any other installation is not ours to write into: a Pulumi release brings its own YAML host,
    // and when one is missing Pulumi itself names it as soon as a YAML program runs.
    if (sameDir(pathBinDir, binDir)) await yamlHost();
    return { binDir: pathBinDir, version, source: "path", pathPrefix: pathPrefixFor(pathBinDir) };
  }

  if (cachedCliVersionAt(path.join(binDir, "pulumi")) === version) {
    ensureDynamicProviderLauncher(binDir);
    ensureLanguageHostLauncher(binDir);
    await yamlHost();
    return { binDir, version, source: "cache", pathPrefix: pathPrefixFor(binDir) };
  }

  if (opts.build === false) {
    throw new PulumiCliUnavailableError(`Pulumi CLI v${version} is not on PATH and not cached in ${binDir}.`);
  }
  await withBuildLock(path.dirname(binDir), log, "the Pulumi CLI", async () => {
    if (cliVersionAt(path.join(binDir, "pulumi")) !== version) await buildPulumiCli(version, binDir, log);
  });
  ensureDynamicProviderLauncher(binDir);
  ensureLanguageHostLauncher(binDir);
  await yamlHost();
  return { binDir, version, source: "built", pathPrefix: pathPrefixFor(binDir) };
}

export type YamlHostBuilder = (version: string, binDir: string, log: Log) => Promise<void>;

/** Beside the YAML host we built: `<version> <size> <mtime>`, like the CLI's `.pulumi-novu-version`. */
export const YAML_HOST_STAMP = ".pulumi-language-yaml-version";
/** Beside it after a failed build: `<version> <epoch ms>`; the build is not tried again before YAML_HOST_RETRY_MS. */
export const YAML_HOST_FAILED = ".pulumi-language-yaml-failed";
/** Long enough that a build that fails (the module proxy unreachable, say) does not slow every command. */
export const YAML_HOST_RETRY_MS = 3600_000;

/**
 * Makes sure `binDir` (a CLI of ours) holds `pulumi-language-yaml` at PULUMI_YAML_VERSION, building
 * it from the Go module proxy when missing: the engine finds language hosts next to `pulumi`, and
 * no prebuilt one can be downloaded offline. The CLI works without it (only `runtime: yaml`
 * programs need it), so a build that cannot run or fails is logged, not thrown, and a failure is
 * retried after an hour. Returns whether the host is there afterwards.
 */
export async function ensureYamlLanguageHost(
  binDir: string,
  opts: { log: Log; build?: boolean; builder?: YamlHostBuilder; now?: () => number },
): Promise<boolean> {
  const version = PULUMI_YAML_VERSION;
  const host = path.join(binDir, "pulumi-language-yaml");
  const stamp = path.join(binDir, YAML_HOST_STAMP);
  const failed = path.join(binDir, YAML_HOST_FAILED);
  const logFile = yamlBuildLog(binDir);
  const now = opts.now ?? Date.now;
  if (stampedVersion(stamp, host) === version) return true;
  if (opts.build === false) return false;

  const what = `pulumi-language-yaml v${version}`;
  const noYaml = "Pulumi YAML programs (runtime: yaml) will not run with this CLI";
  const [failedVersion, failedAt] = (fs.existsSync(failed) ? fs.readFileSync(failed, "utf8") : "").trim().split(" ");
  if (failedVersion === version && now() - Number(failedAt) < YAML_HOST_RETRY_MS) {
    const retry = new Date(Number(failedAt) + YAML_HOST_RETRY_MS).toTimeString().slice(0, 5);
    opts.log(`[pulumi-cli] ${what} is missing from ${binDir}: its last build failed (log: ${logFile}); ${noYaml}. Retried after ${retry}, or at once when you delete ${failed}.`);
    return false;
  }
  const builder = opts.builder ?? (onPath("go", process.env) ? buildYamlLanguageHost : undefined);
  if (!builder) {
    opts.log(`[pulumi-cli] ${what} is missing from ${binDir} and Go is not installed to build it: ${noYaml}. Install Go >= 1.24 to have it built.`);
    return false;
  }
  return withBuildLock(path.dirname(binDir), opts.log, what, async () => {
    if (stampedVersion(stamp, host) === version) return true; // built by the process we waited for
    try {
      await builder(version, binDir, opts.log);
      if (!fs.existsSync(host)) throw new PulumiCliUnavailableError(`the build wrote no ${host}`);
    } catch (err) {
      opts.log(`[pulumi-cli] ${(err as Error).message}`);
      opts.log(`[pulumi-cli] ${noYaml}; the build is tried again in an hour, or at once when you delete ${failed}.`);
      try {
        // The build may have failed before it made the bin dir (the module proxy unreachable, say).
        fs.mkdirSync(binDir, { recursive: true });
        fs.writeFileSync(failed, `${version} ${now()}\n`);
      } catch {
        /* read-only cache: tried again next time */
      }
      return false;
    }
    writeStamp(stamp, host, version);
    fs.rmSync(failed, { force: true });
    return true;
  });
}

/** Two test workers (or a test and a demo) must not build into the same cache dir at once. */
async function withBuildLock<T>(dir: string, log: Log, what: string, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, ".build.lock");
  let waited = 0;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })!.mtimeMs;
      // A build never takes two hours; a lock that old was left by a killed process.
      if (age > 2 * 3600_000) fs.rmSync(lock, { recursive: true, force: true });
      if (waited % 60 === 0) log(`[pulumi-cli] another process is building ${what} in ${dir}; waiting (${waited}s)`);
      await new Promise((r) => setTimeout(r, 5000));
      waited += 5;
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

async function buildPulumiCli(version: string, binDir: string, log: Log): Promise<void> {
  if (!onPath("go", process.env)) {
    throw new PulumiCliUnavailableError(
      `Pulumi CLI v${version} is not on PATH and not cached, and Go is not installed to build it: ` +
        `install Go >= 1.25 (the build fetches modules from the Go module proxy) or put pulumi v${version} on PATH.`,
    );
  }
  await runBuildScript({
    what: `Pulumi CLI v${version}`,
    script: "build-pulumi-cli.sh",
    args: [version, binDir, pulumiSdkDir()],
    binDir,
    logFile: path.join(path.dirname(binDir), "build.log"),
    prefix: "[pulumi-cli]",
    log,
  });
}

function yamlBuildLog(binDir: string): string {
  return path.join(path.dirname(binDir), "pulumi-language-yaml-build.log");
}

/** The default YamlHostBuilder: scripts/build-pulumi-yaml.sh, logged beside the CLI's build log. */
async function buildYamlLanguageHost(version: string, binDir: string, log: Log): Promise<void> {
  await runBuildScript({
    what: `pulumi-language-yaml v${version}`,
    script: "build-pulumi-yaml.sh",
    args: [version, binDir],
    binDir,
    logFile: yamlBuildLog(binDir),
    prefix: "[pulumi-yaml]",
    log,
  });
}

/**
 * Runs one of our build scripts with its whole output in `logFile`, showing its `prefix` step lines
 * and a heartbeat every minute; a failure throws with the log's last lines.
 */
async function runBuildScript(b: {
  what: string;
  script: string;
  args: string[];
  binDir: string;
  logFile: string;
  prefix: string;
  log: Log;
}): Promise<void> {
  const { what, logFile, prefix, log } = b;
  const out = fs.createWriteStream(logFile);
  const started = Date.now();
  log(`${prefix} building ${what} from the Go module proxy into ${b.binDir} (log: ${logFile})`);
  const child = spawn("bash", [path.join(packageRoot(), "scripts", b.script), ...b.args], { stdio: ["ignore", "pipe", "pipe"] });
  const forward = (chunk: Buffer) => {
    out.write(chunk);
    for (const line of chunk.toString("utf8").split("\n")) if (line.startsWith(prefix)) log(line);
  };
  child.stdout.on("data", forward);
  child.stderr.on("data", forward);
  const heartbeat = setInterval(() => {
    log(`${prefix} still building ${what}… ${Math.round((Date.now() - started) / 60_000)} min elapsed`);
  }, 60_000);
  const code: number = await new Promise((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  clearInterval(heartbeat);
  await new Promise((r) => out.end(r));
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n");
    throw new PulumiCliUnavailableError(`building ${what} failed (exit ${code}); last lines of ${logFile}:\n${tail}`);
  }
  log(`${prefix} built ${what} in ${Math.round((Date.now() - started) / 1000)}s`);
}
