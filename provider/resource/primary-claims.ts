/**
 * Two resources asking to be primary for the same environment and channel would take the primary
 * from each other on every `up`. Claims are collected per program and the second one is an error
 * at preview time. The environment is the explicit `environmentId`, or the API key's.
 */
const claims = new Map<string, string>();

export function claimPrimary(resourceName: string, channel: string, environmentId: string | undefined): string | undefined {
  const key = `${environmentId ?? "(the API key's environment)"}/${channel}`;
  const holder = claims.get(key);
  if (holder !== undefined && holder !== resourceName) {
    return `integrations "${holder}" and "${resourceName}" both set primary: true for the ${channel} channel in ${environmentId ? `environment ${environmentId}` : "the API key's environment"}; only one can be primary`;
  }
  claims.set(key, resourceName);
  return undefined;
}
