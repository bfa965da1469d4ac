/**
 * The pulumi-novu tarball as `npm pack` makes it, packed once per jest run and shared by every e2e
 * file that installs the package as a user does (own-project, package-add): a pack is a build and
 * a compression, and each file packing its own cost a minute of CI for the same bytes.
 *
 * The run's folder comes from the e2e project's globalSetup (test/helpers/pack-folder.ts), so the
 * first file to ask packs while the others wait on a lock; a file run on its own packs for itself.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../tools/package-root";

/** Set by the globalSetup: a folder that lives as long as the jest run. */
export const PACK_FOLDER_VARIABLE = "PULUMI_NOVU_TEST_PACK_FOLDER";

const LOCK_STALE_MS = 10 * 60_000;

let mine: string | undefined;

export async function packedTarball(): Promise<string> {
  const folder = process.env[PACK_FOLDER_VARIABLE] ?? (mine ??= fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-novu-pack-")));
  const done = path.join(folder, "tarball.json");
  const lock = path.join(folder, "packing");
  for (;;) {
    if (fs.existsSync(done)) return JSON.parse(fs.readFileSync(done, "utf8")).tarball as string;
    try {
      fs.mkdirSync(lock);
    } catch {
      // Another worker is packing; a lock left by a crashed one is taken over.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      const tarball = pack(folder);
      fs.writeFileSync(done, JSON.stringify({ tarball }));
      return tarball;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

function pack(folder: string): string {
  const root = packageRoot(__dirname);
  const env = { ...process.env, NODE_OPTIONS: "" };
  // prepack's build, without its --force: dist/ is rebuilt only if a source changed (npm test built
  // it already), so a pack never rewrites dist/ under the provider processes of running tests.
  execFileSync(process.execPath, [path.join(root, "scripts", "build-if-stale.js")], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", folder], { cwd: root, encoding: "utf8", env })) as { filename: string }[];
  return path.join(folder, packed[0]!.filename);
}
