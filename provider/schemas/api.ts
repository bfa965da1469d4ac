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
});

export type IntegrationResponse = z.infer<typeof integrationResponseSchema>;

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
});
export type CreateBody = z.infer<typeof createBodySchema>;

export type UpdateBody = Partial<Pick<CreateBody, "name" | "identifier" | "active" | "check" | "credentials" | "conditions" | "configurations">>;
