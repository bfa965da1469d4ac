/**
 * The Pulumi package schema of the native provider `pulumi-resource-novu` (its answer to GetSchema),
 * derived from the zod schemas: property names, types, defaults, optional-ness and descriptions come
 * from provider/schemas/ and are written nowhere else. What this file adds are the native
 * front-end's own decisions, each stated once:
 *
 * - a zod schema with a `title` is published as the type `novu:index:<title>` (NAMED_TYPES);
 * - `credentials` is a map of any values (CREDENTIALS_TYPE): which keys a provider takes is the
 *   catalogue's business, checked by the provider at preview (planning/check.ts);
 * - `identifier` is optional: the provider defaults it to the resource name (NAME_DEFAULTED_INPUTS);
 * - the dynamic Integration's internal inputs (INTERNAL_INPUTS) are not published;
 * - secrets: SECRET_INPUTS, SECRET_CONFIGURATION_KEYS, SECRET_SETTINGS;
 * - every provider setting names its environment-variable fallback (PROVIDER_SETTINGS); an explicit
 *   provider's arguments say so in words only, so generated SDKs leave unset ones to the provider.
 *
 * The format is pulumi/pulumi's pkg/codegen/schema/pulumi.json; only what this package uses is typed.
 */
import { z } from "zod";
import { PROVIDER_SETTINGS } from "../schemas/provider-config";
import { REPLACE_PROPERTIES } from "../planning/plan";
import type { IntegrationState } from "../planning/state";
import { channelSchema } from "../schemas/channel";
import {
  conditionSchema,
  filterGroupValueSchema,
  filterOnSchema,
  filterOperatorSchema,
  filterPartSchema,
  filterTypeSchema,
} from "../schemas/conditions";
import { configurationsSchema, SECRET_CONFIGURATION_KEYS } from "../schemas/configurations";
import { INTERNAL_INPUTS, integrationInputsSchema, NAME_DEFAULTED_INPUTS, SECRET_INPUTS } from "../schemas/integration-inputs";
import { type IntegrationOutputs, integrationOutputsSchema } from "../schemas/integration-outputs";
import {
  foundIntegrationSchema,
  GET_ENVIRONMENT_TOKEN,
  GET_INTEGRATION_TOKEN,
  GET_INTEGRATIONS_TOKEN,
  getEnvironmentArgsSchema,
  getEnvironmentResultSchema,
  getIntegrationArgsSchema,
  getIntegrationsArgsSchema,
  getIntegrationsResultSchema,
  skippedIntegrationSchema,
} from "../schemas/functions";
import { type ProviderSettingsIn, providerSettingsSchema, SECRET_SETTINGS } from "../schemas/provider-config";

export const PACKAGE_NAME = "novu";
export const INTEGRATION_TOKEN = "novu:index:Integration";
export const PROVIDER_TOKEN = `pulumi:providers:${PACKAGE_NAME}`;

export type PrimitiveType = "string" | "number" | "integer" | "boolean";

/** A reference to a type: a primitive, an array (`items`), a map (`additionalProperties`), a named type (`$ref`) or a union (`oneOf`). */
export interface TypeSpec {
  readonly type?: PrimitiveType | "array" | "object";
  /** The element type of an array. */
  readonly items?: TypeSpec;
  /** The value type of a map: `type: object` without properties. */
  readonly additionalProperties?: TypeSpec;
  /** `#/types/<token>` for a type of this package, `pulumi.json#/Any` for any value. */
  readonly $ref?: string;
  /** A value of any one of these types. */
  readonly oneOf?: readonly TypeSpec[];
}

/** A property of a resource, of the provider's configuration or of an object type. */
export interface PropertySpec extends TypeSpec {
  /** Markdown, shown by docs, IDEs and YAML diagnostics; every property of this package has one. */
  readonly description: string;
  /** The value used when the property is unset. Generated SDKs write it into the program's inputs. */
  readonly default?: string | number | boolean;
  /** Environment variables read when the property is unset. Generated SDKs read them in the program. */
  readonly defaultInfo?: { readonly environment: readonly string[] };
  /** Kept secret in inputs, outputs and state. */
  readonly secret?: boolean;
  /** A change replaces the resource (the provider's diff says so; this only documents it). */
  readonly willReplaceOnChanges?: boolean;
}

export interface ObjectTypeSpec {
  readonly type: "object";
  readonly description: string;
  readonly properties: Readonly<Record<string, PropertySpec>>;
  /** Properties that must be set in inputs and are always set in outputs. */
  readonly required: readonly string[];
}

export interface EnumTypeSpec {
  readonly type: "string";
  readonly description: string;
  readonly enum: readonly { readonly value: string }[];
}

