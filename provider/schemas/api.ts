/**
 * Novu API payloads as the provider reads them. Parsing is lenient on purpose (unknown fields are
 * stripped, optional ones defaulted): the same client must work against Novu Cloud, self-hosted
 * servers of several generations and the emulator.
 */
import { z } from "zod";

export const apiConditionSchema = z.looseObject({
  isNegated: z.boolean().optional(),
  type: z.string().optional(),
  value: z.string().optional(),
  children: z.array(z.looseObject({ field: z.string(), value: z.unknown(), operator: z.string(), on: z.string() })).default([]),
});

export const integrationResponseSchema = z.looseObject({
  _id: z.string(),
  _environmentId: z.string(),
  _organizationId: z.string(),
  providerId: z.string(),
  channel: z.string(),
  name: z.string(),
  identifier: z.string(),
  active: z.boolean(),
  primary: z.boolean().default(false),
  priority: z.number().default(0),
  deleted: z.boolean().default(false),
  conditions: z.array(apiConditionSchema).default([]),
  credentials: z.record(z.string(), z.unknown()).optional(),
  /** Absent when empty; current servers leave out `inboundWebhookSigningKey`. */
  configurations: z.record(z.string(), z.unknown()).optional(),
  /** Current servers: JSONLogic routing rules, null (or absent on older servers) when there are none. */
  rules: z.record(z.string(), z.unknown()).nullable().optional(),
});

export type IntegrationResponse = z.infer<typeof integrationResponseSchema>;

/**
 * What names any listed integration, whatever else it holds: enough to say which one was skipped
 * and why, even when the rest of it is a shape we do not know.
 */
export const listedItemSchema = z.looseObject({
  _id: z.string().optional(),
  _environmentId: z.string().optional(),
  identifier: z.string().optional(),
  providerId: z.string().optional(),
  channel: z.string().optional(),
  kind: z.string().optional(),
  deleted: z.boolean().optional(),
});

/** A listed integration pulumi-novu cannot declare (an agent, a channel it does not know, a shape it cannot read). */
export interface UnmanageableIntegration {
  readonly integrationId?: string;
  readonly environmentId?: string;
  readonly identifier?: string;
  readonly providerId?: string;
  /** Why it cannot be managed, as a clause: `it is an "agent"-kind integration; …`. */
  readonly reason: string;
}

/** `GET /v1/integrations`, split: what can be managed, and what is listed but cannot be (never a failure). */
export interface IntegrationListing {
  readonly integrations: IntegrationResponse[];
  readonly unmanageable: UnmanageableIntegration[];
}

/** `GET /v1/environments/me`: the key's environment (the real answer carries more; only these are read). */
export const environmentResponseSchema = z.object({
  _id: z.string(),
  name: z.string(),
  _organizationId: z.string(),
});
export type EnvironmentResponse = z.infer<typeof environmentResponseSchema>;

/** The body of a Novu error response (Nest exception filter). */
export const errorBodySchema = z.looseObject({
  statusCode: z.number().optional(),
  message: z.union([z.string(), z.array(z.string())]).optional(),
  error: z.string().optional(),
  errors: z.record(z.string(), z.looseObject({ messages: z.array(z.string()).optional() })).optional(),
});

export const createBodySchema = z.object({
  providerId: z.string(),
  channel: z.string(),
  name: z.string().optional(),
  identifier: z.string(),
  _environmentId: z.string().optional(),
  active: z.boolean(),
  check: z.boolean(),
  credentials: z.record(z.string(), z.unknown()),
  conditions: z.array(z.unknown()).optional(),
  configurations: z.record(z.string(), z.unknown()).optional(),
  /** Null clears them (PUT). */
  rules: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type CreateBody = z.infer<typeof createBodySchema>;

export type UpdateBody = Partial<Pick<CreateBody, "name" | "identifier" | "active" | "check" | "credentials" | "conditions" | "configurations" | "rules">>;
