/**
 * The SDK generators: the one pulumi-novu ships (tools/sdkgen: nodejs, go and python on pkg/v3
 * v3.276.0) and ./dotnet here (.NET on v3.206.0, the last pkg/v3 with a C# generator, needed for
 * this repository's sdk/dotnet only), built like the Pulumi CLI from the Go module cache into the
 * per-user cache outside the checkout (tools/sdkgen/go-binary.ts).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { packageRoot } from "../../tools/package-root";
import { type GoProgram, goBinary, type Log } from "../../tools/sdkgen/go-binary";
import { SDKGEN, SdkgenError } from "../../tools/sdkgen/sdkgen";

export type SdkLanguage = "nodejs" | "go" | "python" | "dotnet";
export const SDK_LANGUAGES: readonly SdkLanguage[] = ["nodejs", "go", "python", "dotnet"];

interface Generator extends GoProgram {
  readonly languages: readonly SdkLanguage[];
  /** Its arguments after the schema file and the output folder. */
  readonly extraArgs: readonly string[];
}

const root = packageRoot(__dirname);
const GENERATORS: readonly Generator[] = [
  { ...SDKGEN, languages: ["nodejs", "go", "python"], extraArgs: ["nodejs", "go", "python"] },
  // The Pulumi YAML host's flags: its build has compiled pkg/v3 v3.206.0.
  { moduleDir: path.join(root, "dev", "sdkgen", "dotnet"), name: "sdkgen-dotnet", buildFlags: ["-trimpath"], languages: ["dotnet"], extraArgs: [] },
];

/**
 * Writes every SDK generated from `schemaFile` to `<outDir>/<language>`; `outDir` must not hold
 * them yet. Builds a generator first when its sources changed (2 cores: ~4 min with an empty Go
 * build cache, seconds after the CLI build).
 */
export function generateSdks(schemaFile: string, outDir: string, log: Log = () => {}, env: NodeJS.ProcessEnv = process.env): void {
  for (const generator of GENERATORS) {
    const binary = goBinary(generator, log, env);
    const r = spawnSync(binary, [schemaFile, outDir, ...generator.extraArgs], { encoding: "utf8", env });
    if (r.status !== 0) throw new SdkgenError(`${generator.name} failed: ${r.error?.message ?? r.stderr}`);
  }
}