export interface ResourceSpec {
  readonly description: string;
  readonly inputProperties: Readonly<Record<string, PropertySpec>>;
  readonly requiredInputs: readonly string[];
  /** The outputs. */
  readonly properties: Readonly<Record<string, PropertySpec>>;
  /** Outputs that are always set. */
  readonly required: readonly string[];
}

export interface ProviderSpec {
  readonly description: string;
  readonly inputProperties: Readonly<Record<string, PropertySpec>>;
  readonly requiredInputs: readonly string[];
}

/** A function (invoke, YAML's `fn::invoke`): its arguments and its result, each an object's properties. */
export interface FunctionSpec {
  readonly description: string;
  /** Absent for a function without arguments, so generated SDKs take only options. */
  readonly inputs?: { readonly properties: Readonly<Record<string, PropertySpec>>; readonly required: readonly string[] };
  readonly outputs: { readonly properties: Readonly<Record<string, PropertySpec>>; readonly required: readonly string[] };
}

export interface PulumiPackageSchema {
  readonly name: string;
  readonly version: string;
  readonly displayName: string;
  readonly description: string;
  readonly license: string;
  readonly keywords: readonly string[];
  /** Stack configuration `novu:<name>`, read by the default provider. */
  readonly config: { readonly variables: Readonly<Record<string, PropertySpec>> };
  /** Arguments of an explicit provider (`pulumi:providers:novu`): the same settings. */
  readonly provider: ProviderSpec;
  readonly resources: Readonly<Record<string, ResourceSpec>>;
  readonly functions: Readonly<Record<string, FunctionSpec>>;
  readonly types: Readonly<Record<string, ObjectTypeSpec | EnumTypeSpec>>;
}

/** Zod schemas published as types, each as `novu:index:<its title>`. A titled schema missing here fails the schema's unit test. */
const NAMED_TYPES: readonly z.ZodType[] = [
  channelSchema,
  configurationsSchema,
  conditionSchema,
  filterPartSchema,
  filterOperatorSchema,
  filterOnSchema,
  filterTypeSchema,
  filterGroupValueSchema,
  foundIntegrationSchema,
  skippedIntegrationSchema,
];

/**
 * The functions, each from the zod schemas of its arguments and result (schemas/functions.ts). A
 * function's result is always set where its zod field is not optional.
 */
const FUNCTIONS: Readonly<Record<string, { description: string; args: z.ZodObject; result: z.ZodObject }>> = {
  [GET_INTEGRATION_TOKEN]: {
    description:
      "One integration, by `identifier` or `integrationId`, as Novu holds it: the Integration resource's outputs without credentials, " +
      "which are never returned. Fails naming the argument when none or several match (set `environmentId` to choose).",
    args: getIntegrationArgsSchema,
    result: foundIntegrationSchema,
  },
  [GET_INTEGRATIONS_TOKEN]: {
    description:
      "The integrations the provider's key lists, filtered by `channel`, `providerId`, `active` and `environmentId`, without credentials; " +
      "those pulumi-novu cannot manage (agents, unknown channels) are in `skipped` with the reason.",
    args: getIntegrationsArgsSchema,
    result: getIntegrationsResultSchema,
  },
  [GET_ENVIRONMENT_TOKEN]: {
    description: "The Novu environment and organization the provider's key reaches: where the provider creates integrations.",
    args: getEnvironmentArgsSchema,
    result: getEnvironmentResultSchema,
  },
};

/** `credentials`, whatever its zod shape: a map, so YAML takes any provider's keys (booleans and numbers too). */
// Any value per key: most are strings, but some providers take numbers, booleans or objects (`tlsOptions`); zod and the catalogue check them.
const CREDENTIALS_TYPE: TypeSpec = { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } };

/**
 * Provider settings zod types as an enum (`region`) are published as strings: Pulumi's Go and .NET
 * generators write SDKs that do not compile for an enum with an environment-variable default
 * (pulumi/pulumi#19584; the committed Go SDK's compile check found it), and Pulumi expects provider
 * config to be strings (#19583). The description names the values; the provider checks them.
 */
const ENUM_SETTINGS_AS_STRINGS: Readonly<Record<string, TypeSpec>> = { region: { type: "string" } };

const typeToken = (title: string) => `${PACKAGE_NAME}:index:${title}`;

const PACKAGE_JSON = require("pulumi-novu/package.json") as { version: string; license: string };

