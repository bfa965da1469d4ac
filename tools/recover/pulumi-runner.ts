/**
 * The user's own `pulumi` (from PATH), run in their project directory on their stack, as they would
 * run it by hand. Output that may hold secrets (`stack export --show-secrets`) is captured and never
 * printed; a failing command's own message is passed on.
 */
import { execFile, spawn } from "node:child_process";

export class PulumiCommandError extends Error {
  override readonly name = "PulumiCommandError";
}

export interface PulumiRunner {
  /** Runs `pulumi <args>` and returns its stdout; the error carries stderr (never stdout, which may hold secrets). */
  capture(args: readonly string[]): Promise<string>;
  /** Runs `pulumi <args>` with its output shown to the user (progress of an import). */
  show(args: readonly string[]): Promise<void>;
}

export function pulumiRunner(cwd: string, stack: string | undefined, env: NodeJS.ProcessEnv = process.env): PulumiRunner {
  const withStack = (args: readonly string[]) => [...args, ...(stack ? ["--stack", stack] : []), "--non-interactive"];
  const notFound = (err: { code?: unknown }) =>
    err.code === "ENOENT" ? new PulumiCommandError('`pulumi` is not on PATH: run `export PATH="$(npx pulumi-novu install-cli):$PATH"` first') : undefined;
  return {
    capture: (args) =>
      new Promise((resolve, reject) => {
        execFile("pulumi", withStack(args), { cwd, env, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
          if (!err) return resolve(stdout);
          reject(notFound(err) ?? new PulumiCommandError(`\`pulumi ${args.filter((a) => a !== "--show-secrets").join(" ")}\` failed: ${stderr.trim() || err.message}`));
        });
      }),
    show: (args) =>
      new Promise((resolve, reject) => {
        const child = spawn("pulumi", withStack(args), { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
        child.on("error", (err: NodeJS.ErrnoException) => reject(notFound(err) ?? err));
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new PulumiCommandError(`\`pulumi ${args.join(" ")}\` failed (exit ${code}); see its output above`))));
      }),
  };
}
