/**
 * Two resources asking to be primary for the same environment and channel would take the primary
 * from each other on every `up`. Claims are collected per deployment (an Automation API process runs
 * its program once per operation, so per process is not enough) and the second one is an error at
 * preview time. The environment is the explicit `environmentId`, or the API key's.
 */
const claimsByDeployment = new WeakMap<object, Map<string, string>>();
const claimsWithoutStack = new Map<string, string>();

export function claimPrimary(
  deployment: object | undefined,
  resourceName: string,
  channel: string,
  environmentId: string | undefined,
): string | undefined {
  let claims = deployment ? claimsByDeployment.get(deployment) : claimsWithoutStack;
  if (!claims) {
    claims = new Map();
    claimsByDeployment.set(deployment!, claims);
  }
  const key = `${environmentId ?? "(the API key's environment)"}/${channel}`;
  const holder = claims.get(key);
  if (holder !== undefined && holder !== resourceName) return primaryConflictMessage(holder, resourceName, channel, environmentId);
  claims.set(key, resourceName);
  return undefined;
}

/** What the second claimant of one channel's primary is told; `viaProviders`: the two are declared through different providers. */
export function primaryConflictMessage(holder: string, resourceName: string, channel: string, environmentId: string | undefined, viaProviders = false): string {
  const where = environmentId ? `environment ${environmentId}` : "the API key's environment";
  const how = viaProviders ? " (through two providers whose keys reach the same environment)" : "";
  return `integrations "${holder}" and "${resourceName}" both set primary: true for the ${channel} channel in ${where}${how}; only one can be primary`;
}