export function packageSchema(): PulumiPackageSchema {
  const settings = providerProperties();
  return {
    name: PACKAGE_NAME,
    version: PACKAGE_JSON.version,
    displayName: "Novu",
    description: "Novu notification integrations (provider, channel, credentials, conditions, primary) as Pulumi resources.",
    license: PACKAGE_JSON.license,
    keywords: ["novu", "notifications", "category/utility", "kind/native"],
    config: { variables: settings },
    provider: {
      description: "The Novu provider: which Novu server and environment (API key) integrations are managed in, and how requests are paced and retried.",
      inputProperties: explicitProviderArguments(settings),
      requiredInputs: [],
    },
    resources: { [INTEGRATION_TOKEN]: integrationResource() },
    functions: Object.fromEntries(Object.entries(FUNCTIONS).map(([token, f]) => [token, functionSpec(token, f)])),
    types: Object.fromEntries(NAMED_TYPES.map((schema) => namedType(schema))),
  };
}

function integrationResource(): ResourceSpec {
  const publicInputs = Object.fromEntries(
    Object.entries(integrationInputsSchema.shape).filter(([key]) => !(INTERNAL_INPUTS as readonly string[]).includes(key)),
  );
  const inputs = objectProperties(publicInputs, "Integration", "input", { credentials: CREDENTIALS_TYPE });
  const outputs = objectProperties(integrationOutputsSchema.shape, "Integration", "output", { credentials: CREDENTIALS_TYPE });
  const replacing = REPLACE_PROPERTIES as readonly string[];
  return {
    description:
      "One Novu integration: a provider (SendGrid, Twilio, Slack, …) on a channel, with its credentials, " +
      "configurations, routing rules (or the deprecated tenant conditions) and whether it is the channel's primary.",
    inputProperties: mapValues(withSecrets(inputs.properties, SECRET_INPUTS), (spec, key) =>
      replacing.includes(key) ? { ...spec, willReplaceOnChanges: true } : spec,
    ),
    requiredInputs: inputs.required.filter((key) => !(NAME_DEFAULTED_INPUTS as readonly string[]).includes(key)),
    properties: withSecrets(outputs.properties, SECRET_INPUTS),
    required: outputs.required,
  };
}

function functionSpec(token: string, f: { description: string; args: z.ZodObject; result: z.ZodObject }): FunctionSpec {
  const inputs = objectProperties(f.args.shape, token, "input");
  // A titled result (a named type) still publishes its own properties: a function's outputs are inline.
  const outputs = objectProperties(f.result.shape, token, "output");
  return { description: f.description, ...(Object.keys(inputs.properties).length > 0 ? { inputs } : {}), outputs };
}

/** The provider settings, each naming the environment variable the provider falls back to, and its default. */
function providerProperties(): Record<string, PropertySpec> {
  const { properties, required } = objectProperties(providerSettingsSchema.shape, "novu", "input", ENUM_SETTINGS_AS_STRINGS);
  const secrets = withSecrets(properties, SECRET_SETTINGS);
  return mapValues(secrets, (spec, key) => {
    const env = PROVIDER_SETTINGS[key as keyof typeof PROVIDER_SETTINGS];
    const fallback = required.includes(key)
      ? `Required: set it here or in the environment variable \`${env}\`.`
      : `When unset, read from the environment variable \`${env}\`${spec.default === undefined ? "" : `, else ${spec.default}`}.`;
    return { ...spec, description: `${spec.description} ${fallback}`, defaultInfo: { environment: [env] } };
  });
}

/**
 * An explicit provider's arguments: the settings without `default` and `defaultInfo`, which say what
 * the provider process does with an unset one. Pulumi's generators turn them into program code
 * (`args.secretKey ?? getEnv("NOVU_SECRET_KEY")`, `args.maxRetries ?? (getEnvNumber("NOVU_MAX_RETRIES") || 5)`):
 * the program's environment would then reach the provider's inputs and state, the key as plain text
 * (which Configure refuses), and the provider could no longer say where a value came from. Left unset,
 * the provider process applies the same variable and default itself.
 */
function explicitProviderArguments(settings: Record<string, PropertySpec>): Record<string, PropertySpec> {
  return mapValues(settings, ({ default: _default, defaultInfo: _defaultInfo, ...spec }) => spec);
}

function namedType(schema: z.ZodType): [string, ObjectTypeSpec | EnumTypeSpec] {
  const meta = z.globalRegistry.get(schema);
  if (!meta?.title) throw new Error("a named type needs a title in its zod meta");
  const description = meta.description ?? "";
  const def = (schema as unknown as z.core.$ZodTypes)._zod.def;
  if (def.type === "enum") {
    return [typeToken(meta.title), { type: "string", description, enum: Object.values(def.entries).map((value) => ({ value: String(value) })) }];
  }
  if (def.type === "object") {
    const { properties, required } = objectProperties(def.shape, meta.title, "input");
    const secrets = schema === configurationsSchema ? SECRET_CONFIGURATION_KEYS : [];
    return [typeToken(meta.title), { type: "object", description, properties: withSecrets(properties, secrets), required }];
  }
  throw new Error(`${meta.title}: only objects and enums become named types, not a zod ${def.type}`);
}

