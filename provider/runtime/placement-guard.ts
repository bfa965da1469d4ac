/**
 * The runtime's hooks for planning/placement.ts: asks Novu once per provider process which
 * environment the key reaches (`GET /v1/environments/me`, cached), stops an operation on an
 * integration that lives elsewhere, and records the server and environment name in state.
 *
 * Where it stops: `diff` (preview and up), `read` (refresh), `update` and `delete` (up, destroy).
 */
import type { NovuClient } from "../client/novu-client";
import { NovuApiError, PlacementError } from "../errors";
import { type Location, type Placement, type Reach, normaliseApiUrl, placementOf } from "../planning/placement";

export interface PlacementHost {
  readonly apiUrl: string;
  readonly movedFrom: string | undefined;
  client(): NovuClient;
}

export class PlacementGuard {
  private reach?: Promise<Reach>;

  constructor(private readonly host: () => PlacementHost) {}

  /** What the key reaches; asked once per process (a failed answer is asked again next time). */
  reached(): Promise<Reach> {
    if (!this.reach) {
      const host = this.host();
      const reach = host
        .client()
        .currentEnvironment()
        .then((env): Reach => ({
          apiUrl: normaliseApiUrl(host.apiUrl),
          environment: env && { id: env._id, name: env.name, organizationId: env._organizationId },
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

  /** Throws PlacementError when the integration lives elsewhere; otherwise says whether it moved. */
  async check(location: Location): Promise<Exclude<Placement, { kind: "elsewhere" }>> {
    const placement = placementOf(location, await this.reached(), this.host().movedFrom);
    if (placement.kind === "elsewhere") throw new PlacementError(placement.message);
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
