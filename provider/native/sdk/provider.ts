/**
 * The `Provider` class of the native provider (`pulumi:providers:novu`), shaped like Pulumi's
 * generated Node.js SDKs. Its arguments are the provider settings of schemas/provider-config.ts, all
 * optional: unset ones come from stack config (default provider only) or the environment variables
 * the provider process reads (NOVU_SECRET_KEY, …), never from this program's environment, so a key
 * that is only in the environment stays out of the provider's inputs and state.
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { providerSettingsSchema, SECRET_SETTINGS } from "../../schemas/provider-config";

/** The settings as the provider works with them: numbers, where stack config holds strings. */
type Settings = z.output<typeof providerSettingsSchema>;

/** The arguments of a {@link Provider}: each provider setting, any of it an Output. */
export type ProviderArgs = { [K in keyof Settings]?: pulumi.Input<Exclude<Settings[K], undefined>> };

const SETTING_KEYS = Object.keys(providerSettingsSchema.shape) as (keyof ProviderArgs)[];

/** Provider configuration travels as strings, as stack config does; generated SDKs JSON-encode the rest too. */
function asConfigString(value: unknown): pulumi.Input<string> | undefined {
  if (value === undefined || typeof value === "string") return value;
  return pulumi.output(value).apply((v) => (v === undefined || typeof v === "string" ? v : JSON.stringify(v))) as pulumi.Output<string>;
}

export class Provider extends pulumi.ProviderResource {
  /** @internal */
  public static readonly __pulumiType = "novu";

  /**
   * Whether the object is a Provider of this package. Works even when several copies of the Pulumi
   * SDK are loaded into the process.
   */
  public static override isInstance(obj: unknown): obj is Provider {
    return typeof obj === "object" && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === `pulumi:providers:${Provider.__pulumiType}`;
  }

  /**
   * Create a Provider with the given unique name, arguments and options.
   *
   * @param name The _unique_ name of the resource.
   * @param args The provider settings; unset ones fall back to the environment of the provider process.
   * @param opts A bag of options that control this resource's behavior.
   */
  constructor(name: string, args?: ProviderArgs, opts?: pulumi.ResourceOptions) {
    const resourceInputs: pulumi.Inputs = {};
    for (const key of SETTING_KEYS) resourceInputs[key] = asConfigString(args?.[key]);
    for (const key of SECRET_SETTINGS) resourceInputs[key] = args?.[key] === undefined ? undefined : pulumi.secret(resourceInputs[key]);
    super(Provider.__pulumiType, name, resourceInputs, opts);
  }
}
