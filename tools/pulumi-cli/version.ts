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
