/**
 * zod schemas for everything the emulator stores or accepts outside the Novu API itself: the stored
 * integration document, the state file, and the bodies of the `/__emulator/*` test controls.
 * (The Novu request DTOs are checked by `validation.ts`, because their error messages must be
 * class-validator's, word for word.)
 */
import { z } from "zod";
import { CHANNELS, KINDS } from "./catalogue";

export const objectIdSchema = z.string().regex(/^[0-9a-fA-F]{24}$/, "must be a 24-hex ObjectId");

/** A `children[]` element of a stored condition (Mongo subdocument, so it has its own `_id`). */
export const storedFilterPartSchema = z.object({
  _id: z.string(),
  field: z.string().optional(),
  value: z.unknown().optional(),
  operator: z.string().optional(),
  on: z.string().optional(),
});
export type StoredFilterPart = z.infer<typeof storedFilterPartSchema>;

export const storedConditionSchema = z.object({
  _id: z.string(),
  isNegated: z.boolean().optional(),
  type: z.string().optional(),
  value: z.string().optional(),
  children: z.array(storedFilterPartSchema),
});
export type StoredCondition = z.infer<typeof storedConditionSchema>;

/**
 * The stored integration document (§4.1). Credentials are kept in plain text here; the `nvsk.`
 * at-rest form is derived when shown (`present.ts`), which keeps the state readable for tests.
 */
export const storedIntegrationSchema = z.object({
  _id: objectIdSchema,
  _environmentId: objectIdSchema,
  _organizationId: objectIdSchema,
  providerId: z.string(),
  /** Absent only for `kind: "agent"` integrations (current server). */
  channel: z.string().optional(),
  kind: z.enum(KINDS),
  credentials: z.record(z.string(), z.unknown()),
  configurations: z.record(z.string(), z.unknown()).optional(),
  active: z.boolean(),
  name: z.string(),
  identifier: z.string(),
  priority: z.number(),
  primary: z.boolean(),
  conditions: z.array(storedConditionSchema),
  /** Current server: JSONLogic rules, or null once cleared. */
  rules: z.record(z.string(), z.unknown()).nullable().optional(),
  deleted: z.boolean(),
  deletedAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  __v: z.number(),
});
export type StoredIntegration = z.infer<typeof storedIntegrationSchema>;

export const environmentSchema = z.object({
  _id: objectIdSchema,
  name: z.string(),
  _organizationId: objectIdSchema,
});
export type Environment = z.infer<typeof environmentSchema>;

/** What `stateFile` holds. API keys are not persisted: they always come from the options. */
export const stateFileSchema = z.object({
  version: z.literal(1),
  organizationId: objectIdSchema,
  environments: z.array(environmentSchema).length(2),
  integrations: z.array(storedIntegrationSchema),
});
export type StateFile = z.infer<typeof stateFileSchema>;

// ---- test controls -----------------------------------------------------------------------------

const rawConditionSchema = z.record(z.string(), z.unknown());

/** `POST /__emulator/seed`: documents inserted as is, with no state-machine logic. */
export const seedIntegrationSchema = z
  .object({
    _id: objectIdSchema.optional(),
    _environmentId: objectIdSchema.optional(),
    providerId: z.string(),
    channel: z.enum(CHANNELS).optional(),
    kind: z.enum(KINDS).optional(),
    name: z.string().optional(),
    identifier: z.string().optional(),
    credentials: z.record(z.string(), z.unknown()).optional(),
    configurations: z.record(z.string(), z.unknown()).optional(),
    active: z.boolean().optional(),
    priority: z.number().int().optional(),
    primary: z.boolean().optional(),
    conditions: z.array(rawConditionSchema).optional(),
    rules: z.record(z.string(), z.unknown()).nullable().optional(),
    deleted: z.boolean().optional(),
    /** When Novu made it (ISO 8601); default now. Lets a test seed an integration made before a deployment. */
    createdAt: z.iso.datetime().optional(),
  })
  .strict();
export type SeedIntegration = z.infer<typeof seedIntegrationSchema>;

export const seedRequestSchema = z.object({ integrations: z.array(seedIntegrationSchema) }).strict();

/** `PATCH /__emulator/integrations/:id`: raw field changes, applied without any rule (out-of-band edits). */
export const integrationPatchSchema = seedIntegrationSchema
  .omit({ _id: true })
  .partial()
  .extend({ providerId: z.string().optional() })
  .strict();
export type IntegrationPatch = z.infer<typeof integrationPatchSchema>;

export const faultSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("status"), status: z.number().int().min(400).max(599), message: z.string().optional() }).strict(),
  z.object({ type: z.literal("rate-limit"), retryAfterSeconds: z.number().int().min(0) }).strict(),
  z.object({ type: z.literal("drop") }).strict(),
  z.object({ type: z.literal("delay"), ms: z.number().int().min(0).max(600_000) }).strict(),
  z.object({ type: z.literal("apply-then-drop") }).strict(),
  /** A proxy or server that quotes the request in its error: the message carries the body and every header. */
  z.object({ type: z.literal("echo"), status: z.number().int().min(400).max(599).default(400) }).strict(),
]);
export type Fault = z.infer<typeof faultSchema>;
export type FaultType = Fault["type"];

export const faultRuleInputSchema = z
  .object({
    /** HTTP method, or `*` for any. */
    method: z.string().min(1),
    /** Path pattern: literal segments, `:name` for one segment, a trailing `*` for the rest. */
    path: z.string().startsWith("/"),
    fault: faultSchema,
    /** Chance that a matching request is hit, drawn from the seeded PRNG. Default 1. */
    probability: z.number().min(0).max(1).optional(),
    /** How many requests to hit before the rule expires. Default: unlimited. */
    times: z.number().int().positive().optional(),
  })
  .strict();
/** What a caller sends (defaults optional). */
export type FaultRuleInput = z.input<typeof faultRuleInputSchema>;
/** A validated rule, defaults applied. */
export type FaultRuleSpec = z.infer<typeof faultRuleInputSchema>;

/** `PATCH /__emulator/settings`: server-side behaviours a test can switch at run time. */
export const settingsSchema = z
  .object({
    /** `fail` makes `check: true` on an email integration answer the provider-check 400. */
    emailCheck: z.enum(["pass", "fail"]),
    /** The `{success:false, code, message}` carried (as a JSON string) by the failing check. */
    emailCheckError: z.object({ code: z.string(), message: z.string() }).strict(),
    /** `false` simulates a server without Novu's own provider credentials (§5.3 step 4). */
    novuProviderCredentials: z.boolean(),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial().strict();

/** `POST /__emulator/environments/:environmentId/api-key`: the environment's new key. */
export const apiKeyRequestSchema = z.object({ apiKey: z.string().min(1).regex(/^\S+$/, "must not contain spaces") }).strict();

export const DEFAULT_SETTINGS: Settings = {
  emailCheck: "pass",
  emailCheckError: { code: "failed", message: "Email provider check failed (forced by the emulator)" },
  novuProviderCredentials: true,
};
