/**
 * The global `ValidationPipe` of the real server (§3.3, §5.3 step 1, §5.4 step 1): checks a request
 * body against the create/update DTOs and answers 422 with class-validator's own messages, so that
 * clients see exactly what Novu would say. Unknown body properties are accepted and ignored (no
 * `whitelist`), and credentials are reduced to the known key list (Mongoose strict mode).
 */
import {
  BOOLEAN_CREDENTIAL_KEYS,
  CHANNELS,
  CREDENTIAL_KEYS,
  ENUM_CREDENTIAL_KEYS,
  KINDS,
  OBJECT_CREDENTIAL_KEYS,
  type Kind,
} from "./catalogue";
import { DtoValidationError } from "./errors";
import { isObjectId } from "./ids";

type Json = Record<string, unknown>;

/** A validated `CreateIntegrationRequestDto`; `undefined` means "not sent" (null counts as not sent: `IsOptional`). */
export interface CreateIntegrationInput {
  readonly providerId: string;
  readonly channel?: string;
  readonly kind?: Kind;
  readonly name?: string;
  readonly identifier?: string;
  readonly environmentId?: string;
  readonly credentials?: Json;
  readonly active?: boolean;
  readonly check?: boolean;
  readonly conditions?: readonly Json[];
  readonly configurations?: Json;
  readonly rules?: Json | null;
}

/** A validated `UpdateIntegrationRequestDto`. `providerId`, `channel` and `kind` cannot change and are ignored. */
export interface UpdateIntegrationInput {
  readonly name?: string;
  readonly identifier?: string;
  readonly environmentId?: string;
  readonly active?: boolean;
  readonly credentials?: Json;
  readonly check?: boolean;
  readonly conditions?: readonly Json[];
  readonly configurations?: Json;
  /** `null` = sent as null (clears the rules); `undefined` = not sent. */
  readonly rules?: Json | null;
}

export function validateCreateBody(body: unknown): CreateIntegrationInput {
  const dto = asObject(body);
  const errors: string[] = [];

  const providerId = required(dto, "providerId", errors, isString, "must be a string");
  const kind = optional(dto, "kind", errors, isOneOf(KINDS), enumMessage(KINDS));
  // The current server made `channel` optional for agent integrations; a delivery integration
  // without a channel is rejected as the 2026-04 server did.
  const channel =
    kind === "agent"
      ? optional(dto, "channel", errors, isOneOf(CHANNELS), enumMessage(CHANNELS))
      : required(dto, "channel", errors, isOneOf(CHANNELS), enumMessage(CHANNELS));
  const common = validateCommonFields(dto, errors);

  if (errors.length > 0) throw new DtoValidationError(errors);
  return { providerId: providerId as string, channel, kind, ...common };
}

export function validateUpdateBody(body: unknown): UpdateIntegrationInput {
  const dto = asObject(body);
  const errors: string[] = [];
  const common = validateCommonFields(dto, errors);
  if (errors.length > 0) throw new DtoValidationError(errors);
  return common;
}

function validateCommonFields(dto: Json, errors: string[]): UpdateIntegrationInput {
  const name = optional(dto, "name", errors, isString, "must be a string");
  const identifier = optional(dto, "identifier", errors, isString, "must be a string");
  const environmentId = optional(dto, "_environmentId", errors, isObjectId, "must be a mongodb id");
  const credentials = validateCredentials(dto.credentials, errors);
  const active = optional(dto, "active", errors, isBoolean, "must be a boolean value");
  const check = optional(dto, "check", errors, isBoolean, "must be a boolean value");
  const conditions = validateConditions(dto.conditions, errors);
  const configurations = optional(dto, "configurations", errors, isPlainObject, "must be an object");
  let rules: Json | null | undefined;
  if (dto.rules === null) rules = null;
  else rules = optional(dto, "rules", errors, isPlainObject, "must be an object");
  return { name, identifier, environmentId, credentials, active, check, conditions, configurations, rules };
}

/** `@ValidateNested() @Type(() => CredentialsDto)`: per-key type checks, then unknown keys dropped. */
function validateCredentials(value: unknown, errors: string[]): Json | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    errors.push("nested property credentials must be either object or array");
    return undefined;
  }
  const result: Json = {};
  for (const key of CREDENTIAL_KEYS) {
    let item = value[key];
    // IsOptional: null and undefined skip validation. Null values are not kept, because Novu's
    // encryption and the SDK's parser both expect a value for a present key.
    if (item === undefined || item === null) continue;
    if (BOOLEAN_CREDENTIAL_KEYS.includes(key)) {
      // TransformToBoolean runs before validation.
      if (item === "true") item = true;
      else if (item === "false") item = false;
      if (!isBoolean(item)) errors.push(`credentials.${key} must be a boolean value`);
    } else if (OBJECT_CREDENTIAL_KEYS.includes(key)) {
      if (!isPlainObject(item)) errors.push(`credentials.${key} must be an object`);
    } else if (ENUM_CREDENTIAL_KEYS[key]) {
      const allowed = ENUM_CREDENTIAL_KEYS[key];
      if (!allowed.includes(item as string)) errors.push(`credentials.${key} ${enumMessage(allowed)}`);
    } else if (!isString(item)) {
      errors.push(`credentials.${key} must be a string`);
    }
    result[key] = item;
  }
  return result;
}

/** `@IsArray() @ValidateNested({each: true})` without `@Type`: only "is it an array of objects". */
function validateConditions(value: unknown, errors: string[]): Json[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    errors.push("conditions must be an array");
    return undefined;
  }
  if (!value.every(isPlainObject)) {
    errors.push("each value in nested property conditions must be either object or array");
    return undefined;
  }
  return value as Json[];
}

// ---- class-validator helpers ---------------------------------------------------------------------

function required<T>(dto: Json, key: string, errors: string[], test: (v: unknown) => v is T, message: string): T | undefined {
  const value = dto[key];
  if (value === undefined || value === null) {
    // IsDefined fails, and without IsOptional the type validator runs (and fails) too.
    errors.push(`${key} should not be null or undefined`, `${key} ${message}`);
    return undefined;
  }
  if (!test(value)) {
    errors.push(`${key} ${message}`);
    return undefined;
  }
  return value;
}

function optional<T>(dto: Json, key: string, errors: string[], test: (v: unknown) => v is T, message: string): T | undefined {
  const value = dto[key];
  if (value === undefined || value === null) return undefined;
  if (!test(value)) {
    errors.push(`${key} ${message}`);
    return undefined;
  }
  return value;
}

function enumMessage(values: readonly string[]): string {
  return `must be one of the following values: ${values.join(", ")}`;
}

function isOneOf<T extends string>(values: readonly T[]): (v: unknown) => v is T {
  return (v: unknown): v is T => typeof v === "string" && (values as readonly string[]).includes(v);
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === "boolean";
}

/** class-validator's `isObject`: not null, not an array. */
export function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON body that is not an object (an array, a string) validates as if it were empty. */
function asObject(body: unknown): Json {
  return isPlainObject(body) ? body : {};
}
