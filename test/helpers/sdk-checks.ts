/**
 * What the SDK tests run: each generated SDK's own compiler (or the nearest one this machine has),
 * on a copy or with caches outside the checkout, so a check never writes into sdk/.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { goEnvironment } from "../../tools/sdkgen/go-binary";
import { requiredPulumiVersion } from "../../tools/pulumi-cli/version";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface CheckResult {
  readonly ok: boolean;
  readonly output: string;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): CheckResult {
  const r = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (r.error) return { ok: false, output: `${command}: ${r.error.message}` };
  return { ok: r.status === 0, output: `${command} ${args.join(" ")}\n${r.stdout}${r.stderr}` };
}

export function scratchDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-novu-${prefix}-`));
}

/** Every file under `dir`, relative, sorted. */
export function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** Files that differ between two trees: missing on one side, or with other contents. */
export function treeDifferences(expected: string, actual: string): string[] {
  const want = filesUnder(expected);
  const have = filesUnder(actual);
  const all = [...new Set([...want, ...have])].sort();
  return all.flatMap((file) => {
    if (!have.includes(file)) return [`${file}: missing`];
    if (!want.includes(file)) return [`${file}: not generated (any more)`];
    return fs.readFileSync(path.join(expected, file)).equals(fs.readFileSync(path.join(actual, file))) ? [] : [`${file}: differs`];
  });
}

/**
 * `go build ./...` of a copy of sdk/go. The generated go.mod pins the Pulumi Go SDK the generator
 * knows; the copy requires the version this repository's CLI is built from instead, which the Go
 * module cache already holds, and `go get` adds the sums it needs (through the module proxy, like
 * the CLI build). Same flags as the CLI build, so its build cache is reused.
 */
export function buildGoSdk(): CheckResult {
  const copy = scratchDir("go-sdk");
  try {
    fs.cpSync(path.join(ROOT, "sdk", "go"), copy, { recursive: true });
    const env = { ...goEnvironment(), GOFLAGS: "-mod=mod" };
    const got = run("go", ["get", `github.com/pulumi/pulumi/sdk/v3@v${requiredPulumiVersion()}`], copy, env);
    if (!got.ok) return got;
    return run("go", ["build", "-trimpath", "-tags", "osusergo,grpcnotrace", "./..."], copy, env);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

/** `python3 -m compileall` of sdk/python, with the bytecode kept out of the checkout. */
export function compilePythonSdk(): CheckResult {
  const cache = scratchDir("pycache");
  try {
    return run("python3", ["-m", "compileall", "-q", path.join(ROOT, "sdk", "python")], ROOT, { ...process.env, PYTHONPYCACHEPREFIX: cache });
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

/** `tsc --noEmit` of sdk/nodejs with its own tsconfig, the repository's TypeScript and @pulumi/pulumi. */
export function typecheckNodejsSdk(): CheckResult {
  return run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "sdk", "nodejs", "tsconfig.json"), "--noEmit"], ROOT);
}

/** `dotnet build` of a copy of sdk/dotnet, when a .NET SDK is on PATH (none is here: see the README's languages table). */
export function buildDotnetSdk(): CheckResult {
  const copy = scratchDir("dotnet-sdk");
  try {
    fs.cpSync(path.join(ROOT, "sdk", "dotnet"), copy, { recursive: true });
    return run("dotnet", ["build"], copy);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

export function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
