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
  if (holder !== undefined && holder !== resourceName) {
    return `integrations "${holder}" and "${resourceName}" both set primary: true for the ${channel} channel in ${environmentId ? `environment ${environmentId}` : "the API key's environment"}; only one can be primary`;
  }
  claims.set(key, resourceName);
  return undefined;
}
