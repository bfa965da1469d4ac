/**
 * Warnings and notices of the native plugin, shown by the engine under Diagnostics like any
 * provider's: the engine gives a native plugin its address as the last argument and, unlike the
 * dynamic host's, does not show the plugin's stderr. A failed log call falls back to stderr: a
 * message is never lost by us.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { enginePb, engineGrpc, grpc } from "./grpc";

/** The resource the RPC being served is about: its warnings are shown under it, not under the stack. */
const aboutResource = new AsyncLocalStorage<string>();

/** Runs an RPC handler so that what it logs names `urn` (empty: the provider's own messages). */
export function loggingAbout<T>(urn: string | undefined, handler: () => T): T {
  return urn ? aboutResource.run(urn, handler) : handler();
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
