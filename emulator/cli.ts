#!/usr/bin/env node
/**
 * `node dist/emulator/cli.js [flags]` (`npm run emulator -- …`): starts the emulator and prints one
 * line, `novu-emulator listening on <url>`, once it accepts requests. SIGINT/SIGTERM close it and
 * exit 0. Usage errors print one line to stderr and exit 2.
 */
import { CliUsageError, USAGE, parseCliArgs } from "./cli-args";
import { startEmulator } from "./index";
import { EmulatorOptionsError } from "./options";
import { StateFileError } from "./store";

async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2));
  if (command.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startEmulator(command.options);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Handlers first: whoever reads the line may signal at once.
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  process.stdout.write(`novu-emulator listening on ${emulator.url}\n`);
}

main().catch((error: unknown) => {
  // Usage, option, state-file and system errors (e.g. EADDRINUSE) are one line; anything else shows its stack.
  const known =
    error instanceof CliUsageError ||
    error instanceof EmulatorOptionsError ||
    error instanceof StateFileError ||
    typeof (error as NodeJS.ErrnoException)?.code === "string";
  const message = known ? (error as Error).message : ((error as Error)?.stack ?? String(error));
  process.stderr.write(`novu-emulator: ${message}\n`);
  process.exit(error instanceof CliUsageError || error instanceof EmulatorOptionsError ? 2 : 1);
});
