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

/**
 * `createRequire` from the program's directory resolves the package both when it is an installed
 * dependency and when the program lives inside pulumi-novu itself (self-reference). The body is kept
 * free of comments: it is stored verbatim in state.
 */
function runtime(): any {
  return require("node:module").createRequire(process.cwd() + "/_.js")("pulumi-novu/runtime").integrationRuntime(PROVIDER_VERSION);
}

export const integrationProvider = {
  configure: (r: any) => runtime().configure(r),
  check: (o: any, n: any) => runtime().check(o, n),
  diff: (i: string, o: any, n: any) => runtime().diff(i, o, n),
  create: (n: any) => runtime().create(n),
  read: (i: string, p: any) => runtime().read(i, p),
  update: (i: string, o: any, n: any) => runtime().update(i, o, n),
  delete: (i: string, p: any) => runtime().delete(i, p),
};
