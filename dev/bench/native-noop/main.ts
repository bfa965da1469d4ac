/**
 * `pulumi-resource-noop` (dev/bench/native-noop/bin/): the bench's do-nothing native plugin,
 * started by the engine like `pulumi-resource-novu` (provider/native/main.ts) and in the same way.
 */
import { exitWhenOrphaned } from "../../../provider/runtime/orphan-guard";
import { serve } from "./service";

async function main(): Promise<void> {
  exitWhenOrphaned(process.argv, { plugin: true });
  const port = await serve();
  process.stdout.write(`${port}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`pulumi-resource-noop: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
