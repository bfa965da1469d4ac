/**
 * InstallDependencies: the CLI's `pulumi install`, and the last step of `pulumi package add` after
 * Link, ask the language host to install the program's packages. As Pulumi's own Node.js host does
 * it: the package manager the project's `packagemanager` runtime option names, else the one whose
 * lockfile the program directory holds, else npm; `<manager> install` there, its output streamed
 * to the CLI between the host's two lines.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export type PackageManager = "npm" | "yarn" | "pnpm" | "bun";
const MANAGERS: readonly PackageManager[] = ["npm", "yarn", "pnpm", "bun"];

export const INSTALLING = "Installing dependencies...\n\n";
export const FINISHED = "Finished installing dependencies\n\n";

/** Pure: which package manager, from the runtime option (`auto` or unset: look) and the lockfiles present. */
export function choosePackageManager(option: unknown, lockfiles: readonly string[], env: NodeJS.ProcessEnv = {}): PackageManager {
  if (option !== undefined && option !== "auto") {
    if (MANAGERS.includes(option as PackageManager)) return option as PackageManager;
    throw new Error(`packagemanager option must be one of auto, npm, yarn, pnpm or bun, got ${JSON.stringify(option)} (runtime options in Pulumi.yaml)`);
  }
  if (/^(1|true|yes)$/i.test(env.PULUMI_PREFER_YARN ?? "") || lockfiles.includes("yarn.lock")) return "yarn";
  if (lockfiles.includes("pnpm-lock.yaml")) return "pnpm";
  if (lockfiles.includes("bun.lock") || lockfiles.includes("bun.lockb")) return "bun";
  return "npm";
}

/** Pure: the install command line (npm's warnings about a package.json's missing fields left out). */
export function installCommand(manager: PackageManager): readonly string[] {
  return manager === "npm" ? ["npm", "install", "--loglevel=error"] : [manager, "install"];
}

export interface InstallStreams {
  readonly stdout: (chunk: Buffer) => void;
  readonly stderr: (chunk: Buffer) => void;
}

/** Runs the install in `directory`; rejects with the command and its exit status when it fails. */
export async function installDependencies(directory: string, option: unknown, streams: InstallStreams): Promise<void> {
  const lockfiles = ["yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb"].filter((f) => fs.existsSync(path.join(directory, f)));
  const [command, ...args] = installCommand(choosePackageManager(option, lockfiles, process.env));
  streams.stdout(Buffer.from(INSTALLING));
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command!, args, { cwd: directory, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", streams.stdout);
    child.stderr.on("data", streams.stderr);
    child.on("error", (err) => reject(new Error(`${command} install in ${directory}: ${err.message}`)));
    child.on("close", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${[command, ...args].join(" ")} in ${directory} failed (${code === null ? signal : `exit ${code}`})`)),
    );
  });
  streams.stdout(Buffer.from(FINISHED));
}
