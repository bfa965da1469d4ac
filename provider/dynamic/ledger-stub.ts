/**
 * The serialized provider of the ledger resource (planning/ledger.ts): like stub.ts, only a
 * `configure` that installs the installed runtime's ledger methods. Keep this file free of imports.
 */

/** Changes with each release so that `up` rolls the new provider text into existing state. */
const LEDGER_PROVIDER_VERSION = "0.1.0";

export const ledgerProviderStub = {
  configure(this: object, req: unknown): Promise<void> {
    return require("node:module").createRequire(process.cwd() + "/_.js")("pulumi-novu/runtime").installLedger(this, req, LEDGER_PROVIDER_VERSION);
  },
} as unknown as import("@pulumi/pulumi").dynamic.ResourceProvider;
