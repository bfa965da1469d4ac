/**
 * A stack of a Pulumi.yaml project whose config is written as a user would: plain YAML in
 * Pulumi.<stack>.yaml, secrets added with `pulumi config set --secret --path`. The stack file is
 * removed again by `remove()`, so examples in the repository stay as committed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import type { PulumiTestContext, RecordedStack } from "./pulumi";

export interface ConfigStack extends RecordedStack {
  readonly stackFile: string;
  /** Runs the CLI itself with these arguments in the project (for commands the Automation API lacks). */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  remove(): Promise<void>;
}

export async function configStack(
  ctx: PulumiTestContext,
  workDir: string,
  stackName: string,
  config: Record<string, unknown>,
  secrets: Record<string, string> = {},
): Promise<ConfigStack> {
  const recorded = await ctx.projectStack(workDir, stackName);
  const stackFile = path.join(workDir, `Pulumi.${stackName}.yaml`);
  const current = (fs.existsSync(stackFile) ? parse(fs.readFileSync(stackFile, "utf8")) : null) ?? {};
  fs.writeFileSync(stackFile, stringify({ ...current, config }));
  for (const [key, value] of Object.entries(secrets)) {
    await recorded.stack.setConfig(key, { value, secret: true }, true);
  }
  return {
    ...recorded,
    stackFile,
    cli: (args) => ctx.runCli(args, workDir),
    async remove() {
      await recorded.stack.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
      fs.rmSync(stackFile, { force: true });
    },
  };
}

/** Reads a committed stack file's `config` map. */
export function stackFileConfig(file: string): Record<string, unknown> {
  return parse(fs.readFileSync(file, "utf8")).config;
}
