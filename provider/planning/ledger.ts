/**
 * The intent ledger: how the provider tells an integration that an interrupted `pulumi up` of this
 * stack created (its POST landed, the CLI died before the state recorded it) from one that existed
 * before the stack declared it. Pure; docs/reliability.md, "Interrupted deployments" explains the whole design.
 *
 * One ledger resource per stack records, for every declared Integration (by resource name), the
 * key it is created under (identifier, and environment when explicit) and which Novu integrations
 * already held that identifier at the moment the declaration first appeared. Every Integration
 * depends on the ledger, so that record is in the state before any create is sent. A create that
 * later meets its identifier in Novu can then tell: an integration recorded as pre-existing is
 * someone else's (refused with the adopt advice), one that is not — same identifier, provider,
 * channel and environment — can only have been made by this stack after it declared it.
 */
import type { IntegrationResponse } from "../schemas/api";
import { holdersOf } from "./identifier-holders";

/** Resource name → key (`identifier`, or `environmentId/identifier`). The ledger's input. */
export type DeclaredKeys = Readonly<Record<string, string>>;

/** The ledger's state: the declared keys and, per resource name, the ids that existed before (only non-empty lists). */
export interface LedgerState {
  readonly declared: DeclaredKeys;
  readonly preexisting: Readonly<Record<string, readonly string[]>>;
}

/** What an Integration receives from the ledger (the internal input `ledgerEntry`). */
export interface LedgerEntry {
  readonly key: string;
  readonly preexisting: readonly string[];
}

export function ledgerKey(identifier: string, environmentId: string | undefined): string {
  return environmentId ? `${environmentId}/${identifier}` : identifier;
}

/**
 * The ledger's input from a deployment's declarations. Two resources declaring one key are left
 * out (both fall back to refusing a found identifier): neither may take the other's integration.
 */
export function declaredKeys(declarations: readonly { name: string; identifier: string; environmentId: string | undefined }[]): DeclaredKeys {
  const byKey = new Map<string, string[]>();
  for (const d of declarations) {
    const key = ledgerKey(d.identifier, d.environmentId);
    byKey.set(key, [...(byKey.get(key) ?? []), d.name]);
  }
  const out: Record<string, string> = {};
  for (const [key, names] of [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (names.length === 1) out[names[0]!] = key;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Names whose key is new or changed since `previous`: only these need Novu to be listed. */
export function addedNames(previous: DeclaredKeys | undefined, next: DeclaredKeys): string[] {
  return Object.keys(next).filter((name) => previous?.[name] !== next[name]);
}

export function sameDeclared(a: DeclaredKeys | undefined, b: DeclaredKeys | undefined): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => a![k] === b?.[k]);
}

/**
 * The next ledger state. Kept names keep their record (the moment they first appeared is what
 * matters); added ones record the ids of `listed` that hold their identifier (in their
 * environment, when it is explicit); removed ones are dropped.
 */
export function nextLedger(previous: LedgerState | undefined, declared: DeclaredKeys, listed: readonly IntegrationResponse[] | undefined): LedgerState {
  const added = new Set(addedNames(previous?.declared, declared));
  const preexisting: Record<string, readonly string[]> = {};
  for (const [name, key] of Object.entries(declared)) {
    const ids = added.has(name) ? idsHolding(key, listed ?? []) : (previous?.preexisting[name] ?? []);
    if (ids.length > 0) preexisting[name] = ids;
  }
  return { declared, preexisting };
}

function idsHolding(key: string, listed: readonly IntegrationResponse[]): string[] {
  const slash = key.indexOf("/");
  const environmentId = slash >= 0 ? key.slice(0, slash) : undefined;
  const identifier = slash >= 0 ? key.slice(slash + 1) : key;
  return holdersOf({ identifier, environmentId }, listed)
    .map((i) => i._id)
    .sort();
}

/** The entry an Integration gets, or undefined when the ledger does not know it (declared late, or a shared key). */
export function entryFor(state: LedgerState | undefined, name: string): LedgerEntry | undefined {
  const key = state?.declared?.[name];
  return key === undefined ? undefined : { key, preexisting: [...(state!.preexisting?.[name] ?? [])] };
}

export type FoundIdentifier =
  /** Made by an interrupted run of this stack: continue the create with it. */
  | { readonly kind: "ours"; readonly integration: IntegrationResponse }
  /** Held by an integration that existed before the stack declared it (or that the ledger cannot vouch for). */
  | { readonly kind: "not-ours"; readonly reason: string };

/**
 * Whether the integration holding a create's identifier (after a 409) was made by this stack.
 * `entry` is the resource's ledger entry; without one, nothing is taken over.
 */
export function classifyFound(
  wanted: { readonly identifier: string; readonly providerId: string; readonly channel: string; readonly environmentId?: string },
  entry: LedgerEntry | undefined,
  listed: readonly IntegrationResponse[],
): FoundIdentifier {
  const holders = holdersOf(wanted, listed);
  if (!entry || entry.key !== ledgerKey(wanted.identifier, wanted.environmentId)) {
    return { kind: "not-ours", reason: "the stack's ledger has no record of this resource (declared after the program settled, or an identifier two resources share)" };
  }
  if (holders.length !== 1) return { kind: "not-ours", reason: holders.length === 0 ? "it is not in the list of integrations" : `${holders.length} environments hold it` };
  const found = holders[0]!;
  if (entry.preexisting.includes(found._id)) return { kind: "not-ours", reason: `integration ${found._id} held it before this stack declared the resource` };
  if (found.providerId !== wanted.providerId || found.channel !== wanted.channel) {
    return { kind: "not-ours", reason: `it is a ${found.providerId} ${found.channel} integration, not ${wanted.providerId} ${wanted.channel}` };
  }
  return { kind: "ours", integration: found };
}


/**
 * What a create hears when its identifier is taken and the stack's ledger says this stack did not
 * make the holder (the dynamic front-end): `reason` is classifyFound's.
 */
export function identifierTakenNotOurs(identifier: string, reason: string): string {
  return (
    `An integration with identifier "${identifier}" already exists and this stack did not create it (${reason}): ` +
    "set `adopt: true` to bring it under management, or choose another identifier."
  );
}

/**
 * What a create hears when its identifier is taken and no ledger can say who made the holder (the
 * native front-end): it may be the integration a killed `up` of this very stack made, or one made
 * before. Only the user knows, so each case gets its own way on. `pulumi-novu recover` needs no
 * program edit (what a cancelled CI job wants), makes the stack own what a stopped run made and
 * refuses anything older than the killed run (planning/recovery.ts); `adopt` leaves one
 * that existed before in Novu at destroy.
 */
export function identifierTakenWithoutLedger(
  wanted: { readonly identifier: string; readonly environmentId?: string },
  listed: readonly IntegrationResponse[],
  resourceName = "<resource name>",
): string {
  const id = holdersOf(wanted, listed)[0]?._id ?? "<integrationId>";
  return (
    `An integration with identifier "${wanted.identifier}" already exists (${id}), and this front-end keeps no record of what it created. ` +
    `If a stopped \`pulumi up\` of this stack made it, run \`npx pulumi-novu recover\` in this project (add \`--stack <name>\` for another stack): ` +
    `it takes over every integration a stopped run made and drops the pending creates it left; then run \`pulumi up\`. ` +
    `If it existed before (made in the dashboard or by another stack), set \`adopt: true\` on resource "${resourceName}" ` +
    `(\`pulumi destroy\` then leaves it in Novu), or choose another identifier.`
  );
}
