/**
 * The cost of `npm run pulumi` itself: the same command (`pulumi version`) run through the wrapper
 * and directly, nothing changed in between, so the difference is npm's start, the stale check
 * (scripts/build-if-stale.js) and our environment setup — what every `preview`/`up` pays on top.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

export interface WrapperResult {
  readonly directSeconds: number[];
  readonly wrapperSeconds: number[];
  readonly staleCheckSeconds: number[];
  /** median(wrapper) − median(direct). */
  readonly overheadSeconds: number;
}

function timed(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function measureWrapper(root: string, cliBinDir: string, rounds: number, median: (v: readonly number[]) => number): WrapperResult {
  const env = { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" };
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  // Once untimed: builds dist/ if a source changed, so every timed round sees "nothing changed".
  execFileSync(npm, ["run", "--silent", "pulumi", "--", "version"], { cwd: root, env, stdio: "pipe" });
  const directSeconds: number[] = [];
  const wrapperSeconds: number[] = [];
  const staleCheckSeconds: number[] = [];
  for (let i = 0; i < rounds; i++) {
    directSeconds.push(timed(() => execFileSync(path.join(cliBinDir, "pulumi"), ["version"], { cwd: root, env, stdio: "pipe" })));
    wrapperSeconds.push(timed(() => execFileSync(npm, ["run", "--silent", "pulumi", "--", "version"], { cwd: root, env, stdio: "pipe" })));
    staleCheckSeconds.push(timed(() => execFileSync(process.execPath, [path.join(root, "scripts", "build-if-stale.js")], { cwd: root, env, stdio: "pipe" })));
  }
  return { directSeconds, wrapperSeconds, staleCheckSeconds, overheadSeconds: median(wrapperSeconds) - median(directSeconds) };
}
