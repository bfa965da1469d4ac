/**
 * `pulumi-novu plugin-pack`: the native `novu` provider as a Pulumi resource plugin tarball, for
 * `pulumi plugin install resource novu <version> --file <tarball>`. Inside: the launcher at the
 * root, the installed pulumi-novu and its production dependencies under node_modules/, copied from
 * the tree this package runs from (see dependencies.ts for why a copy and not a new npm install).
 * Nothing in the tarball depends on the project it was packed in: the engine runs it from
 * $PULUMI_HOME/plugins/resource-novu-v<version>/ for any project.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { collectDependencyTree } from "./dependencies";
import { OutputExistsError, PackageNotBuiltError, PluginPackError } from "./errors";
import { LAUNCHER_NAME, launcherScript } from "./launcher";
import { planLayout, pluginTarballName } from "./layout";

export interface PackOptions {
  /** The pulumi-novu package folder (installed, or a built checkout). */
  readonly packageDir: string;
  /** Folder the tarball is written to (created if missing). */
  readonly outDir: string;
  /** Replace a tarball already at the output path (the command sets it for its default folder, our cache). */
  readonly force: boolean;
  readonly log: (line: string) => void;
}

export interface PackResult {
  readonly file: string;
  readonly version: string;
  readonly packages: number;
  readonly bytes: number;
  readonly seconds: number;
}

/** What of pulumi-novu itself goes in: its compiled code and manifest (as `files` publishes them), never its sources or build caches. */
const ROOT_ENTRIES = ["package.json", "dist", "bin", "README.md", "LICENSE"];
const BUILD_LEFTOVERS = /(\.tsbuildinfo|[\\/]\.build-stamp)$/;
const NATIVE_MAIN = path.join("dist", "provider", "native", "main.js");

export async function packPlugin(opts: PackOptions): Promise<PackResult> {
  const started = Date.now();
  const version = (JSON.parse(fs.readFileSync(path.join(opts.packageDir, "package.json"), "utf8")) as { version: string }).version;
  const outDir = path.resolve(opts.outDir);
  const file = path.join(outDir, pluginTarballName(version, process.platform, process.arch));
  // Checked first, so a refusal costs nothing; checked again when the file is placed (placeTarball).
  if (fs.existsSync(file) && !opts.force) throw exists(file);
  if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) {
    throw new PluginPackError(`--out ${opts.outDir} is a file, not a folder; nothing was written. Name a folder: --out <dir>`);
  }
  if (!fs.existsSync(path.join(opts.packageDir, NATIVE_MAIN))) {
    throw new PackageNotBuiltError(`${opts.packageDir} has no compiled provider (${NATIVE_MAIN}); nothing was written. Run \`npm run build\` there, then plugin-pack again`);
  }

  const tree = collectDependencyTree(opts.packageDir);
  const layout = planLayout(tree);
  opts.log(`collected ${tree.root.name} ${version} and ${tree.packages.length} production dependencies from ${tree.root.dir}`);

  fs.mkdirSync(outDir, { recursive: true });
  // Beside the tarball rather than in the temp folder: pulumi-novu's cache under the home folder
  // by default, usually on the same file system as the node_modules it copies, where staging can
  // link instead of copy (stager).
  const stage = fs.mkdtempSync(path.join(outDir, ".pulumi-novu-plugin-"));
  const partial = path.join(outDir, `.${path.basename(file)}.${process.pid}.partial`);
  try {
    const stageInto = stager();
    for (const { source, target } of layout) {
      const to = path.join(stage, ...target.split("/"));
      if (source === tree.root.dir) stageInto.root(source, to);
      else stageInto.dependency(source, to);
    }
    fs.writeFileSync(path.join(stage, LAUNCHER_NAME), launcherScript(tree.root.name), { mode: 0o755 });
    opts.log(`compressing into ${file}`);
    await tar(stage, partial, [LAUNCHER_NAME, "node_modules"]);
    placeTarball(partial, file, opts.force);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
    fs.rmSync(partial, { force: true });
  }
  const bytes = fs.statSync(file).size;
  const seconds = (Date.now() - started) / 1000;
  opts.log(`wrote ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${layout.length} packages, ${seconds.toFixed(1)} s)`);
  return { file, version, packages: layout.length, bytes, seconds };
}

function exists(file: string): OutputExistsError {
  return new OutputExistsError(`${file} already exists; nothing was written. To replace it: pulumi-novu plugin-pack --out ${shellWord(path.dirname(file))} --force`);
}

/** A path as one shell word, so the command in a message can be pasted as it is. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Fills the staging folder, which only feeds tar: its files are hard links to the installed ones
 * where the file system allows. About 15,000 files: copying them (then deleting the copies) took
 * 40-60 s on a busy 2-core machine, linking 2 s. tar stores a file linked once as a plain file.
 */
function stager() {
  let linksWork = true;
  const file = (src: string, dst: string): void => {
    if (linksWork) {
      try {
        fs.linkSync(src, dst);
        return;
      } catch (err) {
        // Another file system: every link would fail, so stop trying. Other errors (a file we may
        // read but not link: protected_hardlinks) concern that file only.
        if ((err as NodeJS.ErrnoException).code === "EXDEV") linksWork = false;
      }
    }
    fs.copyFileSync(src, dst);
  };
  const folder = (from: string, to: string, keep: (src: string) => boolean): void => {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const src = path.join(from, entry.name);
      if (!keep(src)) continue;
      const dst = path.join(to, entry.name);
      if (entry.isDirectory()) folder(src, dst, keep);
      else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(src), dst);
      else file(src, dst);
    }
  };
  return {
    /** A dependency: the whole package but its own node_modules (its nested dependencies are staged on their own). */
    dependency: (source: string, to: string) => folder(source, to, (src) => src !== path.join(source, "node_modules")),
    /** pulumi-novu: only what it publishes. */
    root: (source: string, to: string) => {
      fs.mkdirSync(to, { recursive: true });
      for (const entry of ROOT_ENTRIES) {
        const from = path.join(source, entry);
        if (!fs.existsSync(from)) continue;
        if (fs.statSync(from).isDirectory()) folder(from, path.join(to, entry), (src) => !BUILD_LEFTOVERS.test(src));
        else file(from, path.join(to, entry));
      }
    },
  };
}

/**
 * The finished tarball takes its name in one step: without --force a hard link, which fails
 * instead of replacing a file that appeared meanwhile; with --force a rename over it.
 */
function placeTarball(partial: string, file: string, force: boolean): void {
  if (force) {
    fs.renameSync(partial, file);
    return;
  }
  try {
    fs.linkSync(partial, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") throw exists(file);
    throw err;
  }
}

function tar(dir: string, out: string, entries: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // --hard-dereference: the staged files are hard links, and two links to one file would otherwise
    // be stored as a link entry, which a plugin tarball should not depend on its extractor handling.
    const child = spawn("tar", ["--hard-dereference", "-czf", out, "-C", dir, ...entries], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (err) => reject(new PluginPackError(`cannot run tar (${err.message}); plugin-pack needs tar on PATH`)));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new PluginPackError(`tar exited with ${code}: ${stderr.trim()}`))));
  });
}
