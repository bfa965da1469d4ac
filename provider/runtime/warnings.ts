/**
 * The provider process's warnings: something the user should act on or know before it surprises
 * them (a primary Novu moves, an integration deleted outside Pulumi, an ignored input).
 *
 * The dynamic-provider host has no channel to the engine's diagnostics, so warnings go to stderr,
 * which the CLI shows; a process given the engine's address logs them through the engine instead
 * (runtime/engine-log.ts), under the resource they are about. Messages are redacted here (never
 * pass the key or a credential anyway). Information that is not a warning is runtime/notice.ts.
 */
import { secrets } from "./redact";

let sink: (message: string) => void = (message) => process.stderr.write(`warning: pulumi-novu: ${message}\n`);

export function warn(message: string): void {
  sink(secrets.redact(message));
}

/** The engine's channel (native/main.ts, dynamic/runtime.ts). Messages arrive already redacted. */
export function setWarningSink(next: (message: string) => void): void {
  sink = next;
}
