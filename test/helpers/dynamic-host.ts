/**
 * Pulumi's own dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`), started as the engine
 * starts it and called over gRPC as the engine calls it, with a provider text like the one our stub
 * stores in state. For what only the host decides (what it records from an error), without an
 * engine: about a second per process. `engineAddress` is a plain TCP listener, so the runtime's
 * orphan guard sees a live engine; its warnings then fall back to stderr.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as net from "node:net";
import * as path from "node:path";
import { grpc, providerGrpc, providerPb, statusPb, structPb } from "../../provider/native/grpc";

/** Like provider/dynamic/stub.ts: loads `pulumi-novu/runtime` (dist/) from the program's directory. */
export const STUB_PROVIDER_TEXT =
  'exports.handler = function () { return { configure(req) { return require("node:module").createRequire(process.cwd() + "/_.js")("pulumi-novu/runtime").install(this, req, "0.1.0"); } }; };';

type Bag = Record<string, unknown>;

export interface DynamicHost {
  /** One RPC; rejects with the gRPC error (its `metadata` holds any ErrorResourceInitFailed). */
  call(method: "configure" | "check" | "create" | "read" | "update" | "delete", request: unknown): Promise<any>;
  stop(): void;
}

export async function startDynamicHost(): Promise<DynamicHost> {
  const engine = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => engine.listen(0, "127.0.0.1", resolve));
  const engineAddress = `127.0.0.1:${(engine.address() as net.AddressInfo).port}`;
  const script = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");
  const child: ChildProcess = spawn(process.execPath, [script, engineAddress], { cwd: path.resolve(__dirname, "../.."), stdio: ["ignore", "pipe", "pipe"] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const line = /^(\d+)\n/.exec(out);
      if (line) resolve(line[1]!);
    });
    child.stderr!.on("data", (chunk) => (err += chunk));
    child.on("exit", (code) => reject(new Error(`the dynamic-provider host exited (${code}): ${err}`)));
  });
  const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    call: (method, request) => new Promise((resolve, reject) => client[method](request, (err: unknown, response: unknown) => (err ? reject(err) : resolve(response)))),
    stop() {
      client.close();
      child.kill();
      engine.close();
    },
  };
}

/** The host's Configure, with stack config as the engine passes it (`novu:*` keys). */
export function configureRequest(config: Record<string, string>): unknown {
  const request = new providerPb.ConfigureRequest();
  request.setArgs(structPb.Struct.fromJavaScript(config));
  return request;
}

/** What a gRPC error from Create or Update says to the engine about a half-done write, if anything. */
export function initFailureOf(err: { metadata?: { get(key: string): unknown[] } }): { id: string; properties: Bag; reasons: string[] } | undefined {
  const bin = err.metadata?.get("grpc-status-details-bin")[0] as Uint8Array | undefined;
  if (!bin) return undefined;
  const status = statusPb.Status.deserializeBinary(new Uint8Array(bin));
  for (const any of status.getDetailsList()) {
    const detail = any.unpack(providerPb.ErrorResourceInitFailed.deserializeBinary, "pulumirpc.ErrorResourceInitFailed");
    if (detail) return { id: detail.getId(), properties: detail.getProperties()?.toJavaScript() ?? {}, reasons: detail.getReasonsList() };
  }
  return undefined;
}
