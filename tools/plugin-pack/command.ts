/** `pulumi-novu plugin-pack [--out <dir>] [--force]`: argument handling around packPlugin. */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { packageRoot } from "../package-root";
import { UsageError } from "../generate/command";
import { cacheRoot } from "../pulumi-cli/locate";
import { packPlugin } from "./pack";

export const PLUGIN_PACK_USAGE = `Usage: pulumi-novu plugin-pack [--out <dir>] [--force]

Writes the native novu provider as a Pulumi resource plugin tarball,
pulumi-resource-novu-v<version>-<os>-<arch>.tar.gz: the launcher, this pulumi-novu and its
production dependencies, copied from where they are installed (no network). Install it with
  plugin="$(npx pulumi-novu plugin-pack)" && pulumi plugin install resource novu <version> --file "$plugin"
(the && keeps pulumi from asking its registry for "novu" when no tarball was written), and Pulumi
YAML projects run novu:Integration without a plugins: entry (docs/native-provider.md). The plugin
runs on the Node.js 22+ that is \`node\` on PATH when pulumi runs. Progress goes to stderr, the
tarball's path to stdout.

Options:
  --out <dir>   folder to write the tarball to (created if missing). Default: pulumi-novu's cache,
                \${XDG_CACHE_HOME:-~/.cache}/pulumi-novu/plugins (\$PULUMI_NOVU_CACHE_DIR/plugins
                when that is set), outside your project, where packing the same version again
                replaces the tarball
  --force       with --out: replace a tarball already there; without it, plugin-pack refuses`;

/**
 * Where the tarball goes when no --out is given: pulumi-novu's cache (the folder the Pulumi CLI is
 * cached in, same rule), not the user's project, which would otherwise gain a 14 MB file that no
 * .gitignore of theirs names.
 */
export function defaultPluginDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheRoot(env), "plugins");
}

/**
 * Pure: the folder to write to and whether an existing tarball may be replaced. The default folder
 * is our cache, where a tarball of the same version is only an earlier pack of it (the README's
 * words pack in every project), so it is replaced; a folder the user names keeps the refusal
 * unless --force.
 */
export function pluginPackTarget(values: { out?: string; force?: boolean }, env: NodeJS.ProcessEnv = process.env): { outDir: string; force: boolean } {
  if (values.out === undefined) return { outDir: defaultPluginDir(env), force: true };
  return { outDir: values.out, force: values.force === true };
}

export async function pluginPackCommand(argv: string[], io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: "string" }, force: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.out(PLUGIN_PACK_USAGE + "\n");
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`plugin-pack takes no arguments (got "${positionals[0]}"); name the folder with --out <dir>`);
  const { outDir, force } = pluginPackTarget(values);
  const result = await packPlugin({
    packageDir: packageRoot(__dirname),
    outDir,
    force,
    log: (line) => io.err(`pulumi-novu plugin-pack: ${line}\n`),
  });
  io.out(result.file + "\n");
  return 0;
}
