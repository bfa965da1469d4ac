/**
 * The identifiers this deployment declares for a channel and environment, handed to a primary
 * claimant as the internal `declaredPrimaryPeers` input, so the provider can tell whether the
 * primary it takes belongs to an integration the deployment declares.
 *
 * A resource whose identifier, channel or environment comes from another resource's output is
 * declared only once that resource exists; if that resource waits for this input, settling would
 * never happen. So the wait is bounded: after PEERS_WAIT_MS the input is left undefined ("not
 * known"), and the provider words its warning accordingly.
 */
import { settledDeclarations } from "./deployment-declarations";

const PEERS_WAIT_MS = 5_000;

export async function declaredPeers(deployment: object | undefined, channel: string, environmentId: string | undefined): Promise<string[] | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), PEERS_WAIT_MS)));
  try {
    const declared = await Promise.race([settledDeclarations(deployment), timeout]);
    if (!declared) return undefined;
    return declared.filter((d) => d.channel === channel && d.environmentId === environmentId).map((d) => d.identifier).sort();
  } finally {
    clearTimeout(timer);
  }
}
