/**
 * The `Integration` class of the native provider (`novu:index:Integration`), shaped like Pulumi's
 * generated Node.js SDKs (`get`, `isInstance`, outputs as `pulumi.Output`, secret inputs wrapped), but
 * not generated: its keys and types come from the zod schemas. The arguments are the public inputs
 * (schemas/integration-inputs.ts without INTERNAL_INPUTS), the outputs the published state
 * (schemas/integration-outputs.ts) typed as planning/state.ts has them. What each property means is
 * in the package schema (native/schema.ts), i.e. in the zod descriptions.
 *
 *     import * as novu from "pulumi-novu/native";
 *     const provider = new novu.Provider("novu", { secretKey: config.requireSecret("novuKey") });
 *     new novu.Integration("mail", { providerId: "sendgrid", channel: "email", credentials: { apiKey, from } }, { provider });
 *
 * No `version` resource option is set: the plugin is found by path, from the project's Pulumi.yaml.
 * Unlike the dynamic Integration, nothing is decided here: `identifier` is left unset for the
 * provider to default from the URN, and every check runs in the provider, for YAML programs too.
 */
import * as pulumi from "@pulumi/pulumi";
import type { IntegrationState } from "../../planning/state";
import type { DeepInput } from "../../resource/input-types";
import { withSecretConfigurationKeys } from "../../resource/secret-configurations";
import {
  INTERNAL_INPUTS,
  type IntegrationInputsIn,
  integrationInputsSchema,
  type InternalInput,
  NAME_DEFAULTED_INPUTS,
  SECRET_INPUTS,
} from "../../schemas/integration-inputs";
import { type IntegrationOutputs, integrationOutputsSchema } from "../../schemas/integration-outputs";

type NameDefaulted = (typeof NAME_DEFAULTED_INPUTS)[number];
type PublicInputs = Omit<IntegrationInputsIn, InternalInput | NameDefaulted> & Partial<Pick<IntegrationInputsIn, NameDefaulted>>;

/** The arguments of an {@link Integration}: each public input of the zod schema, any of it an Output. */
export type IntegrationArgs = { [K in keyof PublicInputs]: DeepInput<PublicInputs[K]> };

type OutputKey = keyof IntegrationOutputs;

/** The outputs of an {@link Integration}: the published fields of its state. */
export type IntegrationOutputProperties = { readonly [K in OutputKey]-?: pulumi.Output<IntegrationState[K]> };

/** Known state that qualifies a lookup with {@link Integration.get}; usually nothing beyond the id. */
export type IntegrationStateArgs = { [K in OutputKey]?: DeepInput<IntegrationState[K]> };

const INPUT_KEYS = Object.keys(integrationInputsSchema.shape).filter((key) => !(INTERNAL_INPUTS as readonly string[]).includes(key)) as (keyof IntegrationArgs)[];
/** Neither optional nor defaulted in zod, nor defaulted to the name by the provider. */
const REQUIRED_INPUTS = INPUT_KEYS.filter(
  (key) => !(NAME_DEFAULTED_INPUTS as readonly string[]).includes(key) && !integrationInputsSchema.shape[key].safeParse(undefined).success,
);
const OUTPUT_KEYS = Object.keys(integrationOutputsSchema.shape) as OutputKey[];
const OUTPUT_ONLY_KEYS = OUTPUT_KEYS.filter((key) => !(INPUT_KEYS as string[]).includes(key));

// The class carries its outputs through this interface (declaration merging), so they are listed once.
export interface Integration extends IntegrationOutputProperties {}

export class Integration extends pulumi.CustomResource {
  /**
   * Get an existing Integration's state with the given name, provider ID and optional extra
   * properties used to qualify the lookup.
   *
   * @param name The _unique_ name of the resulting resource.
   * @param id The integration's id in Novu (`integrationId`).
   * @param state Any extra arguments used during the lookup.
   * @param opts Options of the resource, e.g. its `provider`.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, state?: IntegrationStateArgs, opts?: pulumi.CustomResourceOptions): Integration {
    return new Integration(name, state as IntegrationArgs, { ...opts, id });
  }

  /** @internal */
  public static readonly __pulumiType = "novu:index:Integration";

  /**
   * Whether the object is an Integration of the native provider. Works even when several copies of
   * the Pulumi SDK are loaded into the process.
   */
  public static override isInstance(obj: unknown): obj is Integration {
    return typeof obj === "object" && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === Integration.__pulumiType;
  }

  /**
   * Create an Integration with the given unique name, arguments and options.
   *
   * @param name The _unique_ name of the resource; also the integration's `identifier` unless that is set.
   * @param args The arguments to use to populate this resource's properties.
   * @param opts A bag of options that control this resource's behavior.
   */
  constructor(name: string, args: IntegrationArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, argsOrState?: IntegrationArgs | IntegrationStateArgs, opts: pulumi.CustomResourceOptions = {}) {
    const resourceInputs: pulumi.Inputs = {};
    if (opts.id) {
      const state = argsOrState as IntegrationStateArgs | undefined;
      for (const key of OUTPUT_KEYS) resourceInputs[key] = state?.[key];
    } else {
      const args = argsOrState as IntegrationArgs | undefined;
      for (const key of REQUIRED_INPUTS) {
        if (args?.[key] === undefined && !opts.urn) throw new Error(`Missing required property '${key}'`);
      }
      for (const key of INPUT_KEYS) resourceInputs[key] = args?.[key];
      // Secret in inputs, outputs and state, whatever the caller passed.
      for (const key of SECRET_INPUTS) resourceInputs[key] = args?.[key] === undefined ? undefined : pulumi.secret(args[key]);
      resourceInputs.configurations = withSecretConfigurationKeys(args?.configurations);
      for (const key of OUTPUT_ONLY_KEYS) resourceInputs[key] = undefined;
    }
    super(Integration.__pulumiType, name, resourceInputs, pulumi.mergeOptions(opts, { additionalSecretOutputs: [...SECRET_INPUTS] }));
  }
}
