/**
 * Finds a Pulumi CLI whose version matches our `@pulumi/pulumi` SDK, in this order:
 * a `pulumi` on PATH, a cached build, or a fresh build from the Go module proxy (no prebuilt CLI
 * can be downloaded on an offline machine). Everything lives outside the checkout.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../package-root";
import { parseCliVersion, pulumiSdkDir, requiredPulumiVersion } from "./version";

export interface PulumiCli {
  /** Directory holding `pulumi`, the dynamic-provider launcher and (if it could be built) the Node.js language host. */
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

/**
 * The version of the cached CLI, without starting it (~0.4 s) when it is the binary we checked
 * before: the check's answer is kept beside it with the binary's size and modification time, so a
 * rebuilt or replaced binary is asked again.
 */
function cachedCliVersionAt(pulumi: string): string | undefined {
  const stampFile = path.join(path.dirname(pulumi), ".pulumi-novu-version");
  let identity: string;
  try {
    const st = fs.statSync(pulumi);
    identity = `${st.size} ${st.mtimeMs}`;
  } catch {
    return undefined;
  }
  try {
    const [version, ...rest] = fs.readFileSync(stampFile, "utf8").trim().split(" ");
    if (version && rest.join(" ") === identity) return version;
  } catch {
    /* not checked yet */
  }
  const version = cliVersionAt(pulumi);
  if (version) {
    try {
      fs.writeFileSync(stampFile, `${version} ${identity}\n`);
    } catch {
      /* a read-only cache still works, only slower */
    }
  }
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

export async function locatePulumiCli(opts: { log?: Log; build?: boolean } = {}): Promise<PulumiCli> {
  const log = opts.log ?? ((l: string) => process.stderr.write(l + "\n"));
  const version = requiredPulumiVersion();

  const fromPath = onPath("pulumi", process.env);
  if (fromPath && cliVersionAt(fromPath) === version) {
    const binDir = path.dirname(fromPath);
    return { binDir, version, source: "path", pathPrefix: pathPrefixFor(binDir) };
  }

  const binDir = path.join(cacheRoot(), `pulumi-v${version}`, "bin");
  if (cachedCliVersionAt(path.join(binDir, "pulumi")) === version) {
    ensureDynamicProviderLauncher(binDir);
    ensureLanguageHostLauncher(binDir);
    return { binDir, version, source: "cache", pathPrefix: pathPrefixFor(binDir) };
  }

  if (opts.build === false) {
    throw new PulumiCliUnavailableError(`Pulumi CLI v${version} is not on PATH and not cached in ${binDir}.`);
  }
  await withBuildLock(path.dirname(binDir), log, async () => {
    if (cliVersionAt(path.join(binDir, "pulumi")) !== version) await buildPulumiCli(version, binDir, log);
  });
  ensureDynamicProviderLauncher(binDir);
  ensureLanguageHostLauncher(binDir);
  return { binDir, version, source: "built", pathPrefix: pathPrefixFor(binDir) };
}

/** Two test workers (or a test and a demo) must not build the same CLI at once. */
async function withBuildLock<T>(dir: string, log: Log, fn: () => Promise<T>): Promise<T> {
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
      if (waited % 60 === 0) log(`[pulumi-cli] another process is building the Pulumi CLI; waiting (${waited}s)`);
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
  const logFile = path.join(path.dirname(binDir), "build.log");
  const out = fs.createWriteStream(logFile);
  const started = Date.now();
  log(`[pulumi-cli] building Pulumi CLI v${version} from the Go module proxy into ${binDir} (log: ${logFile})`);
  const script = path.join(packageRoot(), "scripts", "build-pulumi-cli.sh");
  const child = spawn("bash", [script, version, binDir, pulumiSdkDir()], { stdio: ["ignore", "pipe", "pipe"] });
  const forward = (chunk: Buffer) => {
    out.write(chunk);
    for (const line of chunk.toString("utf8").split("\n")) if (line.startsWith("[pulumi-cli]")) log(line);
  };
  child.stdout.on("data", forward);
  child.stderr.on("data", forward);
  const heartbeat = setInterval(() => {
    log(`[pulumi-cli] still building… ${Math.round((Date.now() - started) / 60_000)} min elapsed`);
  }, 60_000);
  const code: number = await new Promise((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  clearInterval(heartbeat);
  await new Promise((r) => out.end(r));
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n");
    throw new PulumiCliUnavailableError(`building Pulumi CLI v${version} failed (exit ${code}); last lines of ${logFile}:\n${tail}`);
  }
  log(`[pulumi-cli] built v${version} in ${Math.round((Date.now() - started) / 1000)}s`);
}
