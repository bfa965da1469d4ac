/**
 * The stack's ledger resource (planning/ledger.ts): one per deployment, registered by the first
 * Integration the program declares. Its input is the deployment's settled declarations; each
 * Integration gets its own entry back from the ledger's state as the internal input `ledgerEntry`,
 * which also makes every Integration depend on the ledger, so the ledger's state is saved before
 * any create is sent.
 */
import * as pulumi from "@pulumi/pulumi";
import { ledgerProviderStub } from "../dynamic/ledger-stub";
import { declaredKeys, entryFor, type LedgerEntry, type LedgerState } from "../planning/ledger";
import { type DeclaredIntegration, declaredSoFar, settledDeclarations } from "./deployment-declarations";

/** The ledger's resource name; one per stack. */
export const LEDGER_NAME = "pulumi-novu-ledger";

/**
 * How long the ledger waits for the program to settle. Declarations wait for their values; one whose
 * identifier comes from another Integration's output would wait for that create, which waits for the
 * ledger: past this, the ledger takes what is declared so far, and the rest have no entry (they fall
 * back to refusing a found identifier, docs/reliability.md "Interrupted deployments").
 */
const SETTLE_WAIT_MS = 5_000;

function declarationsFor(deployment: object | undefined): Promise<readonly DeclaredIntegration[]> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<readonly DeclaredIntegration[]>((resolve) => {
    timer = setTimeout(() => resolve(declaredSoFar(deployment)), SETTLE_WAIT_MS);
  });
  return Promise.race([settledDeclarations(deployment).finally(() => clearTimeout(timer)), waited]);
}

class Ledger extends pulumi.dynamic.Resource {
  // `__`-named (dynamic/ledger.ts): the engine shows no diff of them.
  declare public readonly __declared: pulumi.Output<LedgerState["declared"]>;
  declare public readonly __preexisting: pulumi.Output<LedgerState["preexisting"]>;

  constructor(deployment: object | undefined) {
    const declared = pulumi.output(declarationsFor(deployment).then(declaredKeys));
    super(ledgerProviderStub, LEDGER_NAME, { __declared: declared, __preexisting: undefined }, {}, "novu", "Ledger");
  }
}

const ledgers = new WeakMap<object, Ledger>();
let ledgerWithoutDeployment: Ledger | undefined;

function ledgerOf(deployment: object | undefined): Ledger {
  if (!deployment) return (ledgerWithoutDeployment ??= new Ledger(undefined));
  let ledger = ledgers.get(deployment);
  if (!ledger) ledgers.set(deployment, (ledger = new Ledger(deployment)));
  return ledger;
}

/** The resource's entry in its deployment's ledger (undefined when the ledger does not know it). */
export function ledgerEntryFor(name: string): pulumi.Output<LedgerEntry | undefined> {
  const ledger = ledgerOf(pulumi.runtime.getStackResource());
  return pulumi
    .all([ledger.__declared, ledger.__preexisting])
    .apply(([declared, preexisting]) => entryFor({ declared: declared ?? {}, preexisting: preexisting ?? {} }, name));
}
