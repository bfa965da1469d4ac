/**
 * Where an integration lives (the Novu server and environment recorded in its state) against
 * where the configured key and URL reach now. A key of another environment, or a URL of another
 * server, cannot see the integration: that is never "deleted" and never a reason to create it
 * again. Pure: the caller asks Novu which environment the key reaches (`GET /v1/environments/me`).
 *
 * State written before the server was recorded has no `apiUrl`/`environmentName`: the server is
 * then unknown (not compared) and recorded on the next write or refresh.
 */

/** The location fields of an integration's state. */
export interface Location {
  readonly identifier: string;
  readonly environmentId: string;
  readonly organizationId: string;
  /** `environmentId` was declared by the user (a key may then target another environment of its organization). */
  readonly environmentManaged: boolean;
  /** The normalised API URL; absent in state written before it was recorded. */
  readonly apiUrl?: string;
  readonly environmentName?: string;
}

/** The key's environment as Novu reports it. */
export interface ReachedEnvironment {
  readonly id: string;
  readonly name: string;
  readonly organizationId: string;
}

/** What the configured key and URL reach. `environment` is undefined when the server does not say (404). */
export interface Reach {
  readonly apiUrl: string;
  readonly environment?: ReachedEnvironment;
}

export type Placement =
  /** It lives where the key reaches (as far as the server tells). */
  | { readonly kind: "here"; readonly verified: boolean }
  /** It lives where `novu:movedFrom` names: the stack moves on purpose; it is left there, unmanaged. */
  | { readonly kind: "moved"; readonly from: string }
  /** It lives elsewhere: stop, with this message. */
  | { readonly kind: "elsewhere"; readonly message: string };

export function placementOf(location: Location, reach: Reach, movedFrom: string | undefined): Placement {
  if (location.apiUrl !== undefined && normaliseApiUrl(location.apiUrl) !== reach.apiUrl) {
    if (movedFrom !== undefined && normaliseApiUrl(movedFrom) === normaliseApiUrl(location.apiUrl)) return { kind: "moved", from: location.apiUrl };
    return { kind: "elsewhere", message: otherServer(location, reach) };
  }
  const env = reach.environment;
  if (!env) return { kind: "here", verified: false };
  const otherOrganization = env.organizationId !== location.organizationId;
  const otherEnvironment = !location.environmentManaged && env.id !== location.environmentId;
  if (otherOrganization || otherEnvironment) {
    if (movedFrom !== undefined && movedFrom === location.environmentId) return { kind: "moved", from: location.environmentId };
    return { kind: "elsewhere", message: otherEnvironmentMessage(location, env, otherOrganization) };
  }
  return { kind: "here", verified: true };
}

/**
 * Whether an integration missing from the list is provably gone. When the server says which
 * environment the key reaches, `placementOf` has already proved it is that one. Otherwise (404 on
 * `/v1/environments/me`) it is gone only if the list shows the key does reach its environment: the
 * list has another integration of that environment.
 */
export function provablyGone(location: Location, placement: Placement, listed: readonly { readonly _environmentId: string }[]): boolean {
  if (placement.kind !== "here") return false;
  return placement.verified || listed.some((i) => i._environmentId === location.environmentId);
}

export function notProvablyGoneMessage(location: Location): string {
  return (
    `integration "${location.identifier}" (environment ${location.environmentId}) is not in the list the key sees, ` +
    "and this Novu server does not say which environment the key belongs to (no GET /v1/environments/me), so it cannot " +
    "be told apart from an integration of another environment: nothing was removed from the state. If it was deleted " +
    "in Novu, remove it from the state with `pulumi state delete <urn>`; otherwise check novu:secretKey"
  );
}

/** Trailing slashes dropped, scheme and host lower-cased: how `novu:apiUrl` is compared. */
export function normaliseApiUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.replace(/\/+$/, "");
  } catch {
    return url.replace(/\/+$/, "");
  }
}

function named(name: string | undefined, id: string): string {
  return name ? `"${name}" (${id})` : id;
}

function otherServer(location: Location, reach: Reach): string {
  return (
    `integration "${location.identifier}" lives on the Novu server ${location.apiUrl}, but novu:apiUrl/novu:region now point to ` +
    `${reach.apiUrl}. Nothing was changed, removed or created. If the setting is wrong, set it back: ` +
    `\`pulumi config set novu:apiUrl ${location.apiUrl}\`. To move this stack to ${reach.apiUrl} on purpose (the integrations on ` +
    `${location.apiUrl} are left as they are, unmanaged, and created anew): \`pulumi config set novu:movedFrom ${location.apiUrl}\` (docs/environments.md)`
  );
}

function otherEnvironmentMessage(location: Location, env: ReachedEnvironment, otherOrganization: boolean): string {
  const old = named(location.environmentName, location.environmentId);
  const now = named(env.name, env.id);
  const where = otherOrganization
    ? `environment ${old} of organization ${location.organizationId}, but novu:secretKey is a key of environment ${now} of organization ${env.organizationId}`
    : `environment ${old}, but novu:secretKey is a key of environment ${now}`;
  return (
    `integration "${location.identifier}" lives in Novu ${where}. Nothing was changed, removed or created. If the key is wrong, ` +
    `set it back: \`pulumi config set --secret novu:secretKey <key of environment ${old}>\`. To move this stack to ${now} on purpose ` +
    `(the integrations in ${old} are left as they are, unmanaged, and created anew in ${now}): ` +
    `\`pulumi config set novu:movedFrom ${location.environmentId}\` (docs/environments.md)`
  );
}
