/**
 * The inputs of an `Integration` resource, as the dynamic provider receives them (plain values,
 * secrets already unwrapped). The public args type in resource/integration.ts is derived from this.
 */
import { z } from "zod";
import { channelSchema } from "./channel";
import { conditionsSchema } from "./conditions";
import { configurationsSchema } from "./configurations";
import { credentialsSchema } from "./credentials";

export const OBJECT_ID = /^[0-9a-f]{24}$/;

/** Prints as nothing: whitespace, and format characters such as zero-width spaces and joiners. */
const INVISIBLE = /^[\s\p{Cf}]*$/u;

export const integrationInputsSchema = z.strictObject({
  /** Novu provider id from its catalogue, e.g. `sendgrid`, `twilio`, `slack`. Changing it replaces the integration. */
  providerId: z.string().min(1).max(100),
  /** `in_app`, `email`, `sms`, `chat` or `push`. Changing it replaces the integration. */
  channel: channelSchema,
  /** Display name. Defaults to the provider's display name in Novu's catalogue. */
  name: z
    .string()
    .min(1)
    .max(256)
    .regex(/^\P{Cc}*$/u, "must not contain control characters (newlines, tabs, …)")
    .refine((name) => !INVISIBLE.test(name), "must not be blank")
    .optional(),
  /** Stable, unique key of the integration. Defaults to the Pulumi resource name, so retries and adoption find it. */
  identifier: z.string().min(1).max(256).regex(/^[A-Za-z0-9_.:-]+$/, "may only contain letters, digits, '-', '_', '.' and ':'"),
  /** Environment to create it in. Defaults to the environment of the API key. Changing it replaces the integration. */
  environmentId: z.string().regex(OBJECT_ID, "must be a 24-character hex ObjectId").optional(),
  /** Whether Novu may send through it. Defaults to true. */
  active: z.boolean().default(true),
  /** Make it the primary of its channel (email and sms only); Novu then activates it and clears its conditions. */
  primary: z.boolean().default(false),
  /** Provider credentials. Secret; write-only on current Novu servers, so their drift cannot be seen. */
  credentials: credentialsSchema.default({}),
  /**
   * Provider settings beside the credentials (`inboundWebhookEnabled`, `inboundWebhookSigningKey`,
   * `configurationSetName`, `inboxCount`), the ones the provider's catalogue entry has. Unset: left as
   * Novu has them. Set: Novu's are replaced by exactly these (`{}` clears them). The signing key is secret.
   */
  configurations: configurationsSchema.optional(),
  /** Tenant routing conditions. Incompatible with `primary` (Novu clears them on set-primary). */
  conditions: conditionsSchema.default([]),
  /** Ask Novu to verify the credentials on write (Novu does so only for email, by sending a test email). */
  check: z.boolean().default(false),
  /** Documented on Novu's update API but ignored by current servers: accepted, with a warning. */
  removeNovuBranding: z.boolean().optional(),
  /** Take over an existing integration with the same identifier instead of failing with 409. */
  adopt: z.boolean().default(false),
  /**
   * Whether deleting the resource (`pulumi destroy`, removing it from the program, a replacement)
   * may delete an integration it adopted. Default false: an adopted integration existed before the
   * stack and is left in Novu. Integrations the stack created are deleted either way.
   */
  deleteAdopted: z.boolean().default(false),
  /** Internal: set by the Integration class when another resource of the program claims the same primary. */
  primaryClaimConflict: z.string().optional(),
  /** Internal: set by the Integration class when `novu:secretKey` is plain text in stack config. */
  plaintextNovuKey: z.string().optional(),
  /**
   * Internal: set by the Integration class on a `primary: true` resource: the identifiers the
   * deployment declares for its channel and environment (resource/primary-peers.ts). Never diffed.
   */
  declaredPrimaryPeers: z.array(z.string()).optional(),
  /** Internal: this resource's entry in the stack's ledger (planning/ledger.ts). Never part of a diff. */
  ledgerEntry: z.strictObject({ key: z.string(), preexisting: z.array(z.string()) }).optional(),
});

/** Inputs the Integration class sets itself; not part of its public arguments. */
export const INTERNAL_INPUTS = ["primaryClaimConflict", "declaredPrimaryPeers"] as const;

/** What the user may write (defaults optional). */
export type IntegrationInputsIn = z.input<typeof integrationInputsSchema>;
/** What the provider works with after defaults are applied. */
export type IntegrationInputs = z.output<typeof integrationInputsSchema>;
