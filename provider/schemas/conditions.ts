/**
 * Integration conditions (Novu's StepFilter). The server stores them as sent without validating
 * their contents, so this schema is the only thing standing between a typo and a routing rule that
 * silently never matches.
 */
import { z } from "zod";

export const FILTER_OPERATORS = [
  "LARGER", "SMALLER", "LARGER_EQUAL", "SMALLER_EQUAL", "EQUAL", "NOT_EQUAL", "ALL_IN", "ANY_IN",
  "NOT_IN", "BETWEEN", "NOT_BETWEEN", "LIKE", "NOT_LIKE", "IN",
] as const;
export const FILTER_TYPES = ["BOOLEAN", "TEXT", "DATE", "NUMBER", "STATEMENT", "LIST", "MULTI_LIST", "GROUP"] as const;
/** Integrations are routed by tenant at send time; subscriber/payload are accepted as documented on Novu's API pages. */
export const FILTER_ON = ["tenant", "subscriber", "payload"] as const;

export const filterPartSchema = z.strictObject({
  field: z.string().min(1),
  value: z.string(),
  operator: z.enum(FILTER_OPERATORS),
  on: z.enum(FILTER_ON),
});

export const conditionSchema = z.strictObject({
  isNegated: z.boolean().optional(),
  type: z.enum(FILTER_TYPES).optional(),
  value: z.enum(["AND", "OR"]).optional(),
  children: z.array(filterPartSchema).max(100),
});

export const conditionsSchema = z.array(conditionSchema).max(50);

export type FilterPart = z.infer<typeof filterPartSchema>;
export type Condition = z.infer<typeof conditionSchema>;
