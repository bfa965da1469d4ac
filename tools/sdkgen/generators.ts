/**
 * The SDK generators: two small Go programs in this folder (./main.go for nodejs, go and python on
 * pkg/v3 v3.276.0; ./dotnet for .NET on v3.206.0, the last pkg/v3 with a C# generator), built like
 * the Pulumi CLI (tools/pulumi-cli) from the Go module cache into the per-user cache outside the
 * checkout, once per version of their sources. No binary is ever in the repository.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../package-root";
import { cacheRoot } from "../pulumi-cli/locate";

export type SdkLanguage = "nodejs" | "go" | "python" | "dotnet";
export const SDK_LANGUAGES: readonly SdkLanguage[] = ["nodejs", "go", "python", "dotnet"];

interface Generator {
  /** The Go module's folder, relative to the package root. */
  readonly moduleDir: string;
  readonly binary: string;
  readonly languages: readonly SdkLanguage[];
  /** Its arguments after the schema file and the output folder. */
  readonly extraArgs: readonly string[];
  /**
   * The build flags of the binary built on the same pkg/v3 (the CLI for v3.276.0, the Pulumi YAML
   * host for v3.206.0): equal flags reuse its compiled packages from Go's build cache, so after the
   * CLI build this one takes seconds instead of three minutes.
   */
  readonly buildFlags: readonly string[];
}

const GENERATORS: readonly Generator[] = [
  { moduleDir: "tools/sdkgen", binary: "sdkgen", languages: ["nodejs", "go", "python"], extraArgs: ["nodejs", "go", "python"], buildFlags: ["-trimpath", "-tags", "osusergo,grpcnotrace"] },
  { moduleDir: "tools/sdkgen/dotnet", binary: "sdkgen-dotnet", languages: ["dotnet"], extraArgs: [], buildFlags: ["-trimpath"] },
];

export class SdkgenError extends Error {
  override readonly name = "SdkgenError";
}

export type Log = (line: string) => void;

/** The environment of every Go command here, as scripts/build-pulumi-cli.sh sets it. */
export function goEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    CGO_ENABLED: "0",
    GOTOOLCHAIN: base.GOTOOLCHAIN || "auto",
    // The checksum DB is another host; go.sum is committed and the module proxy is the only source.
    GONOSUMDB: base.GONOSUMDB ?? "github.com/pulumi",
    GOSUMDB: base.GOSUMDB ?? "off",
  };
}

/** A digest of the module's sources: a changed main.go, go.mod or go.sum gets a binary of its own. */
function sourceDigest(moduleDir: string): string {
  const hash = createHash("sha256");
  const files = fs.readdirSync(moduleDir).filter((f) => f.endsWith(".go") || f === "go.mod" || f === "go.sum").sort();
  for (const file of files) hash.update(file).update("\0").update(fs.readFileSync(path.join(moduleDir, file))).update("\0");
  return hash.digest("hex").slice(0, 16);
}

/** The cached binary of a generator, built first when its sources changed (2 cores: ~4 min with an empty Go build cache, seconds after the CLI build). */
function generatorBinary(generator: Generator, log: Log, env: NodeJS.ProcessEnv): string {
  const moduleDir = path.join(packageRoot(__dirname), generator.moduleDir);
  const dir = path.join(cacheRoot(env), "sdkgen");
  const binary = path.join(dir, `${generator.binary}-${sourceDigest(moduleDir)}`);
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(dir, { recursive: true });
  log(`building ${generator.binary} from ${generator.moduleDir} into ${dir} (once per change of its sources)`);
  const partial = `${binary}.${process.pid}.tmp`;
  // -mod=readonly: the committed go.mod/go.sum are complete; a build never rewrites them in the checkout.
  const r = spawnSync("go", ["build", "-mod=readonly", ...generator.buildFlags, "-o", partial, "."], {
    cwd: moduleDir,
    env: goEnvironment(env),
    encoding: "utf8",
  });
  if (r.error) throw new SdkgenError(`cannot run go (${r.error.message}): install Go >= 1.24 (https://go.dev/dl) to generate the SDKs`);
  if (r.status !== 0) throw new SdkgenError(`go build of ${generator.moduleDir} failed:\n${r.stderr}`);
  fs.renameSync(partial, binary);
  for (const old of fs.readdirSync(dir)) {
    // Binaries of earlier sources are dead weight (~45 MB each).
    if (old.startsWith(`${generator.binary}-`) && path.join(dir, old) !== binary && !old.endsWith(".tmp")) fs.rmSync(path.join(dir, old), { force: true });
  }
  return binary;
}

/** Writes every SDK generated from `schemaFile` to `<outDir>/<language>`; `outDir` must not hold them yet. */
export function generateSdks(schemaFile: string, outDir: string, log: Log = () => {}, env: NodeJS.ProcessEnv = process.env): void {
  for (const generator of GENERATORS) {
    const binary = generatorBinary(generator, log, env);
    const r = spawnSync(binary, [schemaFile, outDir, ...generator.extraArgs], { encoding: "utf8", env });
    if (r.status !== 0) throw new SdkgenError(`${generator.binary} failed: ${r.error?.message ?? r.stderr}`);
  }
}
