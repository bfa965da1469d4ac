/**
 * A native provider plugin that does nothing, the floor of the `novu` plugin in the bench: the same
 * kind of process (Node.js, grpc-js and Pulumi's stubs loaded and served by provider/native/grpc.ts,
 * the orphan guard), answering the calls a `preview`/`up`/`destroy` makes with no work at all.
 * Check accepts the inputs as they are, Create echoes them as outputs, Diff compares the bags.
 * What it costs is the engine's, the plugin's start and the wire's share alone.
 */
import { configureResponse, emptyPb, pluginPb, providerPb, serveResourceProvider } from "../../../provider/native/grpc";

/** The package name, i.e. the launcher `pulumi-resource-noop` and the type `noop:index:Integration`. */
export const NOOP_PACKAGE = "noop";
export const NOOP_TYPE = `${NOOP_PACKAGE}:index:Integration`;

type Call = { request: any };
type Callback = (err: unknown, value?: unknown) => void;

/** Inputs and outputs are `credentials` and the rest as they come, no property described. */
const SCHEMA = JSON.stringify({
  name: NOOP_PACKAGE,
  version: "0.0.1",
  resources: { [NOOP_TYPE]: { description: "Does nothing: its outputs are its inputs.", inputProperties: {}, properties: {} } },
});

export class NoopProviderService {
  getPluginInfo(_call: Call, callback: Callback): void {
    const info = new pluginPb.PluginInfo();
    info.setVersion("0.0.1");
    callback(null, info);
  }

  getSchema(_call: Call, callback: Callback): void {
    const response = new providerPb.GetSchemaResponse();
    response.setSchema(SCHEMA);
    callback(null, response);
  }

  checkConfig(call: Call, callback: Callback): void {
    this.check(call, callback);
  }

  diffConfig(_call: Call, callback: Callback): void {
    const response = new providerPb.DiffResponse();
    response.setChanges(providerPb.DiffResponse.DiffChanges.DIFF_NONE);
    callback(null, response);
  }

  /** The same answer as the `novu` plugin's, so the engine treats both alike. */
  configure(_call: Call, callback: Callback): void {
    callback(null, configureResponse());
  }

  check(call: Call, callback: Callback): void {
    const response = new providerPb.CheckResponse();
    response.setInputs(call.request.getNews());
    callback(null, response);
  }

  diff(call: Call, callback: Callback): void {
    const same = JSON.stringify(call.request.getOlds()?.toJavaScript()) === JSON.stringify(call.request.getNews()?.toJavaScript());
    const response = new providerPb.DiffResponse();
    response.setChanges(same ? providerPb.DiffResponse.DiffChanges.DIFF_NONE : providerPb.DiffResponse.DiffChanges.DIFF_SOME);
    callback(null, response);
  }

  create(call: Call, callback: Callback): void {
    const response = new providerPb.CreateResponse();
    response.setId(`noop-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    response.setProperties(call.request.getProperties());
    callback(null, response);
  }

  read(call: Call, callback: Callback): void {
    const response = new providerPb.ReadResponse();
    response.setId(call.request.getId());
    response.setProperties(call.request.getProperties());
    response.setInputs(call.request.getInputs());
    callback(null, response);
  }

  update(call: Call, callback: Callback): void {
    const response = new providerPb.UpdateResponse();
    response.setProperties(call.request.getNews());
    callback(null, response);
  }

  delete(_call: Call, callback: Callback): void {
    callback(null, new emptyPb.Empty());
  }

  cancel(_call: Call, callback: Callback): void {
    callback(null, new emptyPb.Empty());
  }
}

export function serve(): Promise<number> {
  return serveResourceProvider(new NoopProviderService());
}
