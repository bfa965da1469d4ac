/**
 * The package's functions (invokes) as a provider process runs them: one handler per function
 * token, each reading through the process context (runtime/provider-process.ts), so a function shares the one
 * list call with the reads of resources (and of other functions) and the one
 * `GET /v1/environments/me` with the placement guard. Nothing here writes. What is returned is
 * decided in planning/lookups.ts; credentials are never in it.
 */
import { environmentResult, filterIntegrations, foundIntegration, getIntegrationArgs, getIntegrationsArgs, parseArgs, selectIntegration } from "../planning/lookups";
import type { Reach } from "../planning/placement";
import type { IntegrationListing } from "../schemas/api";
import { GET_ENVIRONMENT_TOKEN, GET_INTEGRATION_TOKEN, GET_INTEGRATIONS_TOKEN, getEnvironmentArgsSchema } from "../schemas/functions";

/** What a function reads: the process's shared list and what its key reaches. */
export interface LookupSource {
  sharedListing(): Promise<IntegrationListing>;
  reached(): Promise<Reach>;
}

/** A function: its arguments (plain values) in, its result out. */
export type LookupHandler = (source: LookupSource, args: Record<string, unknown>) => Promise<Record<string, unknown>>;

export const LOOKUPS: Readonly<Record<string, LookupHandler>> = {
  [GET_INTEGRATION_TOKEN]: async (source, args) => {
    const parsed = getIntegrationArgs(args);
    const [listing, reach] = await Promise.all([source.sharedListing(), source.reached()]);
    return foundIntegration(selectIntegration(parsed, listing), reach);
  },
  [GET_INTEGRATIONS_TOKEN]: async (source, args) => {
    const parsed = getIntegrationsArgs(args);
    const [listing, reach] = await Promise.all([source.sharedListing(), source.reached()]);
    return filterIntegrations(parsed, listing, reach);
  },
  [GET_ENVIRONMENT_TOKEN]: async (source, args) => {
    parseArgs("getEnvironment", getEnvironmentArgsSchema, args);
    return environmentResult(await source.reached());
  },
};
