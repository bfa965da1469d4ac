/**
 * `pulumi-novu plugin-pack` on small fake installations: which packages go in and where, the
 * refusals, the tarball's shape, and where it is written (pulumi-novu's cache by default, from
 * environment overrides pointing into a temp folder). The real package, `pulumi plugin install` and a YAML project
 * using the installed plugin are test/e2e/own-project.test.ts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { collectDependencyTree } from "../../tools/plugin-pack/dependencies";
import { defaultPluginDir, pluginPackTarget } from "../../tools/plugin-pack/command";
import { DependencyLayoutError, OutputExistsError, PackageNotBuiltError } from "../../tools/plugin-pack/errors";
import { launcherScript, MIN_NODE_MAJOR } from "../../tools/plugin-pack/launcher";
import { planLayout, pluginTarballName } from "../../tools/plugin-pack/layout";
import { packPlugin } from "../../tools/plugin-pack/pack";
import { packageRoot } from "../../tools/package-root";

let tmp: string;
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-pack-"))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A package folder with a manifest (and any files), relative to tmp. */
function pkg(dir: string, manifest: Record<string, unknown>, files: Record<string, string> = {}): string {
  const full = path.join(tmp, dir);
  fs.mkdirSync(full, { recursive: true });
  fs.writeFileSync(path.join(full, "package.json"), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(full, name)), { recursive: true });
    fs.writeFileSync(path.join(full, name), text);
  }
  return fs.realpathSync(full);
}

/** A user's project: pulumi-novu in node_modules, a shared dependency hoisted, a conflicting version nested. */
function userProject(): string {
  const root = pkg("proj/node_modules/pulumi-novu", { name: "pulumi-novu", version: "0.1.0", dependencies: { a: "^1", b: "^1" } }, {
    "dist/provider/native/main.js": "",
    "dist/.tsbuildinfo": "",
    "src/index.ts": "",
  });
  pkg("proj/node_modules/a", { name: "a", version: "1.0.0", dependencies: { c: "^1" } });
  pkg("proj/node_modules/b", { name: "b", version: "1.0.0", dependencies: { c: "^2" }, peerDependencies: { typescript: "*" }, peerDependenciesMeta: { typescript: { optional: true } } });
  pkg("proj/node_modules/c", { name: "c", version: "1.0.0" });
  pkg("proj/node_modules/b/node_modules/c", { name: "c", version: "2.0.0" });
  // The project's own packages, never the plugin's.
  pkg("proj/node_modules/typescript", { name: "typescript", version: "5.9.3" });
  pkg("proj/node_modules/left-pad", { name: "left-pad", version: "1.3.0" });
  return root;
}

describe("plugin-pack: which packages, where", () => {
  it("takes the production dependencies as npm installed them, nested versions nested, and nothing else of the project", () => {
    const layout = planLayout(collectDependencyTree(userProject()));
    expect(layout.map((s) => s.target).sort()).toEqual(["node_modules/a", "node_modules/b", "node_modules/b/node_modules/c", "node_modules/c", "node_modules/pulumi-novu"]);
    expect(layout.find((s) => s.target === "node_modules/b/node_modules/c")!.source).toBe(path.join(tmp, "proj/node_modules/b/node_modules/c"));
  });

  it("follows a checkout whose node_modules is a symlink, as Node does", () => {
    pkg("shared/node_modules/a", { name: "a", version: "1.0.0" });
    const checkout = pkg("checkout", { name: "pulumi-novu", version: "0.1.0", dependencies: { a: "^1" } });
    fs.symlinkSync(path.join(tmp, "shared/node_modules"), path.join(checkout, "node_modules"));
    expect(planLayout(collectDependencyTree(checkout))).toEqual([
      { source: checkout, target: "node_modules/pulumi-novu" },
      { source: path.join(tmp, "shared/node_modules/a"), target: "node_modules/a" },
    ]);
  });

  it("refuses a missing dependency, naming it and who needs it", () => {
    const root = pkg("proj/node_modules/pulumi-novu", { name: "pulumi-novu", version: "0.1.0", dependencies: { zod: "^4" } });
    expect(() => collectDependencyTree(root)).toThrow(DependencyLayoutError);
    expect(() => collectDependencyTree(root)).toThrow(/^zod, a dependency of pulumi-novu@0.1.0, is not installed .*run npm install/);
  });

  it("refuses a dependency outside the node_modules folder (pnpm, npm link), since a copy would not find it", () => {
    const root = pkg("proj/node_modules/pulumi-novu", { name: "pulumi-novu", version: "0.1.0", dependencies: { a: "^1" } });
    pkg("elsewhere/a", { name: "a", version: "1.0.0" });
    fs.symlinkSync(path.join(tmp, "elsewhere/a"), path.join(tmp, "proj/node_modules/a"));
    expect(() => planLayout(collectDependencyTree(root))).toThrow(/^a@1.0.0 is installed at .*elsewhere\/a, outside .*proj\/node_modules/);
  });

  it("names the tarball as Pulumi names plugin tarballs", () => {
    expect(pluginTarballName("0.1.0", "linux", "x64")).toBe("pulumi-resource-novu-v0.1.0-linux-amd64.tar.gz");
    expect(pluginTarballName("0.1.0", "darwin", "arm64")).toBe("pulumi-resource-novu-v0.1.0-darwin-arm64.tar.gz");
    expect(pluginTarballName("0.1.0", "win32", "x64")).toBe("pulumi-resource-novu-v0.1.0-windows-amd64.tar.gz");
  });
});

