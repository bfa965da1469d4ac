/**
 * The SDK generator pulumi-novu ships: the Go program beside this file (main.go), on Pulumi's own
 * code generators of `pkg/v3` v3.276.0. It writes the repository's SDKs (`npm run sdkgen`,
 * dev/sdkgen) and, through the Node.js language host, the SDK `pulumi package add` asks for. Its
 * sources (main.go, loader.go, go.mod, go.sum) are in the npm package, so a user's machine builds it
 * once into the cache, as it builds the Pulumi CLI (go-binary.ts).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { packageRoot } from "../package-root";
import { GoBuildError, type GoProgram, goBinary, type Log } from "./go-binary";

export const SDKGEN: GoProgram = {
  moduleDir: path.join(packageRoot(__dirname), "tools", "sdkgen"),
  name: "sdkgen",
  // The CLI's flags: a CLI built from the same pkg/v3 v3.276.0 has compiled its packages, so Go's
  // build cache makes this a matter of seconds (about 4 minutes on 2 cores without it).
  buildFlags: ["-trimpath", "-tags", "osusergo,grpcnotrace"],
};

export class SdkgenError extends Error {
  override readonly name = "SdkgenError";
}

/** What the language host's GeneratePackageRequest says, as main.go's generate-package reads it. */
export interface GeneratePackageRequest {
  readonly directory: string;
  /** The package schema's JSON text. */
  readonly schema: string;
  /** Files to write into the SDK as they are, base64. */
  readonly extraFiles: Readonly<Record<string, string>>;
  readonly loaderTarget: string;
  readonly localDependencies: Readonly<Record<string, string>>;
  readonly local: boolean;
}

export interface SchemaDiagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
}

/**
 * Writes the Node.js SDK `request` describes into `request.directory` (nothing when the schema has
 * errors) and returns the schema's diagnostics. Builds the generator first when it is not cached.
 */
export function generateNodejsPackage(request: GeneratePackageRequest, log: Log = () => {}, env: NodeJS.ProcessEnv = process.env): SchemaDiagnostic[] {
  let binary: string;
  try {
    binary = goBinary(SDKGEN, log, env);
  } catch (err) {
    if (!(err instanceof GoBuildError)) throw err;
    throw new SdkgenError(`pulumi-novu writes the Node.js SDK with Pulumi's own generator (codegen/nodejs), which it builds with Go: ${err.message}`);
  }
  const r = spawnSync(binary, ["generate-package"], { input: JSON.stringify(request), encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new SdkgenError(`${SDKGEN.name} could not generate the Node.js SDK: ${(r.error?.message ?? r.stderr).trim()}`);
  return (JSON.parse(r.stdout) as { diagnostics: SchemaDiagnostic[] }).diagnostics;
}
