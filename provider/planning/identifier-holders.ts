/**
 * "A live integration with this identifier": what a create collides with, what adoption takes
 * over, what the ledger records as pre-existing, what a lost create is looked up by. Decided here
 * once. An identifier is unique per environment in Novu; without an environment (an older server
 * whose keys list the whole organization) every environment's holder counts.
 */
import type { IntegrationResponse } from "../schemas/api";

export interface IdentifierKey {
  readonly identifier: string;
  readonly environmentId?: string | undefined;
}

/** The live (not deleted) integrations holding `wanted`'s identifier, in its environment when it names one. */
export function holdersOf(wanted: IdentifierKey, listed: readonly IntegrationResponse[]): IntegrationResponse[] {
  return listed.filter((i) => !i.deleted && i.identifier === wanted.identifier && (wanted.environmentId === undefined || i._environmentId === wanted.environmentId));
}

/** Novu's answer to a create whose identifier is taken (409 naming the identifier). */
export function isIdentifierTaken(status: number, serverMessage: string): boolean {
  return status === 409 && /identifier/i.test(serverMessage);
}
