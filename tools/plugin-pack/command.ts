/** `pulumi-novu plugin-pack [--out <dir>] [--force]`: argument handling around packPlugin. */
import { parseArgs } from "node:util";
import { packageRoot } from "../package-root";
import { UsageError } from "../generate/command";
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
  --out <dir>   folder to write the tarball to (default: the current folder; created if missing)
  --force       replace a tarball already there; without it, plugin-pack refuses`;

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
  const result = await packPlugin({
    packageDir: packageRoot(__dirname),
    outDir: values.out ?? process.cwd(),
    force: values.force === true,
    log: (line) => io.err(`pulumi-novu plugin-pack: ${line}\n`),
  });
  io.out(result.file + "\n");
  return 0;
}
