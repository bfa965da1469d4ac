/**
 * A Node.js language host for the Pulumi engine. The engine starts it with its own address, reads
 * the gRPC port from our first stdout line, then calls GetPluginInfo, GetRequiredPackages and Run;
 * Run starts `@pulumi/pulumi/cmd/run` on the program and reports how it ended. `pulumi package add`
 * (and `pulumi install` for the packages Pulumi.yaml lists) calls GeneratePackage, which writes a
 * Node.js SDK with Pulumi's own generator (tools/sdkgen, built once per machine), then Link, which
 * makes it a `file:` dependency of the program (link.ts), then InstallDependencies, which runs the
 * package manager (install-dependencies.ts). Methods we leave out answer UNIMPLEMENTED, which the
 * engine accepts for everything a deployment needs.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { engineAddressFrom } from "../../provider/runtime/engine-address";
import { exitWhenOrphaned } from "../../provider/runtime/orphan-guard";
import { generateNodejsPackage, type SchemaDiagnostic } from "../sdkgen/sdkgen";
import { installDependencies } from "./install-dependencies";
import { fileSpec, importInstructions, importStyle, type LinkedPackage, withDependency } from "./link";
import { programCommand, runOutcome } from "./program-command";

// The gRPC stubs and protobuf classes the SDK ships, resolved from the SDK itself so we use the
// exact grpc-js and google-protobuf it was generated against.
const fromSdk = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = fromSdk("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const services = fromSdk("./proto/language_grpc_pb.js");
const languageProto = fromSdk("./proto/language_pb.js");
const pluginProto = fromSdk("./proto/plugin_pb.js");
const hclProto = fromSdk("./proto/codegen/hcl_pb.js");
const emptyProto = fromSdk("google-protobuf/google/protobuf/empty_pb.js");
const sdkVersion: string = fromSdk("./package.json").version;

type Callback = (err: { code: number; details: string } | null, value?: unknown) => void;

/** A failure the CLI prints as `rpc error: code = Unknown desc = <message>`. */
function failed(err: unknown): { code: number; details: string } {
  return { code: grpc.status.UNKNOWN, details: err instanceof Error ? err.message : String(err) };
}

/** The package.json npm would edit for `directory`: the nearest one at or above it. */
function nearestManifest(directory: string): string {
  for (let dir = path.resolve(directory); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "package.json");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no package.json in ${directory} or above it: run npm init there first`);
  }
}

function hasTsconfigAbove(directory: string): boolean {
  for (let dir = path.resolve(directory); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "tsconfig.json"))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

function toProtoDiagnostic(d: SchemaDiagnostic): unknown {
  const diagnostic = new hclProto.Diagnostic();
  diagnostic.setSeverity(d.severity === "error" ? hclProto.DiagnosticSeverity.DIAG_ERROR : hclProto.DiagnosticSeverity.DIAG_WARNING);
  diagnostic.setSummary(d.summary);
  if (d.detail) diagnostic.setDetail(d.detail);
  return diagnostic;
}

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

  generatePackage(call: { request: any }, callback: Callback) {
    const req = call.request;
    const extraFiles: Record<string, string> = {};
    req.getExtraFilesMap().forEach((content: Uint8Array | string, name: string) => {
      // google-protobuf keeps a bytes value either as bytes or already as base64 text.
      extraFiles[name] = typeof content === "string" ? content : Buffer.from(content).toString("base64");
    });
    const localDependencies: Record<string, string> = {};
    req.getLocalDependenciesMap().forEach((where: string, name: string) => (localDependencies[name] = where));
    try {
      const diagnostics = generateNodejsPackage(
        {
          directory: req.getDirectory(),
          schema: req.getSchema(),
          extraFiles,
          loaderTarget: req.getLoaderTarget(),
          localDependencies,
          local: req.getLocal(),
        },
        // The first use on a machine builds the generator: say so, as it may take minutes.
        (line) => process.stderr.write(`pulumi-language-nodejs (pulumi-novu): ${line}\n`),
      );
      const response = new languageProto.GeneratePackageResponse();
      response.setDiagnosticsList(diagnostics.map(toProtoDiagnostic));
      callback(null, response);
    } catch (err) {
      callback(failed(err));
    }
  },

  link(call: { request: any }, callback: Callback) {
    const req = call.request;
    const info = req.getInfo();
    const rootDirectory: string = info.getRootDirectory();
    const programDirectory: string = info.getProgramDirectory() || rootDirectory;
    const options: Record<string, unknown> = info.getOptions()?.toJavaScript() ?? {};
    try {
      const manifestFile = nearestManifest(programDirectory);
      let manifest = fs.readFileSync(manifestFile, "utf8");
      const linked: LinkedPackage[] = [];
      for (const dependency of req.getPackagesList()) {
        const sdkDirectory = path.resolve(rootDirectory, dependency.getPath());
        // The generated SDK's own name: the generator has decided it (language.nodejs.packageName,
        // else @<namespace or pulumi>/<name>), as Pulumi's host decides it from the same schema.
        const npmName = (JSON.parse(fs.readFileSync(path.join(sdkDirectory, "package.json"), "utf8")) as { name: string }).name;
        manifest = withDependency(manifest, npmName, fileSpec(path.dirname(manifestFile), sdkDirectory));
        linked.push({ name: dependency.getPackage().getName(), npmName });
      }
      fs.writeFileSync(manifestFile, manifest);
      const style = importStyle(options, hasTsconfigAbove(programDirectory), JSON.parse(manifest) as { type?: unknown });
      const response = new languageProto.LinkResponse();
      response.setImportInstructions(importInstructions(linked, style));
      callback(null, response);
    } catch (err) {
      callback(failed(err));
    }
  },

  installDependencies(call: { request: any; write(message: unknown): boolean; end(): void; emit(event: "error", err: unknown): boolean }) {
    const req = call.request;
    const info = req.getInfo();
    const directory: string = info?.getProgramDirectory() || req.getDirectory();
    const options: Record<string, unknown> = info?.getOptions()?.toJavaScript() ?? {};
    const send = (field: "setStdout" | "setStderr") => (chunk: Buffer) => {
      const message = new languageProto.InstallDependenciesResponse();
      message[field](new Uint8Array(chunk));
      call.write(message);
    };
    installDependencies(directory, options.packagemanager, { stdout: send("setStdout"), stderr: send("setStderr") }).then(
      () => call.end(),
      (err: unknown) => call.emit("error", failed(err)),
    );
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