type Io = "input" | "output";

/**
 * The properties of a zod object shape. For inputs a default makes a property optional (and is
 * published); for outputs a defaulted property is always set.
 */
function objectProperties(
  shape: Readonly<Record<string, z.core.$ZodType>>,
  path: string,
  io: Io,
  types: Readonly<Record<string, TypeSpec>> = {},
): { properties: Record<string, PropertySpec>; required: string[] } {
  const properties: Record<string, PropertySpec> = {};
  const required: string[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const field = property(schema, `${path}.${key}`, io, types[key]);
    properties[key] = field.spec;
    if (!field.optional) required.push(key);
  }
  return { properties, required };
}

/** A property from its zod schema: wrappers (optional, default) unwrapped, the outermost description kept. */
function property(schema: z.core.$ZodType, path: string, io: Io, type?: TypeSpec): { spec: PropertySpec; optional: boolean } {
  let description: string | undefined;
  let optional = false;
  let fallback: unknown;
  let core = schema;
  for (;;) {
    description ||= z.globalRegistry.get(core)?.description;
    const def = (core as z.core.$ZodTypes)._zod.def;
    // Pulumi has no null apart from unset: a nullable input (`rules`) is published as optional.
    if (def.type === "optional" || def.type === "nullable") {
      optional = true;
      core = def.innerType;
    } else if (def.type === "default") {
      optional ||= io === "input";
      fallback = def.defaultValue;
      core = def.innerType;
    } else break;
  }
  const published = io === "input" && ["string", "number", "boolean"].includes(typeof fallback) ? { default: fallback as string | number | boolean } : {};
  return { spec: { ...(type ?? typeOf(core, path)), description: description ?? "", ...published }, optional };
}

function typeOf(schema: z.core.$ZodType, path: string): TypeSpec {
  const title = z.globalRegistry.get(schema)?.title;
  if (title) return { $ref: `#/types/${typeToken(title)}` };
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case "string":
    case "boolean":
      return { type: def.type };
    case "number":
      // `.int()` lives in zod's checks; its JSON Schema says "integer".
      return { type: z.toJSONSchema(schema).type === "integer" ? "integer" : "number" };
    case "array":
      return { type: "array", items: typeOf(def.element, `${path}[]`) };
    case "record":
      return { type: "object", additionalProperties: typeOf(def.valueType, `${path}.*`) };
    case "union":
      return { oneOf: def.options.map((option, i) => typeOf(option, `${path}(${i})`)) };
    case "unknown":
    case "any":
      return { $ref: "pulumi.json#/Any" };
    case "optional":
    case "default":
      return typeOf(def.innerType, path);
    default:
      throw new Error(`${path}: a zod ${def.type} has no Pulumi type here (an object or enum needs a title and a place in NAMED_TYPES)`);
  }
}

function withSecrets(properties: Record<string, PropertySpec>, secret: readonly string[]): Record<string, PropertySpec> {
  return mapValues(properties, (spec, key) => (secret.includes(key) ? { ...spec, secret: true } : spec));
}

function mapValues<T>(record: Record<string, T>, f: (value: T, key: string) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value, key)]));
}

// Compile-time checks: what the schema publishes agrees with what the provider stores and reads.
type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** Every output is a field of the state (Pick fails to compile otherwise), of the state's type. */
type PublishedState = Pick<IntegrationState, keyof IntegrationOutputs>;
type OutputsAreState = Assert<IntegrationOutputs extends PublishedState ? true : false>;
/** An output is always set exactly where the state's field is. */
type OutputsRequiredAsState = Assert<Same<RequiredKeys<IntegrationOutputs>, RequiredKeys<PublishedState>>>;
/** A new state field is published or named here as bookkeeping the user has no use for. */
type OnlyBookkeepingUnpublished = Assert<
  Same<Exclude<keyof IntegrationState, keyof IntegrationOutputs>, "nameManaged" | "environmentManaged" | "configurationsManaged" | "rulesManaged">
>;
/** Every provider setting has an environment variable, and every variable a setting. */
type EverySettingHasAnEnvironmentVariable = Assert<Same<keyof ProviderSettingsIn, keyof typeof PROVIDER_SETTINGS>>;
