/**
 * The executable at the root of the plugin tarball. The engine runs `pulumi-resource-novu` from
 * the installed plugin's folder ($PULUMI_HOME/plugins/resource-novu-v<version>/); the package sits
 * beside it in node_modules/, so this launcher differs from bin/pulumi-resource-novu only in the
 * path it requires.
 *
 * It checks Node's version first: the engine shows little of a plugin that dies at start
 * ("could not read plugin stdout"), and on an older Node the provider would fail somewhere inside a
 * dependency (undici, @pulumi/pulumi) with a message that names neither Node nor its version.
 */
export const LAUNCHER_NAME = "pulumi-resource-novu";

/** pulumi-novu's `engines.node` (a unit test keeps the two equal). */
export const MIN_NODE_MAJOR = 22;

export function launcherScript(packageName: string): string {
  return [
    "#!/usr/bin/env node",
    "// The `novu` Pulumi resource plugin, written by `pulumi-novu plugin-pack`.",
    '"use strict";',
    `if (Number(process.versions.node.split(".")[0]) < ${MIN_NODE_MAJOR}) {`,
    "  process.stderr.write(",
    `    "pulumi-resource-novu: needs Node.js ${MIN_NODE_MAJOR} or newer as \`node\` on PATH; found " + process.version + " at " + process.execPath + ". " +`,
    `      "Put Node.js ${MIN_NODE_MAJOR}+ first on PATH for the pulumi command.\\n",`,
    "  );",
    "  process.exit(1);",
    "}",
    "// Node's on-disk compile cache: about a third less start-up, which the engine waits for at every command.",
    'require("node:module").enableCompileCache?.();',
    `require("./node_modules/${packageName}/dist/provider/native/main.js");`,
    "",
  ].join("\n");
}
