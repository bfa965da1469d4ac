/**
 * Ends the provider process once the engine that started it is gone.
 *
 * The engine starts every plugin in a process group of its own, so when the CLI is killed (SIGKILL:
 * a CI timeout, or a cancelled job after its grace period) nothing ends the provider process. An
 * orphaned dynamic-provider host is worse than idle: the first write to its closed stderr fails
 * with EPIPE, its `uncaughtException` handler logs that error to the same stderr, which fails again,
 * and so on — one core at 100 % and memory growing until the machine's owner notices
 * (docs/reliability.md, "Interrupted deployments"). Two signs of a dead engine end the process:
 * an EPIPE on stdout/stderr, and the engine's address refusing connections.
 */
import * as net from "node:net";
import { type EngineAddress, engineAddressFrom, isDynamicProviderHost } from "./engine-address";

/** How often the engine's address is tried; a dead engine costs at most this long of an idle process. */
const ENGINE_CHECK_MS = 2_000;

let installed = false;

/**
 * Installs the guard in Pulumi's dynamic-provider host, or in our native plugin (`plugin: true`);
 * anywhere else (a test importing the runtime) it does nothing.
 */
export function exitWhenOrphaned(argv: readonly string[] = process.argv, opts: { plugin?: boolean } = {}): void {
  if (installed || !(opts.plugin || isDynamicProviderHost(argv))) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(1);
    });
  }
  const engine = engineAddressFrom(argv.slice(2));
  if (engine) setInterval(() => probe(engine), ENGINE_CHECK_MS).unref();
}

function probe(engine: EngineAddress): void {
  const socket = net.connect(engine.port, engine.host);
  socket.setTimeout(ENGINE_CHECK_MS);
  socket.on("connect", () => socket.destroy());
  socket.on("timeout", () => socket.destroy());
  socket.on("error", (err: NodeJS.ErrnoException) => {
    socket.destroy();
    // Only a refusal proves nobody listens there any more; anything else may pass.
    if (err.code === "ECONNREFUSED") process.exit(1);
  });
}
