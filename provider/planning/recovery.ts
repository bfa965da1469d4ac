/**
 * After a killed `pulumi up` on the native front-end: which interrupted creates made an integration
 * in Novu, and which may be taken over by the stack. Pure; `pulumi-novu recover` (tools/recover/)
 * does the I/O. The native front-end keeps no ledger (planning/ledger.ts), so what this stack made
 * is told from what it did not by what Novu holds and when Novu made it:
 *
 * - the integration holds the identifier the create declared, in its environment, and is the
 *   provider and channel the create declared;
 * - no other resource of the stack owns it;
 * - Novu made it after the killed run began (after the stack's last successful update ended, and
 *   after the stack was first recorded): an integration older than that was made by someone else
 *   (the dashboard, another stack) and is never taken over, since the stack would then delete it at
 *   `destroy`.
 *
 * A pending create can also outlive its own resource: Pulumi carries the pending creates of earlier
 * runs into every later checkpoint, so when the `up` after the kill creates an integration whose
 * create the kill had cut off before it reached Novu, the state records the resource and still holds
 * the old pending create. That create is settled: nothing is imported, and it is dropped.
 */
import type { IntegrationResponse } from "../schemas/api";
import { holdersOf } from "./identifier-holders";

/** A pending create the engine left in the checkpoint, as the stack declared it. */
export interface InterruptedCreate {
  readonly urn: string;
  /** The resource's name (the URN's last part): what `pulumi import` names it. */
  readonly name: string;
  readonly identifier: string;
  readonly providerId: string;
  readonly channel: string;
  readonly environmentId?: string;
}

export type RecoveryStep<C extends InterruptedCreate = InterruptedCreate> =
  /** The create's POST landed: the stack takes the integration over (`pulumi import`). */
  | { readonly kind: "take-over"; readonly create: C; readonly integrationId: string }
  /** Nothing in Novu: the POST never landed, and the next `up` creates it. The pending create is dropped. */
  | { readonly kind: "never-landed"; readonly create: C }
  /** A later `up` created it: the state already records the integration Novu holds. The pending create is dropped. */
  | { readonly kind: "recorded"; readonly create: C; readonly integrationId: string }
  /** Left as it is, with why and what the user can do. */
  | { readonly kind: "left"; readonly create: C; readonly reason: string };

export interface RecoveryContext {
  /** Integration ids some resource of the stack already owns. */
  readonly owned: ReadonlySet<string>;
  /** The id the state records under a resource's URN, for the URNs of the pending creates that have one. */
  readonly recordedIds?: ReadonlyMap<string, string>;
  /** The killed run began no earlier than this (ms since epoch); undefined when nothing says. */
  readonly since?: number;
}

/** How much Novu's clock may differ from this machine's before an integration counts as older. */
export const CLOCK_SKEW_MS = 60_000;

export function planRecovery<C extends InterruptedCreate>(create: C, listed: readonly IntegrationResponse[], context: RecoveryContext): RecoveryStep<C> {
  const holders = holdersOf(create, listed);
  const recordedId = context.recordedIds?.get(create.urn);
  if (recordedId !== undefined) {
    if (holders.length === 1 && holders[0]!._id === recordedId) return { kind: "recorded", create, integrationId: recordedId };
    // Another resource under the same URN: the old one of a replacement, which `up` settles.
    return { kind: "left", create, reason: "it replaces a resource still in the state: run `pulumi up`" };
  }
  if (holders.length === 0) return { kind: "never-landed", create };
  if (holders.length > 1) {
    return { kind: "left", create, reason: `${holders.length} environments hold identifier "${create.identifier}": set \`environmentId\` on the resource` };
  }
  const found = holders[0]!;
  if (context.owned.has(found._id)) {
    return { kind: "left", create, reason: `integration ${found._id} holding "${create.identifier}" belongs to another resource of this stack` };
  }
  if (found.providerId !== create.providerId || found.channel !== create.channel) {
    return {
      kind: "left",
      create,
      reason: `integration ${found._id} holding "${create.identifier}" is a ${found.providerId} ${found.channel} integration, not the ${create.providerId} ${create.channel} this stack declared`,
    };
  }
  const created = createdAt(found);
  if (context.since !== undefined && (created === undefined || created < context.since - CLOCK_SKEW_MS)) {
    return {
      kind: "left",
      create,
      reason:
        created === undefined
          ? `Novu does not say when integration ${found._id} was made, so it cannot be told from one made before the killed run`
          : `integration ${found._id} holding "${create.identifier}" was made at ${new Date(created).toISOString()}, before the killed run began ` +
            `(not before ${new Date(context.since).toISOString()}): it is not this stack's. Set \`adopt: true\` on resource "${create.name}" to take it over and leave it in Novu at destroy, or choose another identifier`,
    };
  }
  return { kind: "take-over", create, integrationId: found._id };
}

function createdAt(integration: IntegrationResponse): number | undefined {
  const value = (integration as { createdAt?: unknown }).createdAt;
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
