/**
 * The inputs of an `Integration` resource, as the provider receives them (plain values, secrets
 * already unwrapped). The dynamic Integration's args type (resource/integration.ts) and the Pulumi
 * package schema (native/schema.ts, and through schema.json the generated SDKs) are derived from
 * this, descriptions included: each field's documentation is its `.describe(...)` text, written only here.
 */
import { z } from "zod";
import { channelSchema } from "./channel";
import { conditionsSchema } from "./conditions";
import { configurationsSchema } from "./configurations";
import { credentialsSchema } from "./credentials";
import { rulesSchema } from "./rules";

export const OBJECT_ID = /^[0-9a-f]{24}$/;

/** Prints as nothing: whitespace, and format characters such as zero-width spaces and joiners. */
const INVISIBLE = /^[\s\p{Cf}]*$/u;

export const integrationInputsSchema = z.strictObject({
  providerId: z
    .string()
    .min(1)
    .max(100)
    .describe("Novu provider id from its catalogue, e.g. `sendgrid`, `twilio`, `slack`. Changing it replaces the integration."),
  channel: channelSchema.describe("`in_app`, `email`, `sms`, `chat`, `push` or `tool`. Changing it replaces the integration."),
  name: z
    .string()
    .min(1)
    .max(256)
    .regex(/^\P{Cc}*$/u, "must not contain control characters (newlines, tabs, …)")
    .refine((name) => !INVISIBLE.test(name), "must not be blank")
    .optional()
    .describe("Display name. Defaults to the provider's display name in Novu's catalogue."),
  identifier: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[A-Za-z0-9_.:-]+$/, "may only contain letters, digits, '-', '_', '.' and ':'")
    .describe("Stable, unique key of the integration. Defaults to the Pulumi resource name, so retries and adoption find it."),
  environmentId: z
    .string()
    .regex(OBJECT_ID, "must be a 24-character hex ObjectId")
    .optional()
    .describe("Environment to create it in. Defaults to the environment of the API key. Changing it replaces the integration."),
  active: z.boolean().default(true).describe("Whether Novu may send through it. Defaults to true."),
  primary: z
    .boolean()
    .default(false)
    .describe("Make it the primary of its channel (email and sms only); Novu then activates it and clears its conditions."),
  credentials: credentialsSchema
    .default({})
    .describe("Provider credentials. Secret; write-only on current Novu servers, so their drift cannot be seen."),
  configurations: configurationsSchema
    .optional()
    .describe(
      "Provider settings beside the credentials (`inboundWebhookEnabled`, `inboundWebhookSigningKey`, " +
        "`configurationSetName`, `inboxCount`), the ones the provider's catalogue entry has. Unset: left as " +
        "Novu has them. Set: Novu's are replaced by exactly these (`{}` clears them). The signing key is secret.",
    ),
  conditions: conditionsSchema
    .default([])
    .describe("Tenant routing conditions (deprecated by Novu in favour of `rules`). Incompatible with `primary` (Novu clears them on set-primary) and with `rules`."),
  rules: rulesSchema
    .optional()
    .describe(
      "Routing rules: one JSONLogic operation over `subscriber.*`, `context.*` (e.g. `context.tenant.id`) and " +
        "`workflow.{workflowId,name,description,tags,severity}`, e.g. `{\"==\": [{\"var\": \"context.tenant.id\"}, \"acme\"]}`. " +
        "Unset: left as Novu has them. `{}` clears them. Checked at preview against what Novu accepts. " +
        "Incompatible with `conditions` (Novu ignores conditions once rules are set) and with `primary` (Novu un-sets the primary of an integration given rules).",
    ),
  check: z
    .boolean()
    .default(false)
    .describe("Ask Novu to verify the credentials on write (Novu does so only for email, by sending a test email)."),
  removeNovuBranding: z
    .boolean()
    .optional()
    .describe("Documented on Novu's update API but ignored by current servers: accepted, with a warning."),
  adopt: z.boolean().default(false).describe("Take over an existing integration with the same identifier instead of failing with 409."),
  deleteAdopted: z
    .boolean()
    .default(false)
    .describe(
      "Whether deleting the resource (`pulumi destroy`, removing it from the program, a replacement) " +
        "may delete an integration it adopted. Default false: an adopted integration existed before the " +
        "stack and is left in Novu. Integrations the stack created are deleted either way.",
    ),
  __primaryClaimConflict: z
    .string()
    .optional()
    .describe("Internal: set by the Integration class when another resource of the program claims the same primary."),
  __plaintextNovuKey: z.string().optional().describe("Internal: set by the Integration class when `novu:secretKey` is plain text in stack config."),
  __declaredPrimaryPeers: z
    .array(z.string())
    .optional()
    .describe(
      "Internal: set by the Integration class on a `primary: true` resource: the identifiers the " +
        "deployment declares for its channel and environment (resource/primary-peers.ts). Never diffed.",
    ),
  __ledgerEntry: z
    .strictObject({ key: z.string(), preexisting: z.array(z.string()) })
    .optional()
    .describe("Internal: this resource's entry in the stack's ledger (planning/ledger.ts). Never part of a diff."),
  __urn: z
    .string()
    .optional()
    .describe("Internal: the resource's URN, which the dynamic host does not pass, so its warnings are shown under it (dynamic/runtime.ts). Never part of a diff."),
});

/**
 * Inputs the dynamic Integration class sets itself: not part of any public argument type, and not
 * in the Pulumi package schema. The native provider has none of them.
 */
export const INTERNAL_INPUTS = ["__primaryClaimConflict", "__plaintextNovuKey", "__declaredPrimaryPeers", "__ledgerEntry", "__urn"] as const;
export type InternalInput = (typeof INTERNAL_INPUTS)[number];

/**
 * Inputs that default to the resource's name when unset: the dynamic Integration class sets it, the
 * native provider takes it from the URN (so YAML programs get the same default).
 */
export const NAME_DEFAULTED_INPUTS = ["identifier"] as const;

/**
 * The inputs with NAME_DEFAULTED_INPUTS filled in from the resource's name where unset (undefined
 * or null): so a retried create or an adoption finds the same integration. The one place that
 * decides it, for the dynamic class, the native provider, stack config and `pulumi-novu recover`.
 */
export function withNameDefaults<T extends Record<string, unknown>>(bag: T, name: string): T & Record<(typeof NAME_DEFAULTED_INPUTS)[number], unknown> {
  const out: Record<string, unknown> = { ...bag };
  for (const key of NAME_DEFAULTED_INPUTS) if (out[key] === undefined || out[key] === null) out[key] = name;
  return out as T & Record<(typeof NAME_DEFAULTED_INPUTS)[number], unknown>;
}

/** Inputs secret as a whole, in inputs, outputs and state (the signing key: SECRET_CONFIGURATION_KEYS). */
export const SECRET_INPUTS = ["credentials"] as const;

/** What the user may write (defaults optional). */
export type IntegrationInputsIn = z.input<typeof integrationInputsSchema>;
/** What the provider works with after defaults are applied. */
export type IntegrationInputs = z.output<typeof integrationInputsSchema>;
