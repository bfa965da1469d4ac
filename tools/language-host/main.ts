/**
 * A Node.js language host for the Pulumi engine. The engine starts it with its own address, reads
 * the gRPC port from our first stdout line, then calls GetPluginInfo, GetRequiredPackages and Run;
 * Run starts `@pulumi/pulumi/cmd/run` on the program and reports how it ended. Methods we leave out
 * answer UNIMPLEMENTED, which the engine accepts for everything a deployment needs.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import { engineAddressFrom } from "../../provider/runtime/engine-address";
import { exitWhenOrphaned } from "../../provider/runtime/orphan-guard";
import { programCommand, runOutcome } from "./program-command";

// The gRPC stubs and protobuf classes the SDK ships, resolved from the SDK itself so we use the
// exact grpc-js and google-protobuf it was generated against.
const fromSdk = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = fromSdk("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const services = fromSdk("./proto/language_grpc_pb.js");
const languageProto = fromSdk("./proto/language_pb.js");
const pluginProto = fromSdk("./proto/plugin_pb.js");
const emptyProto = fromSdk("google-protobuf/google/protobuf/empty_pb.js");
const sdkVersion: string = fromSdk("./package.json").version;

type Callback = (err: null, value?: unknown) => void;

const engineAddress = engineAddressFrom(process.argv.slice(2))?.text ?? "";
// A killed CLI leaves its plugins running (each in a process group of its own): end when the engine is gone.
if (engineAddress) exitWhenOrphaned(["node", "language-host", engineAddress], { plugin: true });
const running = new Set<ChildProcess>();

function resolveRunScript(programDirectory: string): string {
  return createRequire(path.join(programDirectory, "__pulumi_novu_host__.js")).resolve("@pulumi/pulumi/cmd/run");
}

const implementation = {
  getPluginInfo(_call: unknown, callback: Callback) {
    const info = new pluginProto.PluginInfo();
    info.setVersion(sdkVersion);
    callback(null, info);
  },

  getRequiredPackages(_call: unknown, callback: Callback) {
    // Dynamic providers need no plugin beyond the engine's own `pulumi-nodejs`.
    callback(null, new languageProto.GetRequiredPackagesResponse());
  },

  getRequiredPlugins(_call: unknown, callback: Callback) {
    callback(null, new languageProto.GetRequiredPluginsResponse());
  },

  run(call: { request: any }, callback: Callback) {
    const req = call.request;
    const info = req.getInfo();
    const programDirectory: string = info?.getProgramDirectory() || req.getPwd();
    const response = new languageProto.RunResponse();
    let runScript: string;
    try {
      runScript = resolveRunScript(programDirectory);
    } catch {
      response.setError(`It looks like the Pulumi SDK has not been installed in ${programDirectory}. Have you run npm install?`);
      return callback(null, response);
    }
    const config = new Map<string, string>();
    req.getConfigMap().forEach((v: string, k: string) => config.set(k, v));
    const { args, env } = programCommand(
      {
        monitorAddress: req.getMonitorAddress(),
        engineAddress,
        organization: req.getOrganization(),
        project: req.getProject(),
        stack: req.getStack(),
        rootDirectory: info?.getRootDirectory() ?? "",
        programDirectory,
        entryPoint: info?.getEntryPoint() ?? ".",
        dryRun: req.getDryrun(),
        parallel: req.getParallel(),
        args: req.getArgsList(),
        config,
        configSecretKeys: req.getConfigsecretkeysList(),
        options: info?.getOptions()?.toJavaScript() ?? {},
      },
      runScript,
    );
    const child = spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
    running.add(child);
    child.on("error", (err) => {
      running.delete(child);
      response.setError(`Problem executing program (could not run language executor): ${err.message}`);
      callback(null, response);
    });
    child.on("close", (code, signal) => {
      if (!running.delete(child)) return;
      const outcome = runOutcome(code, signal);
      response.setError(outcome.error);
      response.setBail(outcome.bail);
      callback(null, response);
    });
  },

  cancel(_call: unknown, callback: Callback) {
    for (const child of running) child.kill("SIGINT");
    callback(null, new emptyProto.Empty());
  },
};

function main(): void {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(services.LanguageRuntimeService, implementation as unknown as import("@grpc/grpc-js").UntypedServiceImplementation);
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      process.stderr.write(`pulumi-language-nodejs: cannot listen: ${err.message}\n`);
      process.exit(1);
    }
    // The engine reads the port from our first stdout line.
    process.stdout.write(`${port}\n`);
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      for (const child of running) child.kill(sig);
      server.forceShutdown();
      process.exit(0);
    });
  }
}

main();
