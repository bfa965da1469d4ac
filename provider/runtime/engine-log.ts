/**
 * Warnings and notices of either front-end's provider process, shown by the engine under
 * Diagnostics like any provider's, under the resource they are about: the engine gives every
 * provider process its address (a native plugin's last argument, the dynamic host's first). A
 * native plugin's stderr is not shown at all; the dynamic host's is, but under the stack. A failed
 * log call falls back to stderr: a message is never lost by us.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";

// The stubs and gRPC library `@pulumi/pulumi` was built with, as native/grpc.ts loads them for the plugin.
const grpc = createRequire(require.resolve("@pulumi/pulumi/package.json"))("@grpc/grpc-js");
const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const enginePb = require("@pulumi/pulumi/proto/engine_pb");

/** The resource the RPC being served is about: its warnings are shown under it, not under the stack. */
const aboutResource = new AsyncLocalStorage<string>();

/** Runs an RPC handler so that what it logs names `urn` (empty: the provider's own messages). */
export function loggingAbout<T>(urn: string | undefined, handler: () => T): T {
  return urn ? aboutResource.run(urn, handler) : handler();
}

/** The URN of the resource the RPC being served is about, if any. */
export function currentResource(): string | undefined {
  return aboutResource.getStore();
}

function engineLogSink(engineAddress: string, severity: number, label: string, aboutTheResource = true): (message: string) => void {
  const client = new engineGrpc.EngineClient(engineAddress, grpc.credentials.createInsecure());
  return (message: string) => {
    const request = new enginePb.LogRequest();
    request.setSeverity(severity);
    request.setMessage(`pulumi-novu: ${message}`);
    const urn = aboutTheResource ? aboutResource.getStore() : undefined;
    if (urn) request.setUrn(urn);
    client.log(request, (err: Error | null) => {
      if (err) process.stderr.write(`${label}pulumi-novu: ${message}\n`);
    });
  };
}

export function engineWarningSink(engineAddress: string): (message: string) => void {
  return engineLogSink(engineAddress, enginePb.LogSeverity.WARNING, "warning: ");
}

/**
 * Information (runtime/notice.ts), e.g. which Novu environment the stack writes to: about the
 * provider process, not the resource whose RPC happened to learn it, so it is shown under the stack.
 */
export function engineNoticeSink(engineAddress: string): (message: string) => void {
  return engineLogSink(engineAddress, enginePb.LogSeverity.INFO, "", false);
}
