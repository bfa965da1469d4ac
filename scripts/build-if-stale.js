#!/usr/bin/env node
/**
 * `npm run pulumi` (and the demo, emulator, bench) need dist/ to match the sources, but running
 * `tsc` before every command costs seconds even when nothing changed. This compiles only when a
 * source is newer than the last successful build: any .ts/.json file or folder (a deleted file
 * changes its folder's time) under the compiled folders, or the tsconfig and package files.
 * Plain JavaScript on purpose: it runs before anything is compiled.
 *
 * Two compiles, in this order: the Node.js SDK Pulumi's generator wrote from schema.json
 * (sdk/nodejs, `npm run sdkgen`) into dist/sdk/nodejs, with the generator's own compiler options
 * (tsconfig.sdk.json extends its tsconfig), because it is `pulumi-novu/native` and the package's
 * own code imports it by that name; then the package (tsconfig.build.json). The SDK's package.json
 * goes beside its compiled code: its utilities read the plugin version from `./package.json`.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const stamp = path.join(root, "dist", ".build-stamp");
const SOURCE_DIRS = ["provider", "emulator", "tools", "dev", "program", "sdk/nodejs"];
const SOURCE_FILES = ["tsconfig.json", "tsconfig.build.json", "tsconfig.sdk.json", "package.json"];

/** Each compile: its tsconfig, and files copied into dist after it. One whose tsconfig is absent is skipped. */
const COMPILES = [
  { tsconfig: "tsconfig.sdk.json", copy: [["sdk/nodejs/package.json", "dist/sdk/nodejs/package.json"]] },
  { tsconfig: "tsconfig.build.json", copy: [] },
];

function newestUnder(dir) {
  let newest = 0;
  let entries;
  try {
    newest = fs.statSync(dir).mtimeMs;
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestUnder(full));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  let built;
  try {
    built = fs.statSync(stamp).mtimeMs;
  } catch {
    return true;
  }
  const newest = Math.max(
    ...SOURCE_DIRS.map((d) => newestUnder(path.join(root, d))),
    ...SOURCE_FILES.map((f) => {
      try {
        return fs.statSync(path.join(root, f)).mtimeMs;
      } catch {
        return 0;
      }
    }),
  );
  return newest >= built;
}

/**
 * tsc never deletes what it emitted for a source that has since been moved or deleted; left in
 * dist/, such a file would ship in the package (`files: dist/`) and could still be required. Only
 * compiled files whose source is gone are removed, so a build beside running tests is safe.
 */
function removeOrphans(dir = path.join(root, "dist")) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removeOrphans(full);
      continue;
    }
    const compiled = /^(.*)\.(js|d\.ts)(\.map)?$/.exec(entry.name);
    if (!compiled) continue;
    const source = path.join(root, path.relative(path.join(root, "dist"), dir), `${compiled[1]}.ts`);
    if (!fs.existsSync(source)) fs.rmSync(full, { force: true });
  }
}

if (process.argv.includes("--force") || isStale()) {
  const started = Date.now();
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  for (const { tsconfig, copy } of COMPILES) {
    if (!fs.existsSync(path.join(root, tsconfig))) continue;
    const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, tsconfig)], { stdio: "inherit", cwd: root });
    if (result.status !== 0) process.exit(result.status ?? 1);
    for (const [from, to] of copy) {
      fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
      fs.copyFileSync(path.join(root, from), path.join(root, to));
    }
  }
  removeOrphans();
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, `built in ${Date.now() - started} ms\n`);
  // The stamp carries the time the compile started: a file saved during the compile is newer than
  // it, so the next run compiles again rather than run stale code.
  fs.utimesSync(stamp, started / 1000, started / 1000);
}
