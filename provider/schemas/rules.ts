/**
 * Integration routing `rules`: Novu's current routing model, a JSONLogic object that replaced the
 * deprecated `conditions` (which Novu ignores once rules are set). What the server accepts on write
 * is an allowlist, spelled out here once for check (planning/rules.ts) and the docs: the constants
 * follow novuhq/novu `@novu/shared` (INTEGRATION_CONDITION_NAMESPACES / _VARIABLES) and
 * `libs/application-generic` (`getIntegrationRulesIssues`, QueryValidatorService).
 */
import { z } from "zod";

/** Any variable under these prefixes is accepted (`subscriber.data.plan`, `context.tenant.id`, …). */
export const RULE_NAMESPACES = ["context.", "subscriber."] as const;

/** Variables accepted by name; `workflow.*` has only these five (no namespace). */
export const RULE_VARIABLES = [
  "context.tenant.id",
  "subscriber.subscriberId",
  "subscriber.email",
  "subscriber.phone",
  "subscriber.firstName",
  "subscriber.lastName",
  "subscriber.locale",
  "subscriber.data",
  "workflow.workflowId",
  "workflow.name",
  "workflow.description",
  "workflow.tags",
  "workflow.severity",
] as const;

/** Comparisons Novu's validator checks for a `[{var}, value]` shape. */
export const RULE_COMPARISON_OPERATORS = ["==", "!=", ">", "<", ">=", "<=", "in", "startsWith", "endsWith"] as const;
export const RULE_LOGICAL_OPERATORS = ["and", "or", "!"] as const;
export const RULE_UNARY_OPERATORS = ["isEmpty", "isNonEmpty"] as const;

/**
 * Every operator Novu stores in integration rules. Standard JSONLogic operators outside this set
 * (`if`, `map`, `+`, `log`, `===`, …) are refused on write, since Novu would still execute them.
 */
export const RULE_OPERATORS = [
  ...RULE_LOGICAL_OPERATORS,
  ...RULE_COMPARISON_OPERATORS,
  ...RULE_UNARY_OPERATORS,
  "var",
  "contains",
  "doesNotContain",
  "doesNotBeginWith",
  "doesNotEndWith",
  "containsAny",
  "doesNotContainAny",
  "null",
  "notNull",
  "notIn",
] as const;

/**
 * The `rules` input: one JSONLogic operation, e.g. `{"==": [{"var": "context.tenant.id"}, "acme"]}`.
 * `{}` (or null) means "no rules": Novu stores `rules: null`.
 */
export const rulesSchema = z.record(z.string(), z.unknown()).nullable();

export type Rules = Record<string, unknown>;

/** Whether rules say anything: Novu treats `{}`, null and absent alike ("no rules"). */
export function hasRules(rules: unknown): rules is Rules {
  return rules !== null && typeof rules === "object" && !Array.isArray(rules) && Object.keys(rules).length > 0;
}
