/**
 * `Integration`: one Novu integration (provider + channel + credentials) as a Pulumi resource.
 *
 *     new Integration("sendgrid", {
 *       providerId: "sendgrid", channel: "email", primary: true,
 *       credentials: { apiKey: cfg.requireSecret("sendgridKey"), from: "no-reply@acme.dev", senderName: "Acme" },
 *     });
 */
import * as pulumi from "@pulumi/pulumi";
import { integrationProvider } from "../dynamic/stub";
import type { Condition } from "../schemas/conditions";
import type { Configurations } from "../schemas/configurations";
import { type INTERNAL_INPUTS, type IntegrationInputsIn, withNameDefaults } from "../schemas/integration-inputs";
import type { DeepInput } from "./input-types";
import { expectDeclaration } from "./deployment-declarations";
import { plaintextNovuKeyProblem } from "./plaintext-secrets";
import { ledgerEntryFor } from "./ledger";
import { claimPrimary } from "../planning/primary-claims";
import { declaredPeers } from "./primary-peers";
import { withSecretConfigurationKeys } from "./secret-configurations";

/** Arguments of an {@link Integration}. Documentation of each field: schemas/integration-inputs.ts and the README. */
export type IntegrationArgs = {
  [K in keyof Omit<IntegrationInputsIn, "identifier" | (typeof INTERNAL_INPUTS)[number]>]?: DeepInput<IntegrationInputsIn[K]>;
} & {
  providerId: pulumi.Input<string>;
  channel: pulumi.Input<IntegrationInputsIn["channel"]>;
  /** Defaults to the Pulumi resource name. */
  identifier?: pulumi.Input<string>;
};

function primaryConflict(name: string, args: IntegrationArgs): pulumi.Output<string | undefined> {
  const deployment = pulumi.runtime.getStackResource();
  return pulumi
    .all([args.primary, args.channel, args.environmentId])
    .apply(([primary, channel, environmentId]) => (primary === true ? claimPrimary(deployment, name, channel, environmentId) : undefined));
}

/** For a primary claimant: what the deployment declares beside it (primary-peers.ts). */
function primaryPeers(args: IntegrationArgs): pulumi.Output<string[] | undefined> {
  const deployment = pulumi.runtime.getStackResource();
  return pulumi
    .all([args.primary, args.channel, args.environmentId])
    .apply(async ([primary, channel, environmentId]) => (primary === true ? declaredPeers(deployment, channel, environmentId ?? undefined) : undefined));
}

/** Records the resource in its deployment's declarations (deployment-declarations.ts) once its values are known. */
function declare(name: string, args: IntegrationArgs): void {
  const report = expectDeclaration(pulumi.runtime.getStackResource());
  const values = pulumi.all([withNameDefaults(args, name).identifier as pulumi.Input<string>, args.channel, args.environmentId, args.primary]);
  values.apply(([identifier, channel, environmentId, primary]) =>
    report({ name, identifier, channel, environmentId: environmentId ?? undefined, primary: primary === true }),
  );
  // Values unknown during a preview never reach the apply above.
  const isKnown = (values as unknown as { isKnown?: Promise<boolean> }).isKnown;
  if (isKnown) isKnown.then((known) => known || report(undefined), () => report(undefined));
}

const INTEGRATION_TYPE = "pulumi-nodejs:dynamic/novu:Integration";

export class Integration extends pulumi.dynamic.Resource {
  /** Novu's id of the integration (`_id`). */
  declare public readonly integrationId: pulumi.Output<string>;
  declare public readonly environmentId: pulumi.Output<string>;
  declare public readonly organizationId: pulumi.Output<string>;
  declare public readonly providerId: pulumi.Output<string>;
  declare public readonly channel: pulumi.Output<string>;
  declare public readonly name: pulumi.Output<string>;
  declare public readonly identifier: pulumi.Output<string>;
  declare public readonly active: pulumi.Output<boolean>;
  /** Whether Novu currently routes the channel through this integration. */
  declare public readonly primary: pulumi.Output<boolean>;
  /** Novu's priority among the active integrations of the channel (higher is preferred). */
  declare public readonly priority: pulumi.Output<number>;
  declare public readonly conditions: pulumi.Output<Condition[]>;
  /** Novu's routing rules (JSONLogic), absent when it has none. */
  declare public readonly rules: pulumi.Output<Record<string, unknown> | undefined>;
  /** Novu's configurations of the integration (absent when it has none); the signing key is secret. */
  declare public readonly configurations: pulumi.Output<Configurations | undefined>;
  declare public readonly deleted: pulumi.Output<boolean>;

  constructor(name: string, args: IntegrationArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {
      ...withNameDefaults(args, name),
      // Secret in inputs, outputs and state, whatever the caller passed.
      credentials: pulumi.secret(args.credentials ?? {}),
      configurations: withSecretConfigurationKeys(args.configurations),
      // Another resource of this program may claim the same primary; check() fails with this message.
      // The stack resource is a new object for every run of the program: one claim set per deployment.
      __primaryClaimConflict: primaryConflict(name, args),
      // A plaintext novu:secretKey in stack config fails check() at preview, naming the fix.
      __plaintextNovuKey: plaintextNovuKeyProblem(),
      // The provider warns when the primary it takes belongs to an integration not declared here.
      __declaredPrimaryPeers: primaryPeers(args),
      // What the stack's ledger recorded for this resource: lets a create tell an integration that an
      // interrupted `up` of this stack made from one that existed before (docs/reliability.md, "Interrupted deployments").
      __ledgerEntry: ledgerEntryFor(name),
      // The host tells the provider no URN: with it, what the provider warns is shown under this resource (dynamic/runtime.ts).
      __urn: pulumi.createUrn(name, INTEGRATION_TYPE, opts?.parent),
      integrationId: undefined,
      organizationId: undefined,
      priority: undefined,
      deleted: undefined,
    };
    for (const k of ["environmentId", "name", "active", "primary", "conditions", "rules"] as const) {
      if (!(k in props)) props[k] = undefined;
    }
    declare(name, args);
    // pulumi.dynamic.Resource names its type `pulumi-nodejs:dynamic/<module>:<type>` (INTEGRATION_TYPE).
    super(integrationProvider, name, props, { ...opts, additionalSecretOutputs: ["credentials"] }, "novu", "Integration");
  }
}
