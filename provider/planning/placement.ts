/**
 * Where an integration lives (the Novu server and environment recorded in its state) against
 * where the configured key and URL reach now. A key of another environment, or a URL of another
 * server, cannot see the integration: that is never "deleted" and never a reason to create it
 * again. Pure: the caller asks Novu which environment the key reaches (`GET /v1/environments/me`).
 *
 * A server is known by what the key reaches there (its organization and environment ids), not by
 * how its URL is spelled: `http://localhost:4311/` and `http://127.0.0.1:4311` are one server when
 * the key reaches the integration's organization through both. A URL that differs is compared
 * by spelling only when the server does not say what the key reaches (404 on that route).
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
  /** How messages name where the URL came from (`novu:apiUrl`, `the environment variable NOVU_API_URL`, …). */
  readonly apiUrlFrom?: string;
}

export type Placement =
  /**
   * It lives where the key reaches (as far as the server tells). `respelledFrom`: its state names
   * the same server by another URL, which the next write or refresh records.
   */
  | { readonly kind: "here"; readonly verified: boolean; readonly respelledFrom?: string }
  /** It lives where `novu:movedFrom` names: the stack moves on purpose; it is left there, unmanaged. */
  | { readonly kind: "moved"; readonly from: string }
  /** It lives elsewhere: stop, with this message. */
  | { readonly kind: "elsewhere"; readonly message: string };

export function placementOf(location: Location, reach: Reach, movedFrom: string | undefined): Placement {
  const env = reach.environment;
  let respelledFrom: string | undefined;
  if (location.apiUrl !== undefined && normaliseApiUrl(location.apiUrl) !== reach.apiUrl) {
    // Organization ids are unique across Novu servers: reaching the integration's organization is reaching its server.
    if (env && env.organizationId === location.organizationId) respelledFrom = location.apiUrl;
    else {
      if (movedFrom !== undefined && normaliseApiUrl(movedFrom) === normaliseApiUrl(location.apiUrl)) return { kind: "moved", from: location.apiUrl };
      return { kind: "elsewhere", message: otherServer(location, reach) };
    }
  }
  if (!env) return { kind: "here", verified: false };
  const otherOrganization = env.organizationId !== location.organizationId;
  const otherEnvironment = !location.environmentManaged && env.id !== location.environmentId;
  if (otherOrganization || otherEnvironment) {
    if (movedFrom !== undefined && movedFrom === location.environmentId) return { kind: "moved", from: location.environmentId };
    return { kind: "elsewhere", message: otherEnvironmentMessage(location, env, otherOrganization) };
  }
  return respelledFrom === undefined ? { kind: "here", verified: true } : { kind: "here", verified: true, respelledFrom };
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

/** Where the key and URL in use came from, as messages name them (runtime/provider-config.ts decides). */
export interface SettingsInUse {
  /** The setting a message about the key starts with: `novu:secretKey`, `NOVU_SECRET_KEY`, a provider's `secretKey`. */
  readonly key: string;
  /** Where the key came from: `stack config novu:secretKey`, `the environment variable NOVU_SECRET_KEY`, … */
  readonly keyFrom: string;
  /** What fixes a wrong key: one command, or where to pass it. */
  readonly keyFix: string;
  readonly apiUrl: string;
  readonly apiUrlFrom: string;
  readonly apiUrlFix: string;
}

/** Shown once per provider process: where this stack's writes go, and which settings said so. */
export function targetNotice(reach: Reach, settings: SettingsInUse): string {
  const env = reach.environment;
  const where = env
    ? `Novu environment ${named(env.name, env.id)} of organization ${env.organizationId} at ${reach.apiUrl}`
    : `the Novu server at ${reach.apiUrl} (it does not say which environment the key belongs to)`;
  return `writes to ${where} (key from ${settings.keyFrom}; URL from ${settings.apiUrlFrom})`;
}

/** Shown once per provider process when state names the server by another URL than the one in use. */
export function respelledNotice(recorded: string, reach: Reach): string {
  const env = reach.environment;
  const reached = env ? `organization ${env.organizationId} (environment ${named(env.name, env.id)})` : "the same organization";
  return (
    `the state records the Novu server as ${recorded}, now reached as ${reach.apiUrl}: the key reaches ${reached} through both, so they are ` +
    "one server. The next write or `pulumi refresh` records the new URL"
  );
}

/** Why the key's environment could not be read, as the runtime classified the error. */
export type ReachProblem =
  /** Novu refused the key (401/403). */
  | { readonly kind: "key-refused"; readonly status: number; readonly serverMessage: string }
  /** No answer (refused connection, unresolved host, timeout): `message` is the network error's, which says what was sent. */
  | { readonly kind: "no-answer"; readonly message: string; readonly attempts: number; readonly elapsedMs: number }
  /** Any other failure. */
  | { readonly kind: "other"; readonly message: string };

/**
 * The check failure of a new integration when the key or URL does not work: a preview fails where
 * `up` would. Starts with the setting, names where it came from and what fixes it, never a value.
 */
export function unreachableReason(problem: ReachProblem, apiUrl: string, settings: SettingsInUse): string {
  if (problem.kind === "key-refused") {
    return (
      `${settings.key}: Novu at ${apiUrl} refused the key from ${settings.keyFrom} (${problem.status}: ${problem.serverMessage}), ` +
      `so \`pulumi up\` would fail too. Use the key of the environment this stack manages: ${settings.keyFix}`
    );
  }
  if (problem.kind === "no-answer") {
    const tries = `${problem.attempts} attempt${problem.attempts === 1 ? "" : "s"} in ${(problem.elapsedMs / 1000).toFixed(1)} s`;
    return (
      `${settings.apiUrl}: ${problem.message} (${tries}; the URL is from ${settings.apiUrlFrom}), so \`pulumi up\` would fail too. ` +
      `If the URL is wrong: ${settings.apiUrlFix}`
    );
  }
  return `${settings.apiUrl}: Novu at ${apiUrl} could not say which environment the key reaches: ${problem.message}. \`pulumi up\` would fail too`;
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
  const unproven = reach.environment
    ? ""
    : ` (this server does not say which organization the key belongs to, so it cannot be shown to be the server of ${location.apiUrl} under another name)`;
  return (
    `integration "${location.identifier}" lives on the Novu server ${location.apiUrl}, but ${reach.apiUrlFrom ?? "novu:apiUrl/novu:region"} now point${reach.apiUrlFrom ? "s" : ""} to ` +
    `${reach.apiUrl}${unproven}. Nothing was changed, removed or created. If the setting is wrong, set it back: ` +
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
