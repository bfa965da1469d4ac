/**
 * The current server's check of integration `rules` on PUT (§5.4 step 10; novuhq/novu
 * `apps/api/src/app/integrations/utils/assert-integration-rules.ts`): non-empty rules whose issues
 * are not empty → 400 with the issues joined by "; ". The issues are those of
 * `getIntegrationRulesIssues` (`libs/application-generic/src/utils/integration-conditions.ts`), in
 * its order and words: a pass over every node (one-key operations, allowed operators, allowed
 * variables), then QueryValidatorService's shape checks. Written out here rather than shared with
 * the provider, so the provider's own check is tested against an independent copy of the server.
 */
import { BadRequestError } from "./errors";

const COMPARISON_OPERATORS = ["==", "!=", ">", "<", ">=", "<=", "in", "startsWith", "endsWith"];
const UNARY_STRING_OPERATORS = ["isEmpty", "isNonEmpty"];
const RULE_OPERATORS = new Set([
  "and", "or", "!", ...COMPARISON_OPERATORS, ...UNARY_STRING_OPERATORS, "var", "contains", "doesNotContain", "doesNotBeginWith",
  "doesNotEndWith", "containsAny", "doesNotContainAny", "null", "notNull", "notIn",
]);
/** Writable namespaces; `payload.` is accepted only when evaluating rules saved before. */
const NAMESPACES = ["context.", "subscriber."];
const VARIABLES = [
  "context.tenant.id", "subscriber.subscriberId", "subscriber.email", "subscriber.phone", "subscriber.firstName", "subscriber.lastName",
  "subscriber.locale", "subscriber.data", "workflow.workflowId", "workflow.name", "workflow.description", "workflow.tags", "workflow.severity",
];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** `hasIntegrationRules`: `{}`, null and non-objects are "no rules" (stored as null). */
export function hasIntegrationRules(rules: unknown): rules is Json {
  return isObject(rules) && Object.keys(rules).length > 0;
}

export function assertValidIntegrationRules(rules: unknown): void {
  if (!hasIntegrationRules(rules)) return;
  const issues = integrationRulesIssues(rules);
  if (issues.length > 0) throw new BadRequestError(issues.join("; "));
}

export function integrationRulesIssues(logic: Json): string[] {
  // json-logic's is_logic: an object with exactly one key.
  if (Object.keys(logic).length !== 1) return ["Invalid integration conditions"];
  const issues: string[] = [];
  collectDisallowedOperatorIssues(logic, issues);
  validateNode(logic, issues);
  return issues;
}

function isAllowedVar(field: string): boolean {
  if (!field) return false;
  if (field === "subscriber.data") return true;
  return NAMESPACES.some((p) => field.startsWith(p) && field.length > p.length) || VARIABLES.includes(field);
}

function collectDisallowedOperatorIssues(node: unknown, issues: string[]): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) collectDisallowedOperatorIssues(item, issues);
    return;
  }
  const entries = Object.entries(node);
  if (entries.length !== 1) {
    issues.push(`Invalid rule node with ${entries.length} keys, expected a single operator`);
    return;
  }
  const [operator, value] = entries[0];
  if (!RULE_OPERATORS.has(operator)) {
    issues.push(`Unsupported operator "${operator}"`);
    return;
  }
  if (operator === "var") {
    if (!isAllowedVar(typeof value === "string" ? value : "")) issues.push("Value is not valid");
    return;
  }
  collectDisallowedOperatorIssues(value, issues);
}

// QueryValidatorService (libs/application-generic/src/services/query-parser/query-validator.service.ts).

const normalizeArrayNotation = (path: string) => path.replace(/\[(\d+)\]/g, ".$1");

function fieldReferenceIssue(field: unknown): string | undefined {
  if (!field || typeof field !== "object" || !("var" in field)) return "Invalid field reference in comparison";
  const raw = (field as { var: unknown }).var;
  const value = typeof raw === "string" ? raw : "";
  if (value === "subscriber.data") return undefined;
  const inNamespace = NAMESPACES.some((p) => value.startsWith(p) && value.length > p.length);
  const inVariables = VARIABLES.map(normalizeArrayNotation).includes(normalizeArrayNotation(value));
  return !value || (!inVariables && !inNamespace) ? "Value is not valid" : undefined;
}

function validateFieldReference(field: unknown, issues: string[]): void {
  const issue = fieldReferenceIssue(field);
  if (issue) issues.push(issue);
}

const operationIssue = (operator: string) => `Invalid operation structure for operator "${operator}"`;
const VALUE_REQUIRED = "Value is required";

function validateNode(node: unknown, issues: string[]): void {
  if (!node || typeof node !== "object") {
    issues.push("Invalid node structure");
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "and" || key === "or") {
      if (!Array.isArray(value)) issues.push(`Invalid logical operator "${key}" structure`);
      else for (const item of value) validateNode(item, issues);
    } else if (key === "!") {
      validateNode(value, issues);
    } else if (key === "in") {
      validateIn(value, issues);
    } else if (key === "containsAny" || key === "doesNotContainAny") {
      validateContainsAny(key, value, issues);
    } else if (UNARY_STRING_OPERATORS.includes(key)) {
      if (!Array.isArray(value) || value.length !== 1) issues.push(operationIssue(key));
      else validateFieldReference(value[0], issues);
    } else if (key === "<=" && Array.isArray(value) && value.length === 3) {
      validateFieldReference(value[1], issues);
      if (value[0] === undefined || value[0] === null || value[2] === undefined || value[2] === null) issues.push(VALUE_REQUIRED);
    } else if (COMPARISON_OPERATORS.includes(key)) {
      validateComparison(key, value, issues);
    } else if (key === "var" && !value) {
      issues.push("Field variable is required");
    }
  }
}

function validateComparison(operator: string, value: unknown, issues: string[]): void {
  if (!Array.isArray(value) || value.length !== 2) {
    issues.push(operationIssue(operator));
    return;
  }
  const [field, compared] = value;
  validateFieldReference(field, issues);
  const emptyMatters = ["==", "!=", "<", ">", "<=", ">=", "startsWith", "endsWith"].includes(operator);
  if (((compared === undefined || compared === "") && emptyMatters) || (compared === null && operator !== "==" && operator !== "!=")) {
    issues.push(VALUE_REQUIRED);
  }
}

function validateIn(value: unknown, issues: string[]): void {
  if (!Array.isArray(value) || value.length !== 2) {
    issues.push(operationIssue("in"));
    return;
  }
  const [first, second] = value;
  const notVar = (v: unknown) => !v || typeof v !== "object" || !("var" in v);
  if (typeof first === "string") {
    // `["text", {"var": …}]`: "contains".
    if (first === "") issues.push(VALUE_REQUIRED);
    if (notVar(second)) issues.push("Invalid field reference in comparison");
  } else {
    if (notVar(first)) issues.push("Invalid field reference in comparison");
    if (second === undefined || second === null || (Array.isArray(second) && second.length === 0)) issues.push(VALUE_REQUIRED);
  }
}

function validateContainsAny(operator: string, value: unknown, issues: string[]): void {
  if (!Array.isArray(value) || value.length !== 2) {
    issues.push(operationIssue(operator));
    return;
  }
  const [field, compared] = value;
  validateFieldReference(field, issues);
  if (isObject(compared) && "var" in compared) {
    validateFieldReference(compared, issues);
    return;
  }
  if (compared === undefined || compared === null || (Array.isArray(compared) && compared.length === 0)) issues.push(VALUE_REQUIRED);
}
