/**
 * Information the provider gives once per process, not per resource: which Novu environment and
 * server the stack writes to, and where the key and URL came from. Not a warning: nothing is wrong.
 *
 * The dynamic-provider host's only channel is stderr, which the engine shows; the native plugin's
 * stderr is not shown, so it sets a sink that logs through the engine (runtime/engine-log.ts).
 * Messages are redacted here, like warnings (never pass the key or a credential anyway).
 */
import { secrets } from "./redact";

let sink: (message: string) => void = (message) => process.stderr.write(`pulumi-novu: ${message}\n`);

export function notice(message: string): void {
  sink(secrets.redact(message));
}

/** The native plugin's channel (main.ts). Messages arrive already redacted. */
export function setNoticeSink(next: (message: string) => void): void {
  sink = next;
}
