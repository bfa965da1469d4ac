#!/usr/bin/env node
/**
 * `npm run pulumi -- <args>`: the real Pulumi CLI at the version of our SDK, in an offline-safe
 * environment (see pulumi-cli/environment.ts). Arguments pass through untouched, global flags too:
 * `npm run pulumi -- --cwd examples/typescript up --yes`.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { packageRoot } from "./package-root";
import { pulumiEnvironment } from "./pulumi-cli/environment";
import { locatePulumiCli, PulumiCliUnavailableError } from "./pulumi-cli/locate";

async function main(): Promise<number> {
  const root = packageRoot();
  const cli = await locatePulumiCli();
  const nodeBin = path.dirname(process.execPath);
  const env = pulumiEnvironment({
    stateDir: process.env.PULUMI_NOVU_STATE_DIR ?? path.join(root, ".pulumi-novu"),
    pathPrefix: [...cli.pathPrefix, nodeBin],
    onNotice: (message) => process.stderr.write(`pulumi-novu: warning: ${message}\n`),
  });
  const child = spawn(path.join(cli.binDir, "pulumi"), process.argv.slice(2), { stdio: "inherit", env });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  return await new Promise((resolve) => child.on("close", (code, signal) => resolve(code ?? (signal ? 130 : 1))));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof PulumiCliUnavailableError) process.stderr.write(`pulumi-novu: ${err.message}\n`);
    else process.stderr.write(`pulumi-novu: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
