/**
 * A Go program of pulumi-novu built into the per-user cache outside the checkout or the installed
 * package (like the Pulumi CLI, tools/pulumi-cli), once per version of its sources: the SDK
 * generator beside this file (which the Node.js language host runs for `pulumi package add`), the
 * .NET one in dev/sdkgen, and the Go SDK's end-to-end program (test/e2e/go-sdk). No binary is ever
 * in the repository or the package.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { cacheRoot } from "../pulumi-cli/locate";

export class GoBuildError extends Error {
  override readonly name = "GoBuildError";
}

export type Log = (line: string) => void;

export interface GoProgram {
  /** The Go module's folder (absolute). */
  readonly moduleDir: string;
  /** The binary's name in the cache, also naming it in messages. */
  readonly name: string;
  /**
   * Build flags: those of the binary built on the same modules (the CLI, the Pulumi YAML host) let
   * Go's build cache serve their compiled packages, so a build takes seconds instead of minutes.
   */
  readonly buildFlags: readonly string[];
  /** Other folders whose files the build reads (a `replace` target): part of the digest. */
  readonly alsoReads?: readonly string[];
}

/** The environment of every Go command here, as scripts/build-pulumi-cli.sh sets it. */
export function goEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    CGO_ENABLED: "0",
    GOTOOLCHAIN: base.GOTOOLCHAIN || "auto",
    // The checksum DB is another host; go.sum is committed and the module proxy is the only source.
    GONOSUMDB: base.GONOSUMDB ?? "github.com/pulumi",
    GOSUMDB: base.GOSUMDB ?? "off",
    // A go.work above the module (a user's project inside a Go workspace) must not take it over.
    GOWORK: "off",
  };
}

/**
 * Files are named relative to `base`, not by absolute path: the same sources in another checkout or
 * another project's node_modules are the same binary, and one does not evict the other's.
 */
function digestFolder(hash: ReturnType<typeof createHash>, base: string, dir: string, recursive: boolean): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) digestFolder(hash, base, full, true);
    } else if (entry.name.endsWith(".go") || entry.name === "go.mod" || entry.name === "go.sum") {
      hash.update(path.relative(base, full)).update("\0").update(fs.readFileSync(full)).update("\0");
    }
  }
}

/** A digest of what the build reads: a changed main.go, go.mod or go.sum gets a binary of its own. */
function sourceDigest(program: GoProgram): string {
  const hash = createHash("sha256");
  // The module's own folder only: a nested folder with a go.mod is another module.
  digestFolder(hash, program.moduleDir, program.moduleDir, false);
  for (const dir of program.alsoReads ?? []) digestFolder(hash, dir, dir, true);
  return hash.digest("hex").slice(0, 16);
}

/** The cached binary of `program`, built first when its sources changed. */
export function goBinary(program: GoProgram, log: Log = () => {}, env: NodeJS.ProcessEnv = process.env): string {
  const dir = path.join(cacheRoot(env), "go-programs");
  const binary = path.join(dir, `${program.name}-${sourceDigest(program)}`);
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(dir, { recursive: true });
  log(`building ${program.name} from ${program.moduleDir} into ${dir} (once per change of its sources)`);
  const partial = `${binary}.${process.pid}.tmp`;
  // -mod=readonly: the committed go.mod/go.sum are complete; a build never rewrites them in the checkout.
  const r = spawnSync("go", ["build", "-mod=readonly", ...program.buildFlags, "-o", partial, "."], {
    cwd: program.moduleDir,
    env: goEnvironment(env),
    encoding: "utf8",
  });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === "ENOENT" ? "Go is not installed (no `go` on PATH)" : `go could not be run (${r.error.message})`;
    throw new GoBuildError(
      `${program.name} is a Go program built from ${program.moduleDir} on first use, and ${missing}: ` +
        "install Go >= 1.24 (https://go.dev/dl; the build fetches Pulumi's modules from the Go module proxy)",
    );
  }
  if (r.status !== 0) throw new GoBuildError(`go build of ${program.moduleDir} failed:\n${r.stderr}`);
  fs.renameSync(partial, binary);
  const ours = new RegExp(`^${program.name}-[0-9a-f]{16}$`);
  for (const old of fs.readdirSync(dir)) {
    // Binaries of earlier sources are dead weight (tens of MB each); another program's name may
    // start with this one's (sdkgen, sdkgen-dotnet).
    if (ours.test(old) && path.join(dir, old) !== binary) fs.rmSync(path.join(dir, old), { force: true });
  }
  return binary;
}
