/**
 * Integration conditions (Novu's StepFilter). The server stores them as sent without validating
 * their contents, so this schema is the only thing standing between a typo and a routing rule that
 * silently never matches. A `title` names a schema as a type in the Pulumi package schema
 * (native/schema.ts); every field's documentation is its `.describe(...)` text.
 */
import { z } from "zod";

export const FILTER_OPERATORS = [
  "LARGER", "SMALLER", "LARGER_EQUAL", "SMALLER_EQUAL", "EQUAL", "NOT_EQUAL", "ALL_IN", "ANY_IN",
  "NOT_IN", "BETWEEN", "NOT_BETWEEN", "LIKE", "NOT_LIKE", "IN",
] as const;
export const FILTER_TYPES = ["BOOLEAN", "TEXT", "DATE", "NUMBER", "STATEMENT", "LIST", "MULTI_LIST", "GROUP"] as const;
export const FILTER_ON = ["tenant", "subscriber", "payload"] as const;

export const filterOperatorSchema = z.enum(FILTER_OPERATORS).meta({ title: "FilterOperator", description: "How a rule compares its field with its value." });
export const filterOnSchema = z.enum(FILTER_ON).meta({ title: "FilterOn", description: "What a rule's field belongs to." });
export const filterTypeSchema = z.enum(FILTER_TYPES).meta({ title: "FilterType", description: "Novu's filter type: the kind of value a condition compares." });
export const filterGroupValueSchema = z.enum(["AND", "OR"]).meta({ title: "FilterGroupValue", description: "How the rules of a condition combine." });

export const filterPartSchema = z
  .strictObject({
    field: z.string().min(1).describe("The key compared, e.g. `identifier` (of the tenant)."),
    value: z.string().describe("The value `field` is compared with, as a string."),
    operator: filterOperatorSchema.describe("How `field` is compared with `value`."),
    on: filterOnSchema.describe(
      "What `field` belongs to. Integrations are routed by `tenant` at send time; `subscriber` and `payload` are accepted as documented on Novu's API pages.",
    ),
  })
  .meta({ title: "FilterPart", description: "One rule of a condition: `field` of `on` compared with `value` by `operator`." });

export const conditionSchema = z
  .strictObject({
    isNegated: z.boolean().optional().describe("Negate the condition: it matches when its rules do not."),
    type: filterTypeSchema.optional().describe("The kind of value the rules compare."),
    value: filterGroupValueSchema.optional().describe("How the rules combine: `AND` (all match) or `OR` (any matches)."),
    children: z.array(filterPartSchema).max(100).describe("The rules of the condition (at most 100)."),
  })
  .meta({ title: "Condition", description: "A tenant routing condition (Novu's step filter): the integration is used when it matches." });

export const conditionsSchema = z.array(conditionSchema).max(50);

export type FilterPart = z.infer<typeof filterPartSchema>;
export type Condition = z.infer<typeof conditionSchema>;
