/**
 * Reads pulumi-novu's production dependency tree as it is installed, by Node's own lookup rule, so
 * the tarball holds exactly the versions the package runs with here: no registry, no npm cache, no
 * second resolution that could pick other versions.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DependencyLayoutError } from "./errors";
import type { DependencyEdge, DependencyTree, InstalledPackage } from "./layout";

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
}

/** Where Node finds `name` required from a file in `fromDir` (a real path), or undefined. */
export function findInstalled(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== "node_modules") {
      const candidate = path.join(dir, "node_modules", name);
      if (fs.existsSync(path.join(candidate, "package.json"))) return fs.realpathSync(candidate);
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * What a package needs at run time: its dependencies, the optional ones that are installed, and
 * peers that are not marked optional (npm installs those). Optional peers (@pulumi/pulumi's
 * typescript and ts-node) are what a program may bring, never what the plugin runs.
 */
function runtimeNeeds(manifest: Manifest): { name: string; required: boolean }[] {
  const optionalPeer = (name: string) => manifest.peerDependenciesMeta?.[name]?.optional === true;
  return [
    ...Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, required: true })),
    ...Object.keys(manifest.optionalDependencies ?? {}).map((name) => ({ name, required: false })),
    ...Object.keys(manifest.peerDependencies ?? {})
      .filter((name) => !optionalPeer(name))
      .map((name) => ({ name, required: false })),
  ];
}

/** The node_modules folder the package was installed in (see DependencyTree.modulesDir). */
function modulesDirOf(rootDir: string, name: string): string {
  const holder = name.startsWith("@") ? path.dirname(path.dirname(rootDir)) : path.dirname(rootDir);
  if (path.basename(holder) === "node_modules") return holder;
  const own = path.join(rootDir, "node_modules");
  return fs.existsSync(own) ? fs.realpathSync(own) : own;
}

export function collectDependencyTree(packageDir: string): DependencyTree {
  const rootDir = fs.realpathSync(packageDir);
  const rootManifest = readManifest(rootDir);
  const root: InstalledPackage = { dir: rootDir, name: rootManifest.name, version: rootManifest.version };
  const seen = new Map<string, InstalledPackage>([[rootDir, root]]);
  const edges: DependencyEdge[] = [];
  const queue: [InstalledPackage, Manifest][] = [[root, rootManifest]];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const [pkg, manifest] = next;
    for (const need of runtimeNeeds(manifest)) {
      const dir = findInstalled(pkg.dir, need.name);
      if (dir === undefined) {
        if (!need.required) continue;
        throw new DependencyLayoutError(
          `${need.name}, a dependency of ${pkg.name}@${pkg.version}, is not installed where Node looks for it from ${pkg.dir}; ` +
            `run npm install in the project that has ${root.name}, then plugin-pack again`,
        );
      }
      edges.push({ from: pkg.dir, name: need.name, to: dir });
      if (seen.has(dir)) continue;
      const depManifest = readManifest(dir);
      const dep: InstalledPackage = { dir, name: depManifest.name ?? need.name, version: depManifest.version };
      seen.set(dir, dep);
      queue.push([dep, depManifest]);
    }
  }
  return { root, packages: [...seen.values()].filter((p) => p !== root), edges, modulesDir: modulesDirOf(rootDir, root.name) };
}
