/**
 * Primary moves the engine's preview does not show (Novu does them on its side): `primary: true`
 * demotes whichever integration holds the channel's primary, and deactivating or deleting the
 * primary leaves the channel with none (Novu promotes nobody). The provider warns about both,
 * naming the integrations. Pure: the runtime does the one lookup (the shared list) and prints.
 */
import type { IntegrationResponse } from "../schemas/api";
import { CHANNELS_WITH_PRIMARY, type Channel } from "../schemas/channel";

export interface Claimant {
  readonly identifier: string;
  readonly channel: string;
  /** Explicit or from state; undefined = the API key's environment. */
  readonly environmentId: string | undefined;
}

/**
 * The integration whose primary the claimant will take, if any: the active primary of its channel
 * and environment. Undefined when there is none, or when an organization-wide list (older servers)
 * holds primaries of several environments and the claimant names none, so it cannot be told which.
 */
export function currentPrimary(claimant: Claimant, integrations: readonly IntegrationResponse[]): IntegrationResponse | undefined {
  const holders = integrations.filter(
    (i) =>
      !i.deleted && i.active && i.primary && i.channel === claimant.channel && i.identifier !== claimant.identifier &&
      (claimant.environmentId === undefined || i._environmentId === claimant.environmentId),
  );
  if (new Set(holders.map((i) => i._environmentId)).size > 1) return undefined;
  return holders[0];
}

/**
 * Preview: the claimant will take the primary from `holder`. Warned only when this deployment does
 * not declare the holder (a declared one shows in the preview itself); `declared` undefined means
 * the program's declarations could not be collected in time, so it is not known either way.
 */
export function takeoverWarning(claimant: Claimant, holder: IntegrationResponse, declared: readonly string[] | undefined): string | undefined {
  if (declared?.includes(holder.identifier)) return undefined;
  const why = declared === undefined ? "which this deployment may not declare" : "which this deployment does not declare";
  return (
    `integration "${claimant.identifier}" will take the ${claimant.channel} primary from "${holder.identifier}" (${holder.providerId}, ${holder._id}), ${why}: ` +
    `Novu will send ${claimant.channel} through "${claimant.identifier}" instead. If that is not intended, remove \`primary: true\` from "${claimant.identifier}"`
  );
}

/** After set-primary: the demoted integration's `primary` output in this stack is stale until a refresh. */
export function demotedNotice(claimant: Claimant, holder: IntegrationResponse, declared: readonly string[] | undefined): string {
  const managed = declared?.includes(holder.identifier);
  return (
    `integration "${claimant.identifier}" took the ${claimant.channel} primary from "${holder.identifier}" (${holder._id})` +
    (managed
      ? `; the engine does not update "${holder.identifier}" in this \`up\`, so its \`primary\` output says true until \`pulumi refresh\` (or the next \`pulumi up --refresh\`)`
      : "")
  );
}

/** Preview of an update that deactivates the channel's primary. */
export function deactivationWarning(state: { identifier: string; channel: string; primary: boolean; active: boolean }, desiredActive: boolean): string | undefined {
  if (!state.primary || !state.active || desiredActive || !hasPrimary(state.channel)) return undefined;
  return (
    `integration "${state.identifier}" is the ${state.channel} primary: deactivating it leaves the ${state.channel} channel without a primary ` +
    `(Novu promotes none). Set \`primary: true\` on another ${state.channel} integration to choose the next one`
  );
}

/** After deleting the channel's primary. */
export function deletedPrimaryWarning(state: { identifier: string; channel: string; primary: boolean; active: boolean }): string | undefined {
  if (!state.primary || !state.active || !hasPrimary(state.channel)) return undefined;
  return (
    `integration "${state.identifier}", the ${state.channel} primary, was deleted: the ${state.channel} channel has no primary now ` +
    `(Novu promotes none) unless another integration of this \`up\` takes it. Set \`primary: true\` on the ${state.channel} integration that should send`
  );
}

function hasPrimary(channel: string): boolean {
  return CHANNELS_WITH_PRIMARY.includes(channel as Channel);
}
