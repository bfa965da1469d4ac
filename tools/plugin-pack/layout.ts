/**
 * Pure: where each package of the plugin's dependency tree goes inside the tarball, and the proof
 * that Node will find, from every copied package, the same dependency it finds in the installed
 * tree. The tree is copied as npm laid it out (each package at its place relative to the
 * node_modules folder it was installed in), so a package resolves to what it resolves to today,
 * whichever versions and nesting npm chose; the check turns any case that copy would get wrong into
 * an error before anything is written.
 */
import * as path from "node:path";
import { DependencyLayoutError } from "./errors";

export interface InstalledPackage {
  /** Real path of the package folder (symlinks resolved, as Node resolves them). */
  readonly dir: string;
  readonly name: string;
  readonly version: string;
}

/** `from` requires `name`, which Node finds at `to` (both real paths). */
export interface DependencyEdge {
  readonly from: string;
  readonly name: string;
  readonly to: string;
}

export interface DependencyTree {
  /** pulumi-novu itself. */
  readonly root: InstalledPackage;
  /** Every production dependency, direct or not, once each; never the root. */
  readonly packages: readonly InstalledPackage[];
  readonly edges: readonly DependencyEdge[];
  /**
   * Real path of the node_modules folder the tree was installed in: the one holding pulumi-novu in a
   * user's project, the checkout's own `node_modules` (possibly a symlink) in a checkout.
   */
  readonly modulesDir: string;
}

export interface StagedPackage {
  readonly source: string;
  /** POSIX path inside the tarball, e.g. `node_modules/zod`. */
  readonly target: string;
}

/** The tarball's layout: the launcher at its root, every package under `node_modules/`. */
export function planLayout(tree: DependencyTree): StagedPackage[] {
  const rootTarget = path.posix.join("node_modules", tree.root.name);
  const staged = new Map<string, string>([[tree.root.dir, rootTarget]]);
  const occupant = new Map<string, string>([[rootTarget, tree.root.dir]]);
  for (const pkg of tree.packages) {
    const rel = path.relative(tree.modulesDir, pkg.dir);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
      throw new DependencyLayoutError(
        `${pkg.name}@${pkg.version} is installed at ${pkg.dir}, outside ${tree.modulesDir} where ${tree.root.name} is installed ` +
          "(a pnpm, `npm link` or global layout), so a copy of the tree would not find it. " +
          `Install ${tree.root.name} with npm into a project folder and run plugin-pack from there, or name the plugin's folder in Pulumi.yaml instead (docs/native-provider.md)`,
      );
    }
    const target = path.posix.join("node_modules", ...rel.split(path.sep));
    const other = occupant.get(target);
    if (other !== undefined && other !== pkg.dir) {
      throw new DependencyLayoutError(`${pkg.dir} and ${other} would both be copied to ${target}; run plugin-pack from a project that has ${tree.root.name} installed by npm`);
    }
    staged.set(pkg.dir, target);
    occupant.set(target, pkg.dir);
  }
  for (const edge of tree.edges) {
    const from = staged.get(edge.from)!;
    const found = resolveStaged(from, edge.name, occupant);
    if (found !== edge.to) {
      throw new DependencyLayoutError(
        `in the tarball, ${edge.name} required from ${from} would be ${found ?? "missing"} instead of ${edge.to}; ` +
          `run plugin-pack from a project that has ${tree.root.name} installed by npm`,
      );
    }
  }
  return [...staged].map(([source, target]) => ({ source, target }));
}

/** Node's lookup (`<dir>/node_modules/<name>` for `from` and each ancestor, skipping node_modules folders) among the staged packages. */
export function resolveStaged(from: string, name: string, occupant: ReadonlyMap<string, string>): string | undefined {
  for (let dir = from; ; dir = path.posix.dirname(dir)) {
    if (path.posix.basename(dir) !== "node_modules") {
      const hit = occupant.get(path.posix.join(dir, "node_modules", name));
      if (hit !== undefined) return hit;
    }
    if (dir === "." || dir === "/") return undefined;
  }
}

/** Pulumi's operating system and architecture names, as in its own plugin tarballs and download URLs. */
export function pluginTarballName(version: string, platform: NodeJS.Platform, arch: string): string {
  const os = platform === "win32" ? "windows" : platform;
  const goArch = arch === "x64" ? "amd64" : arch === "ia32" ? "386" : arch;
  return `pulumi-resource-novu-v${version}-${os}-${goArch}.tar.gz`;
}
