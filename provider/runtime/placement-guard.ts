/**
 * The runtime's hooks for planning/placement.ts: asks Novu once per provider process which
 * environment the key reaches (`GET /v1/environments/me`, cached), stops an operation on an
 * integration that lives elsewhere, and records the server and environment name in state.
 *
 * Where it stops: `diff` (preview and up), `read` (refresh), `update` and `delete` (up, destroy).
 * The `check` of a new integration asks the same question quickly (`verify`), so a preview that
 * only creates fails on a key Novu refuses or a URL nothing answers at, as `up` would.
 */
import { Deadline } from "../client/deadline";
import { NovuGaveUpError } from "../client/errors";
import type { NovuClient } from "../client/novu-client";
import { NovuApiError, NovuNetworkError, PlacementError } from "../errors";
import {
  type Location,
  normaliseApiUrl,
  type Placement,
  placementOf,
  type Reach,
  type ReachProblem,
  respelledNotice,
  type SettingsInUse,
  targetNotice,
  unreachableReason,
} from "../planning/placement";
import { notice } from "./notice";

export interface PlacementHost {
  readonly apiUrl: string;
  readonly movedFrom: string | undefined;
  /** Where the key and URL came from (runtime/provider-config.ts `settingsInUse`), for messages. */
  readonly settings?: SettingsInUse;
  /** `novu:operationTimeoutMs`: the quick check never takes longer. */
  readonly operationTimeoutMs?: number;
  client(): NovuClient;
}

/**
 * The quick check of a new integration: a preview must not take minutes on a URL nothing answers
 * at. Two retries (a refused connection is retried, with waits under 1.5 s in all) within 15 s.
 */
export const VERIFY_BUDGET_MS = 15_000;
export const VERIFY_RETRIES = 2;

const UNKNOWN_SETTINGS: SettingsInUse = {
  key: "novu:secretKey",
  keyFrom: "novu:secretKey (or NOVU_SECRET_KEY)",
  keyFix: "`pulumi config set --secret novu:secretKey <key>`",
  apiUrl: "novu:apiUrl",
  apiUrlFrom: "novu:apiUrl (or novu:region)",
  apiUrlFix: "`pulumi config set novu:apiUrl <URL of the Novu API>`",
};

export class PlacementGuard {
  private reach?: Promise<Reach>;
  private verdict?: Promise<string | undefined>;
  private announced = false;
  private respelled = false;

  constructor(private readonly host: () => PlacementHost) {}

  /** What the key reaches; asked once per process (a failed answer is asked again next time). `quick`: the check's budget. */
  reached(quick = false): Promise<Reach> {
    if (!this.reach) {
      const host = this.host();
      const options = quick ? { deadline: Deadline.after(Math.min(VERIFY_BUDGET_MS, host.operationTimeoutMs ?? VERIFY_BUDGET_MS)), maxRetries: VERIFY_RETRIES } : {};
      const reach = host
        .client()
        .currentEnvironment(options)
        .then((env): Reach => ({
          apiUrl: normaliseApiUrl(host.apiUrl),
          environment: env && { id: env._id, name: env.name, organizationId: env._organizationId },
          ...(host.settings ? { apiUrlFrom: host.settings.apiUrl } : {}),
        }))
        .catch((err: unknown) => {
          throw withRotationHint(err);
        });
      this.reach = reach;
      reach.catch(() => {
        if (this.reach === reach) this.reach = undefined;
      });
    }
    return this.reach;
  }

  /**
   * The check of a new integration: whether the key works at the URL, as the reason of a check
   * failure (undefined when it does). One answer per process, failure included: never a request per resource.
   */
  verify(): Promise<string | undefined> {
    if (!this.verdict) {
      const started = Date.now();
      this.verdict = this.reached(true).then(
        () => {
          void this.announce();
          return undefined;
        },
        (err: unknown) => {
          const host = this.host();
          return unreachableReason(classify(err, Date.now() - started), normaliseApiUrl(host.apiUrl), host.settings ?? UNKNOWN_SETTINGS);
        },
      );
    }
    return this.verdict;
  }

  /** Says once per process which environment and server the stack writes to (after a successful answer). */
  async announce(): Promise<void> {
    if (this.announced) return;
    const reach = await this.reached();
    if (this.announced) return;
    this.announced = true;
    notice(targetNotice(reach, this.host().settings ?? UNKNOWN_SETTINGS));
  }

  /** Throws PlacementError when the integration lives elsewhere; otherwise says whether it moved. */
  async check(location: Location): Promise<Exclude<Placement, { kind: "elsewhere" }>> {
    const reach = await this.reached();
    const placement = placementOf(location, reach, this.host().movedFrom);
    if (placement.kind === "elsewhere") throw new PlacementError(placement.message);
    if (placement.kind === "here" && placement.respelledFrom !== undefined && !this.respelled) {
      this.respelled = true;
      notice(respelledNotice(placement.respelledFrom, reach));
    }
    return placement;
  }

  /** State fields saying where an integration written or read now lives. */
  async stamp<T extends object>(state: T): Promise<T & { apiUrl: string; environmentName?: string }> {
    const reach = await this.reached();
    const environmentId = (state as { environmentId?: string }).environmentId;
    const environmentName = reach.environment && reach.environment.id === environmentId ? reach.environment.name : (state as { environmentName?: string }).environmentName;
    return { ...state, apiUrl: reach.apiUrl, ...(environmentName ? { environmentName } : {}) };
  }
}

/** What went wrong asking for the key's environment, for `unreachableReason`. */
export function classify(err: unknown, elapsedMs: number): ReachProblem {
  const gaveUp = err instanceof NovuGaveUpError ? err : undefined;
  const last = gaveUp ? gaveUp.lastError : err;
  if (last instanceof NovuApiError && (last.status === 401 || last.status === 403)) {
    return { kind: "key-refused", status: last.status, serverMessage: last.serverMessage };
  }
  if (last instanceof NovuNetworkError) {
    return { kind: "no-answer", message: last.message, attempts: gaveUp?.attempts ?? 1, elapsedMs: gaveUp?.elapsedMs ?? elapsedMs };
  }
  return { kind: "other", message: err instanceof Error ? err.message : String(err) };
}

/**
 * `pulumi refresh` and `pulumi destroy` run with the provider configuration recorded by the last
 * `up` unless given `--run-program`: after a rotation, a revoked old key answers 401 there.
 */
function withRotationHint(err: unknown): unknown {
  if (err instanceof NovuApiError && err.status === 401) {
    err.message +=
      ". Novu refused the key in use. If you have just changed novu:secretKey, `pulumi refresh` and `pulumi destroy` still use " +
      "the key recorded by the last `pulumi up`: run `pulumi up` first, or pass `--run-program`";
  }
  return err;
}
