/**
 * The primary of a channel as Novu moves it on its own side: a set-primary demotes the holder, and
 * two integrations of one channel created together (or a click in the dashboard) take it from each
 * other without any write of ours. The Integration operations (runtime/integration-operations.ts)
 * ask this module three things, each from the process's shared list, so none costs a call of its
 * own: before a set-primary, who holds it (warned when the deployment does not declare it); after
 * it, what was demoted; and whether a resource whose state says "primary" still is.
 */
import { type Claimant, currentPrimary, demotedNotice, takeoverWarning } from "../planning/primary-moves";
import type { PrimaryPreviewInputs } from "../planning/preview-inputs";
import type { IntegrationState } from "../planning/state";
import type { IntegrationResponse } from "../schemas/api";
import type { ProviderProcess } from "./provider-process";
import { warn } from "./warnings";

export class PrimaryWatch {
  /** The primary each claimant (by identifier) was seen to take at check/diff, for the notice after set-primary. */
  private readonly holders = new Map<string, IntegrationResponse>();

  constructor(private readonly process: ProviderProcess) {}

  /**
   * A resource about to call set-primary: one lookup finds the integration it will demote, warned
   * about when the deployment does not declare it, and kept for `announce`. Its inputs are known
   * (planning/preview-inputs.ts `primaryPreviewInputs`, or a diff's settled ones).
   */
  async preview(inputs: PrimaryPreviewInputs, environmentId: string | undefined): Promise<void> {
    const claimant: Claimant = { identifier: inputs.identifier, channel: inputs.channel, environmentId };
    try {
      const holder = currentPrimary(claimant, await this.process.list());
      if (!holder) {
        this.holders.delete(inputs.identifier);
        return;
      }
      this.holders.set(inputs.identifier, holder);
      const warning = takeoverWarning(claimant, holder, inputs.__declaredPrimaryPeers);
      if (warning) warn(warning);
    } catch (err) {
      warn(`could not look up the ${inputs.channel} primary that "${inputs.identifier}" will take: ${(err as Error).message}`);
    }
  }

  /** After set-primary: name what was demoted (looked up by `preview` in this process). */
  announce(inputs: PrimaryPreviewInputs): void {
    const holder = this.holders.get(inputs.identifier);
    if (!holder) return;
    this.holders.delete(inputs.identifier);
    warn(demotedNotice({ identifier: inputs.identifier, channel: inputs.channel, environmentId: inputs.environmentId }, holder, inputs.__declaredPrimaryPeers));
  }

  /**
   * The state of a `primary: true` resource, with `primary` as Novu has it now: the state of one
   * that lost the primary still says primary until a refresh, and its diff would find nothing to
   * do. Asked only when the state says it holds the primary. If Novu cannot be asked, the state's
   * word is used.
   */
  async live(current: IntegrationState): Promise<IntegrationState> {
    if (!current.primary) return current;
    try {
      const found = (await this.process.list()).find((i) => i._id === current.integrationId);
      return found && !found.deleted && !found.primary ? { ...current, primary: false } : current;
    } catch (err) {
      warn(`could not ask Novu whether "${current.identifier}" is still the ${current.channel} primary: ${(err as Error).message}`);
      return current;
    }
  }
}
