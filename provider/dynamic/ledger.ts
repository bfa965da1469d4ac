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
      return { changes: !sameDeclared(declaredOf(olds), declaredOf(news)) || olds[PROVIDER_KEY] !== news[PROVIDER_KEY] };
    },
    async create(news) {
      return { id: "ledger", outs: { ...(await next(undefined, news)) } };
    },
    async update(_id, olds, news) {
      const previous: LedgerState = { declared: declaredOf(olds), preexisting: (olds.preexisting as LedgerState["preexisting"]) ?? {} };
      return { outs: { ...(await next(previous, news)) } };
    },
  };
}

function declaredOf(bag: Bag): DeclaredKeys {
  const declared = bag.declared;
  return declared !== null && typeof declared === "object" ? (declared as DeclaredKeys) : {};
}
