/**
 * The package's functions, decided: which listed integration `getIntegration` means, which ones
 * `getIntegrations` returns, and the shape both return (schemas/functions.ts). Pure: the runtime
 * hands in the shared list and what the key reaches (runtime/lookup-operations.ts).
 *
 * Errors name the argument to change. An id or identifier listed in a shape pulumi-novu cannot
 * manage (an agent) is named with the reason, never reported as absent.
 */
import type { z } from "zod";
import { LookupError } from "../errors";
import { unmanageableLabel } from "../client/listing";
import type { IntegrationListing, IntegrationResponse, UnmanageableIntegration } from "../schemas/api";
import { CONFIGURATION_KEYS, type Configurations, SECRET_CONFIGURATION_KEYS } from "../schemas/configurations";
import {
  type FoundIntegration,
  type GetEnvironmentResult,
  type GetIntegrationArgs,
  getIntegrationArgsSchema,
  type GetIntegrationsArgs,
  getIntegrationsArgsSchema,
  type GetIntegrationsResult,
} from "../schemas/functions";
import { hasRules } from "../schemas/rules";
import type { Reach } from "./placement";
import { normaliseConditions } from "./state";

/** The arguments, checked: the first problem names its argument. */
export function parseArgs<S extends z.ZodType>(fn: string, schema: S, args: unknown): z.output<S> {
  const parsed = schema.safeParse(args ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const argument = issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "(arguments)");
  const why = issue.code === "unrecognized_keys" ? `is not an argument of ${fn}` : issue.message;
  throw new LookupError(argument, `${fn}: ${argument}: ${why}`);
}

export function getIntegrationArgs(args: unknown): GetIntegrationArgs {
  const parsed = parseArgs("getIntegration", getIntegrationArgsSchema, args);
  const given = (["identifier", "integrationId"] as const).filter((k) => parsed[k] !== undefined);
  if (given.length === 0) throw new LookupError("identifier", "getIntegration: give `identifier` or `integrationId` to say which integration");
  if (given.length > 1) throw new LookupError("integrationId", "getIntegration: give `identifier` or `integrationId`, not both");
  return parsed;
}

export function getIntegrationsArgs(args: unknown): GetIntegrationsArgs {
  return parseArgs("getIntegrations", getIntegrationsArgsSchema, args);
}

/** The one integration the arguments name, or a LookupError naming the argument to change. */
export function selectIntegration(args: GetIntegrationArgs, listing: IntegrationListing): IntegrationResponse {
  const [key, value] = args.integrationId !== undefined ? (["integrationId", args.integrationId] as const) : (["identifier", args.identifier!] as const);
  const inEnvironment = (environmentId: string | undefined) => args.environmentId === undefined || environmentId === args.environmentId;
  const field = (i: IntegrationResponse) => (key === "integrationId" ? i._id : i.identifier);
  const matches = listing.integrations.filter((i) => !i.deleted && field(i) === value && inEnvironment(i._environmentId));
  const where = args.environmentId === undefined ? "" : ` in environment ${args.environmentId}`;
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const environments = matches.map((i) => i._environmentId).join(", ");
    throw new LookupError(
      "environmentId",
      `getIntegration: ${key} "${value}" matches ${matches.length} integrations (environments ${environments}): set environmentId to choose one`,
    );
  }
  const skipped = listing.unmanageable.find(
    (u) => (key === "integrationId" ? u.integrationId : u.identifier) === value && (args.environmentId === undefined || u.environmentId === undefined || u.environmentId === args.environmentId),
  );
  if (skipped) throw new LookupError(key, `getIntegration: ${key} "${value}": integration ${unmanageableLabel(skipped)} cannot be read by pulumi-novu: ${skipped.reason}`);
  throw new LookupError(key, `getIntegration: no integration with ${key} "${value}"${where} in what the provider's key can list`);
}

/** `getIntegrations`: the ones that match every filter, and the skipped ones that may (see the schema's `skipped`). */
export function filterIntegrations(args: GetIntegrationsArgs, listing: IntegrationListing, reach: Reach): GetIntegrationsResult {
  const integrations = listing.integrations.filter(
    (i) =>
      !i.deleted &&
      (args.channel === undefined || i.channel === args.channel) &&
      (args.providerId === undefined || i.providerId === args.providerId) &&
      (args.active === undefined || i.active === args.active) &&
      (args.environmentId === undefined || i._environmentId === args.environmentId),
  );
  // A skipped item has no channel or active flag pulumi-novu can read: either filter rules it out.
  const skippable = args.channel === undefined && args.active === undefined;
  const skipped = skippable
    ? listing.unmanageable.filter(
        (u) => (args.providerId === undefined || u.providerId === args.providerId) && (args.environmentId === undefined || u.environmentId === args.environmentId),
      )
    : [];
  return { integrations: integrations.map((i) => foundIntegration(i, reach)), skipped: skipped.map(skippedIntegration) };
}

/** What a function returns of an integration: Novu's view, without credentials or the signing key. */
export function foundIntegration(i: IntegrationResponse, reach: Reach): FoundIntegration {
  // The keys Novu stores, as the resource's state has them; never the signing key, even from a server that echoes it.
  const configurations = Object.fromEntries(
    Object.entries(i.configurations ?? {}).filter(
      ([key, value]) => CONFIGURATION_KEYS.includes(key) && !SECRET_CONFIGURATION_KEYS.includes(key) && value !== undefined && value !== null,
    ),
  ) as Configurations;
  const environmentName = reach.environment?.id === i._environmentId ? reach.environment.name : undefined;
  return {
    integrationId: i._id,
    environmentId: i._environmentId,
    organizationId: i._organizationId,
    providerId: i.providerId,
    channel: i.channel as FoundIntegration["channel"],
    name: i.name,
    identifier: i.identifier,
    active: i.active,
    primary: i.primary,
    priority: i.priority,
    deleted: i.deleted,
    conditions: normaliseConditions(i.conditions),
    ...(hasRules(i.rules) ? { rules: i.rules } : {}),
    ...(Object.keys(configurations).length > 0 ? { configurations } : {}),
    apiUrl: reach.apiUrl,
    ...(environmentName ? { environmentName } : {}),
  };
}

function skippedIntegration(u: UnmanageableIntegration): GetIntegrationsResult["skipped"][number] {
  const { integrationId, identifier, providerId, environmentId, reason } = u;
  return Object.fromEntries(Object.entries({ integrationId, identifier, providerId, environmentId, reason }).filter(([, v]) => v !== undefined)) as GetIntegrationsResult["skipped"][number];
}

/** `getEnvironment`: what the key reaches, or a LookupError when the server does not say. */
export function environmentResult(reach: Reach): GetEnvironmentResult {
  if (!reach.environment) {
    throw new LookupError(
      "secretKey",
      `getEnvironment: the Novu server at ${reach.apiUrl} does not say which environment the key reaches (GET /v1/environments/me answered 404)`,
    );
  }
  return { environmentId: reach.environment.id, name: reach.environment.name, organizationId: reach.environment.organizationId, apiUrl: reach.apiUrl };
}
