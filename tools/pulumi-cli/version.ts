/** The Pulumi CLI version we need: the one matching the `@pulumi/pulumi` SDK we depend on. */
import * as path from "node:path";

export function pulumiSdkDir(): string {
  return path.dirname(require.resolve("@pulumi/pulumi/package.json"));
}

export function requiredPulumiVersion(): string {
  return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}

/** `pulumi version` prints `v3.259.0`; a dev build may add `-dev…` which we do not accept. */
export function parseCliVersion(output: string): string | undefined {
  const m = /^v?(\d+\.\d+\.\d+)\s*$/.exec(output.trim());
  return m?.[1];
}

/**
 * The Pulumi YAML language host (`pulumi-language-yaml`, module github.com/pulumi/pulumi-yaml)
 * built next to the CLI, so it runs `runtime: yaml` programs. v1.25.0 is the newest the Go module
 * proxy serves (Pulumi releases bundle later ones); it works with CLI 3.259.0 and 3.276.0.
 */
export const PULUMI_YAML_VERSION = "1.25.0";
