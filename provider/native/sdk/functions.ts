/**
 * The package's functions (invokes) for TypeScript programs, shaped like Pulumi's generated Node.js
 * SDKs: `getX(args, opts)` resolves a Promise, `getXOutput(args, opts)` takes Inputs and gives an
 * Output. Their argument and result types are the zod schemas' (schemas/functions.ts), where each
 * field is described; the provider checks the arguments and decides the result
 * (planning/lookups.ts). Pass `{ provider }` to read through an explicit Provider.
 *
 *     import * as novu from "pulumi-novu/native";
 *     const mail = await novu.getIntegration({ identifier: "transactional-email" }, { provider });
 *     const env = novu.getEnvironmentOutput({ provider });
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import {
  type FoundIntegration,
  GET_ENVIRONMENT_TOKEN,
  GET_INTEGRATION_TOKEN,
  GET_INTEGRATIONS_TOKEN,
  type GetEnvironmentResult,
  type getIntegrationArgsSchema,
  type getIntegrationsArgsSchema,
  type GetIntegrationsResult,
  type SkippedIntegration,
} from "../../schemas/functions";

export type { FoundIntegration, GetEnvironmentResult, GetIntegrationsResult, SkippedIntegration };
/** The result of {@link getIntegration}: the integration as Novu holds it, without credentials. */
export type GetIntegrationResult = FoundIntegration;

/** Which integration: `identifier` or `integrationId` (exactly one), optionally in `environmentId`. */
export type GetIntegrationArgs = z.input<typeof getIntegrationArgsSchema>;
/** Filters, all optional: `channel`, `providerId`, `active`, `environmentId`. */
export type GetIntegrationsArgs = z.input<typeof getIntegrationsArgsSchema>;

/** The arguments of an `…Output` form: any of them an Output. */
export type OutputArgs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** One integration by `identifier` or `integrationId`; fails naming the argument when none or several match. */
export function getIntegration(args: GetIntegrationArgs, opts?: pulumi.InvokeOptions): Promise<GetIntegrationResult> {
  return pulumi.runtime.invoke(GET_INTEGRATION_TOKEN, { ...args }, opts);
}

export function getIntegrationOutput(args: OutputArgs<GetIntegrationArgs>, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetIntegrationResult> {
  return pulumi.runtime.invokeOutput(GET_INTEGRATION_TOKEN, { ...args }, opts);
}

/** The integrations the key lists, filtered; those pulumi-novu cannot manage are in `skipped` with the reason. */
export function getIntegrations(args: GetIntegrationsArgs = {}, opts?: pulumi.InvokeOptions): Promise<GetIntegrationsResult> {
  return pulumi.runtime.invoke(GET_INTEGRATIONS_TOKEN, { ...args }, opts);
}

export function getIntegrationsOutput(args: OutputArgs<GetIntegrationsArgs> = {}, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetIntegrationsResult> {
  return pulumi.runtime.invokeOutput(GET_INTEGRATIONS_TOKEN, { ...args }, opts);
}

/** The Novu environment and organization the provider's key reaches. No arguments: only options, as generated SDKs have it. */
export function getEnvironment(opts?: pulumi.InvokeOptions): Promise<GetEnvironmentResult> {
  return pulumi.runtime.invoke(GET_ENVIRONMENT_TOKEN, {}, opts);
}

export function getEnvironmentOutput(opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetEnvironmentResult> {
  return pulumi.runtime.invokeOutput(GET_ENVIRONMENT_TOKEN, {}, opts);
}
