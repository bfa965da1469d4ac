/**
 * The dynamic provider that Pulumi serializes into every resource's state (`__provider`, stored
 * twice per resource). It is deliberately a stub: each method loads the real implementation
 * (`pulumi-novu/runtime`) from the program's directory at call time. So state stays small, refresh
 * and destroy always run the installed code rather than the text frozen into state
 * (pulumi/pulumi#6490, #9085), and nothing — least of all a secret — is captured by value.
 *
 * Keep this file free of imports: whatever a method refers to is serialized with it.
 */

/** Changes with each release so that `up` rolls the new provider text into existing state. */
const PROVIDER_VERSION = "0.1.0";

function runtime(): any {
  // `createRequire` from the program's directory resolves the package both when it is an
  // installed dependency and when the program lives inside pulumi-novu itself (self-reference).
  const { createRequire } = require("node:module");
  const { join } = require("node:path");
  const load = createRequire(join(process.cwd(), "__pulumi_novu_provider__.js"));
  return load("pulumi-novu/runtime").integrationRuntime(PROVIDER_VERSION);
}

export const integrationProvider = {
  configure: (req: any) => runtime().configure(req),
  check: (olds: any, news: any) => runtime().check(olds, news),
  diff: (id: string, olds: any, news: any) => runtime().diff(id, olds, news),
  create: (inputs: any) => runtime().create(inputs),
  read: (id: string, props: any) => runtime().read(id, props),
  update: (id: string, olds: any, news: any) => runtime().update(id, olds, news),
  delete: (id: string, props: any) => runtime().delete(id, props),
};
