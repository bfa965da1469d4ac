/**
 * The gRPC library and Pulumi's protocol stubs a provider plugin is written on: the ones
 * `@pulumi/pulumi` was built with (its `proto/` folder and its own `@grpc/grpc-js` and
 * `google-protobuf`), so the wire format is the SDK's, whatever else is installed. Shared by the
 * `novu` plugin (service.ts) and the bench's do-nothing plugin of the same kind (dev/bench/native-noop/).
 */
import { createRequire } from "node:module";

const fromSdk = createRequire(require.resolve("@pulumi/pulumi/package.json"));
export const grpc = fromSdk("@grpc/grpc-js");
export const providerPb = require("@pulumi/pulumi/proto/provider_pb");
export const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
export const pluginPb = require("@pulumi/pulumi/proto/plugin_pb");
export const statusPb = require("@pulumi/pulumi/proto/status_pb");
export const engineGrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
export const enginePb = require("@pulumi/pulumi/proto/engine_pb");
export const structPb = fromSdk("google-protobuf/google/protobuf/struct_pb");
export const emptyPb = fromSdk("google-protobuf/google/protobuf/empty_pb");
export const anyPb = fromSdk("google-protobuf/google/protobuf/any_pb");

/**
 * Serves `service`'s methods (each named after a ResourceProvider RPC: `check`, `create`, …) on a
 * free loopback port and returns the port, which the plugin prints for the engine. Each call runs
 * inside `around`, given the URN of the resource it is about (when its request has one). An RPC the
 * service lacks is answered UNIMPLEMENTED, which the engine accepts for the optional ones.
 */
export async function serveResourceProvider(service: object, around: (urn: string | undefined, handler: () => unknown) => unknown = (_urn, h) => h()): Promise<number> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  const handlers: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(service))) {
    if (name === "constructor") continue;
    const method = (service as any)[name].bind(service);
    // `around` sees the resource an RPC is about (its URN), e.g. to name it in what the RPC logs.
    handlers[name] = (call: { request?: { getUrn?: () => string } }, callback: unknown) => around(call.request?.getUrn?.(), () => method(call, callback));
  }
  server.addService(providerGrpc.ResourceProviderService, handlers);
  return new Promise((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err: Error | null, port: number) => (err ? reject(err) : resolve(port)));
  });
}

/**
 * Configure's answer for our plugins: secrets arrive wrapped (so the provider knows which were
 * secret), no Create at preview, resource references as plain ids. One answer, so the bench's floor
 * is treated by the engine exactly as the `novu` plugin is.
 */
export function configureResponse(): unknown {
  const response = new providerPb.ConfigureResponse();
  response.setAcceptsecrets(true);
  response.setSupportspreview(false);
  response.setAcceptresources(false);
  return response;
}
