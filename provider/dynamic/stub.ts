/**
 * The dynamic provider that Pulumi serializes into every resource's state (`__provider`, stored
 * twice per resource). It is deliberately a stub: it loads the real implementation
 * (`pulumi-novu/runtime`) from the program's directory when the provider process starts. So state
 * stays small, refresh and destroy always run the installed code rather than the text frozen into
 * state (pulumi/pulumi#6490, #9085), and nothing — least of all a secret — is captured by value.
 *
 * Only `configure` is serialized. Pulumi's dynamic-provider host deserializes a provider text once
 * per process and awaits its `configure` before it looks up any other method
 * (`getProvider` in @pulumi/pulumi/cmd/dynamic-provider), so `configure` installs check, diff,
 * create, read, update and delete on the provider object itself. One method instead of seven keeps
 * `__provider` under a kilobyte: every serialized function costs a ~200-byte wrapper, twice per
 * resource, and the engine rewrites the whole checkpoint on every step.
 *
 * Keep this file free of imports: whatever the method refers to is serialized with it.
 */

/** Changes with each release so that `up` rolls the new provider text into existing state. */
const PROVIDER_VERSION = "0.1.0";

/**
 * `createRequire` from the program's directory resolves the package both when it is an installed
 * dependency and when the program lives inside pulumi-novu itself (self-reference). The body is kept
 * free of comments: it is stored verbatim in state.
 */
export const integrationProvider = {
  configure(this: object, req: unknown): Promise<void> {
    return require("node:module").createRequire(process.cwd() + "/_.js")("pulumi-novu/runtime").install(this, req, PROVIDER_VERSION);
  },
} as unknown as import("@pulumi/pulumi").dynamic.ResourceProvider;
