/**
 * The SDK generators: two small Go programs in this folder (./main.go for nodejs, go and python on
 * pkg/v3 v3.276.0; ./dotnet for .NET on v3.206.0, the last pkg/v3 with a C# generator), built like
 * the Pulumi CLI from the Go module cache into the per-user cache outside the checkout (go-binary.ts).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { packageRoot } from "../../tools/package-root";
import { type GoProgram, goBinary, type Log } from "./go-binary";

export type SdkLanguage = "nodejs" | "go" | "python" | "dotnet";
export const SDK_LANGUAGES: readonly SdkLanguage[] = ["nodejs", "go", "python", "dotnet"];

interface Generator extends GoProgram {
  readonly languages: readonly SdkLanguage[];
  /** Its arguments after the schema file and the output folder. */
  readonly extraArgs: readonly string[];
}

const root = packageRoot(__dirname);
const GENERATORS: readonly Generator[] = [
  // The CLI's flags: the CLI build has compiled the same pkg/v3 v3.276.0 packages.
  { moduleDir: path.join(root, "dev", "sdkgen"), name: "sdkgen", buildFlags: ["-trimpath", "-tags", "osusergo,grpcnotrace"], languages: ["nodejs", "go", "python"], extraArgs: ["nodejs", "go", "python"] },
  // The Pulumi YAML host's flags: its build has compiled pkg/v3 v3.206.0.
  { moduleDir: path.join(root, "dev", "sdkgen", "dotnet"), name: "sdkgen-dotnet", buildFlags: ["-trimpath"], languages: ["dotnet"], extraArgs: [] },
];

export class SdkgenError extends Error {
  override readonly name = "SdkgenError";
}

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
