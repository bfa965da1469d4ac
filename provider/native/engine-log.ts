/**
 * Warnings of the native plugin, shown by the engine under Diagnostics like any provider's: the
 * engine gives a native plugin its address as the last argument and, unlike the dynamic host's, does
 * not show the plugin's stderr. A failed log call falls back to stderr: a warning is never lost by us.
 */
import { enginePb, engineGrpc, grpc } from "./grpc";

export function engineWarningSink(engineAddress: string): (message: string) => void {
  const client = new engineGrpc.EngineClient(engineAddress, grpc.credentials.createInsecure());
  return (message: string) => {
    const request = new enginePb.LogRequest();
    request.setSeverity(enginePb.LogSeverity.WARNING);
    request.setMessage(`pulumi-novu: ${message}`);
    client.log(request, (err: Error | null) => {
      if (err) process.stderr.write(`warning: pulumi-novu: ${message}\n`);
    });
  };
}
