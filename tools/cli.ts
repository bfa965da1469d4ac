#!/usr/bin/env node
/** `pulumi-novu <command>`: tools that sit beside the Pulumi resource. */
import { NovuProviderError } from "../provider/errors";
import { GENERATE_USAGE, generateCommand, UsageError } from "./generate/command";
import { PluginPackError } from "./plugin-pack/errors";
import { PLUGIN_PACK_USAGE, pluginPackCommand } from "./plugin-pack/command";
import { RECOVER_USAGE, recoverCommand } from "./recover/command";
import { PulumiCommandError } from "./recover/pulumi-runner";
import { locatePulumiCli, PulumiCliUnavailableError } from "./pulumi-cli/locate";
import { StackFileConflictError } from "./generate/stack-file";

const USAGE = `Usage: pulumi-novu <command>

Commands:
  generate     write the stack config (or TypeScript) that adopts an environment's existing integrations
  install-cli  find (or build once, from the Go module proxy) the Pulumi CLI matching this project's
               @pulumi/pulumi, with the launchers and the Pulumi YAML language host it needs
               beside it, and print its directory:
               export PATH="$(npx pulumi-novu install-cli):$PATH"
  recover      after a killed \`pulumi up\` (native novu provider): take over what it made, drop its pending creates
  plugin-pack  write the native novu provider as a Pulumi plugin tarball and print its path:
               plugin="$(npx pulumi-novu plugin-pack)" && pulumi plugin install resource novu <version> --file "$plugin"

${GENERATE_USAGE}

${PLUGIN_PACK_USAGE}

${RECOVER_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) };
  const [command, ...rest] = argv;
  if (command === "generate") return generateCommand(rest, io);
  if (command === "plugin-pack") return pluginPackCommand(rest, io);
  if (command === "recover") return recoverCommand(rest, io);
  if (command === "install-cli") {
    if (rest.length > 0) throw new UsageError(`install-cli takes no arguments`);
    // Progress goes to stderr: stdout is only the directory, for $(…).
    const cli = await locatePulumiCli({ log: (line) => io.err(line + "\n") });
    io.out(cli.binDir + "\n");
    return 0;
  }
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.out(USAGE + "\n");
    return command === undefined ? 2 : 0;
  }
  throw new UsageError(`unknown command "${command}" (try: pulumi-novu generate --help)`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Known failures are one line; anything else keeps its stack for a bug report.
    const known =
      err instanceof UsageError ||
      err instanceof StackFileConflictError ||
      err instanceof NovuProviderError ||
      err instanceof PulumiCliUnavailableError ||
      err instanceof PluginPackError ||
      err instanceof PulumiCommandError ||
      (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    process.stderr.write(`pulumi-novu: ${known ? (err as Error).message : (err as Error).stack}\n`);
    process.exit(known ? 2 : 1);
  },
);
