/**
 * Where the engine that started this process listens, read once from the process's arguments for
 * every process the engine starts with it: the dynamic-provider host, the native plugin and our
 * Node.js language host. Verbose logging and tracing put flags (`--logtostderr`, `-v=N`,
 * `--tracing <endpoint>`) before the address.
 */

export interface EngineAddress {
  /** As the engine wrote it, for a gRPC client: `127.0.0.1:38547`. */
  readonly text: string;
  readonly host: string;
  readonly port: number;
}

/** The engine's address among a process's arguments (after `node <script>`); undefined when there is none. */
export function engineAddressFrom(args: readonly string[]): EngineAddress | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--tracing" || arg === "-tracing") {
      i++;
      continue;
    }
    if (arg.startsWith("-")) continue;
    return parseAddress(arg);
  }
  return undefined;
}

/** `127.0.0.1:38547` (or `[::1]:38547`) → host and port; anything else → undefined. */
export function parseAddress(text: string | undefined): EngineAddress | undefined {
  const match = /^(.+):(\d{1,5})$/.exec(text ?? "");
  if (!match) return undefined;
  const port = Number(match[2]);
  return port > 0 && port < 65536 ? { text: text!, host: match[1]!.replace(/^\[(.*)\]$/, "$1"), port } : undefined;
}

/** Pulumi's dynamic-provider host (`node …/@pulumi/pulumi/cmd/dynamic-provider/index.js <engine>`). */
export function isDynamicProviderHost(argv: readonly string[] = process.argv): boolean {
  return /dynamic-provider([\\/]index\.js)?$/.test(argv[1] ?? "");
}
