/**
 * Mongoose's schema casting of the nested `conditions` and `configurations` fields (§4.1): values
 * of the wrong shape fail with a 400 that carries Mongoose's message (the controller's `catch` for
 * `Integration validation failed` / `Cast to embedded`), unknown keys are dropped, and scalars are
 * coerced the way Mongoose coerces them.
 */
import { CONFIGURATION_FIELDS } from "./catalogue";
import { BadRequestError } from "./errors";
import type { StoredCondition, StoredFilterPart } from "./schemas";
import { isPlainObject } from "./validation";

type Json = Record<string, unknown>;

class CastFailure extends Error {
  override name = "CastFailure";
}

export function castConditions(raw: readonly Json[], newId: () => string): StoredCondition[] {
  return raw.map((condition, index) => {
    try {
      return castCondition(condition, newId);
    } catch (error) {
      if (error instanceof CastFailure) {
        throw new BadRequestError(`Integration validation failed: conditions.${index}.${error.message}`);
      }
      throw error;
    }
  });
}

function castCondition(condition: Json, newId: () => string): StoredCondition {
  const stored: StoredCondition = { _id: newId(), children: castChildren(condition.children, newId) };
  const isNegated = castBoolean(condition.isNegated, "isNegated");
  if (isNegated !== undefined) stored.isNegated = isNegated;
  const type = castString(condition.type, "type");
  if (type !== undefined) stored.type = type;
  const value = castString(condition.value, "value");
  if (value !== undefined) stored.value = value;
  return stored;
}

function castChildren(children: unknown, newId: () => string): StoredFilterPart[] {
  if (children === undefined || children === null) return [];
  // Mongoose wraps a single subdocument into an array.
  const list = Array.isArray(children) ? children : isPlainObject(children) ? [children] : undefined;
  if (!list || !list.every(isPlainObject)) {
    throw new CastFailure(`children: Cast to embedded failed for value ${describe(children)} at path "children"`);
  }
  return list.map((child) => {
    const part: StoredFilterPart = { _id: newId() };
    const field = castString(child.field, "children.field");
    if (field !== undefined) part.field = field;
    // `value` is Mixed: stored as sent.
    if (child.value !== undefined) part.value = child.value;
    const operator = castString(child.operator, "children.operator");
    if (operator !== undefined) part.operator = operator;
    const on = castString(child.on, "children.on");
    if (on !== undefined) part.on = on;
    return part;
  });
}

/** Keeps the four schema keys of `configurations`, cast to their types; drops the rest. */
export function castConfigurations(raw: Json): Json {
  const result: Json = {};
  for (const [key, type] of Object.entries(CONFIGURATION_FIELDS)) {
    try {
      const value = type === "boolean" ? castBoolean(raw[key], key) : castString(raw[key], key);
      if (value !== undefined) result[key] = value;
    } catch (error) {
      if (error instanceof CastFailure) {
        throw new BadRequestError(`Integration validation failed: configurations.${error.message}`);
      }
      throw error;
    }
  }
  return result;
}

const TRUE_VALUES: readonly unknown[] = [true, "true", 1, "1", "yes"];
const FALSE_VALUES: readonly unknown[] = [false, "false", 0, "0", "no"];

function castBoolean(value: unknown, path: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (TRUE_VALUES.includes(value)) return true;
  if (FALSE_VALUES.includes(value)) return false;
  throw new CastFailure(`${path}: Cast to Boolean failed for value ${describe(value)} at path "${lastSegment(path)}"`);
}

function castString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new CastFailure(`${path}: Cast to string failed for value ${describe(value)} at path "${lastSegment(path)}"`);
}

function describe(value: unknown): string {
  const type = Array.isArray(value) ? "Array" : typeof value;
  return `${JSON.stringify(value)} (type ${type})`;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}
