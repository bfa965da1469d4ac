/**
 * The dynamic provider of the stack's ledger resource (`novu:Ledger`, planning/ledger.ts): it sends
 * no write to Novu, lists once when declarations were added, and nothing else. It has no `read`
 * (the host then keeps its state on refresh) and no `delete` (there is nothing in Novu to delete).
 */
import type * as pulumi from "@pulumi/pulumi";
import { type DeclaredKeys, addedNames, type LedgerState, nextLedger, sameDeclared } from "../planning/ledger";
import type { IntegrationResponse } from "../schemas/api";

const PROVIDER_KEY = "__provider";

type Bag = Record<string, unknown>;

export interface LedgerProvider {
  diff(id: string, olds: Bag, news: Bag): Promise<pulumi.dynamic.DiffResult>;
  create(news: Bag): Promise<pulumi.dynamic.CreateResult>;
  update(id: string, olds: Bag, news: Bag): Promise<pulumi.dynamic.UpdateResult>;
}

/** `list` is the integration runtime's shared list (one client, one rate limiter per process). */
export function ledgerProvider(list: () => Promise<IntegrationResponse[]>): LedgerProvider {
  const next = async (previous: LedgerState | undefined, news: Bag): Promise<LedgerState> => {
    const declared = declaredOf(news);
    const listed = addedNames(previous?.declared, declared).length > 0 ? await list() : undefined;
    return nextLedger(previous, declared, listed);
  };
  return {
    async diff(_id, olds, news) {
      // State of 0.1.0 names its properties without `__`: rewritten once, so the program finds them.
      const oldNames = olds.__declared === undefined && olds.declared !== undefined;
      return { changes: oldNames || !sameDeclared(declaredOf(olds), declaredOf(news)) || olds[PROVIDER_KEY] !== news[PROVIDER_KEY] };
    },
    async create(news) {
      return { id: "ledger", outs: stored(await next(undefined, news)) };
    },
    async update(_id, olds, news) {
      const preexisting = (olds.__preexisting ?? olds.preexisting) as LedgerState["preexisting"] | undefined;
      return { outs: stored(await next({ declared: declaredOf(olds), preexisting: preexisting ?? {} }, news)) };
    },
  };
}

/**
 * The ledger's properties are `__`-named, which the engine leaves out of every diff it shows: a
 * reviewer sees that the ledger is updated (it records what held a newly declared identifier), not
 * the stack's bookkeeping.
 */
function stored(state: LedgerState): Bag {
  return { __declared: state.declared, __preexisting: state.preexisting };
}

function declaredOf(bag: Bag): DeclaredKeys {
  const declared = bag.__declared ?? bag.declared;
  return declared !== null && typeof declared === "object" ? (declared as DeclaredKeys) : {};
}
