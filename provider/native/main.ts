/**
 * `pulumi-resource-novu`: the plugin process the engine starts for every `novu` provider. It prints
 * the port of its gRPC service on stdout (the engine reads it to connect) and ends when the engine
 * is gone (runtime/orphan-guard.ts): the engine starts plugins in process groups of their own, so a
 * killed CLI does not end them.
 */
import { setWarningSink } from "../runtime/warnings";
import { setNoticeSink } from "../runtime/notice";
import { exitWhenOrphaned } from "../runtime/orphan-guard";
import { engineAddressFrom } from "../runtime/engine-address";
import { engineNoticeSink, engineWarningSink } from "../runtime/engine-log";
import { serve } from "./service";

async function main(): Promise<void> {
  exitWhenOrphaned(process.argv, { plugin: true });
  const engine = engineAddressFrom(process.argv.slice(2))?.text;
  if (engine) {
    setWarningSink(engineWarningSink(engine));
    setNoticeSink(engineNoticeSink(engine));
  }
  const port = await serve(engine);
  // A string, so Node does not colour it when stdout is a terminal.
  process.stdout.write(`${port}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`pulumi-resource-novu: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