describe("plugin-pack: the tarball", () => {
  const quiet = { log: () => undefined };

  it("holds the launcher at its root and the packages under node_modules, without sources or build caches", async () => {
    const root = userProject();
    const { file } = await packPlugin({ packageDir: root, outDir: path.join(tmp, "out"), force: false, ...quiet });
    expect(path.basename(file)).toBe(pluginTarballName("0.1.0", process.platform, process.arch));
    const entries = execFileSync("tar", ["-tvzf", file], { encoding: "utf8" }).trim().split("\n");
    expect(entries.find((e) => / pulumi-resource-novu$/.test(e))).toMatch(/^-rwx/);
    const names = entries.map((e) => e.split(/\s+/).pop()!);
    expect(names).toEqual(expect.arrayContaining(["node_modules/pulumi-novu/dist/provider/native/main.js", "node_modules/b/node_modules/c/package.json"]));
    expect(names.filter((n) => /tsbuildinfo|src\/|left-pad|typescript/.test(n))).toEqual([]);
    // Nothing left beside it: no staging folder, no partial file.
    expect(fs.readdirSync(path.join(tmp, "out"))).toEqual([path.basename(file)]);
  });

  it("refuses to replace an existing tarball, naming it and the command that replaces it; --force does", async () => {
    const root = userProject();
    const out = path.join(tmp, "out");
    const { file } = await packPlugin({ packageDir: root, outDir: out, force: false, ...quiet });
    fs.writeFileSync(file, "kept");
    await expect(packPlugin({ packageDir: root, outDir: out, force: false, ...quiet })).rejects.toThrow(OutputExistsError);
    await expect(packPlugin({ packageDir: root, outDir: out, force: false, ...quiet })).rejects.toThrow(
      `${file} already exists; nothing was written. To replace it: pulumi-novu plugin-pack --out ${out} --force`,
    );
    expect(fs.readFileSync(file, "utf8")).toBe("kept");
    await packPlugin({ packageDir: root, outDir: out, force: true, ...quiet });
    expect(fs.statSync(file).size).toBeGreaterThan(4);
  });

  it("refuses a package that was never built, with the command that builds it", async () => {
    const root = pkg("checkout", { name: "pulumi-novu", version: "0.1.0" });
    await expect(packPlugin({ packageDir: root, outDir: tmp, force: false, ...quiet })).rejects.toThrow(PackageNotBuiltError);
    await expect(packPlugin({ packageDir: root, outDir: tmp, force: false, ...quiet })).rejects.toThrow(/Run `npm run build` there/);
  });
});

describe("plugin-pack: where the tarball goes", () => {
  const quiet = { log: () => undefined };

  it("defaults to pulumi-novu's cache, found as the Pulumi CLI's cache is, never the current folder", () => {
    expect(defaultPluginDir({ PULUMI_NOVU_CACHE_DIR: "/c/novu", XDG_CACHE_HOME: "/x" })).toBe("/c/novu/plugins");
    expect(defaultPluginDir({ XDG_CACHE_HOME: "/x" })).toBe("/x/pulumi-novu/plugins");
    expect(defaultPluginDir({})).toBe(path.join(os.homedir(), ".cache", "pulumi-novu", "plugins"));
    expect(pluginPackTarget({}, { XDG_CACHE_HOME: "/x" })).toEqual({ outDir: "/x/pulumi-novu/plugins", force: true });
  });

  it("keeps the refusal for a folder named with --out, unless --force", () => {
    expect(pluginPackTarget({ out: "dist" }, { XDG_CACHE_HOME: "/x" })).toEqual({ outDir: "dist", force: false });
    expect(pluginPackTarget({ out: "dist", force: true }, { XDG_CACHE_HOME: "/x" })).toEqual({ outDir: "dist", force: true });
  });

  it("replaces an earlier pack of the same version in the default folder, leaving nothing else there", async () => {
    const root = userProject();
    const env = { PULUMI_NOVU_CACHE_DIR: path.join(tmp, "cache") };
    const first = await packPlugin({ packageDir: root, ...pluginPackTarget({}, env), ...quiet });
    expect(path.dirname(first.file)).toBe(path.join(tmp, "cache", "plugins"));
    fs.writeFileSync(first.file, "an earlier pack");
    const again = await packPlugin({ packageDir: root, ...pluginPackTarget({}, env), ...quiet });
    expect(again.file).toBe(first.file);
    expect(execFileSync("tar", ["-tzf", again.file], { encoding: "utf8" })).toContain("node_modules/pulumi-novu/dist/provider/native/main.js");
    expect(fs.readdirSync(path.join(tmp, "cache", "plugins"))).toEqual([path.basename(first.file)]);
  });

  it("refuses to replace a tarball in a folder named with --out", async () => {
    const root = userProject();
    const out = path.join(tmp, "mine");
    const { file } = await packPlugin({ packageDir: root, ...pluginPackTarget({ out }), ...quiet });
    fs.writeFileSync(file, "kept");
    await expect(packPlugin({ packageDir: root, ...pluginPackTarget({ out }), ...quiet })).rejects.toThrow(OutputExistsError);
    expect(fs.readFileSync(file, "utf8")).toBe("kept");
  });
});

describe("plugin-pack: the launcher", () => {
  it("requires the Node.js that package.json's engines require", () => {
    const engines = JSON.parse(fs.readFileSync(path.join(packageRoot(__dirname), "package.json"), "utf8")).engines.node;
    expect(engines).toBe(`>=${MIN_NODE_MAJOR}`);
  });

  it("names the old Node and exits before loading the provider", () => {
    const script = path.join(tmp, "launcher.js");
    fs.writeFileSync(script, launcherScript("pulumi-novu").replace(`< ${MIN_NODE_MAJOR}`, "< 999"));
    const r = spawnSync(process.execPath, [script], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`pulumi-resource-novu: needs Node.js 22 or newer as \`node\` on PATH; found ${process.version} at ${process.execPath}. Put Node.js 22+ first on PATH for the pulumi command.\n`);
  });
});
