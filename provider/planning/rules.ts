/**
 * Preview-time validation of `rules` against what Novu's current server accepts on write (PUT
 * answers 400 with `getIntegrationRulesIssues`'s messages joined by "; "). Novu's messages name no
 * place ("Value is not valid"); these name the JSON path inside `rules` and the offending operator
 * or variable. Pure; the walk follows Novu's two passes:
 *
 * 1. every node, anywhere: an operation is an object with exactly one key, that key an operator of
 *    RULE_OPERATORS, and every `var` a string in the allowlist (schemas/rules.ts);
 * 2. the shapes Novu's QueryValidatorService checks, on the nodes it visits (the root, the items of
 *    `and`/`or`, the operand of `!`): comparisons are `[{"var": …}, value]`, `in` is
 *    `[{"var": …}, [..]]` or `["text", {"var": …}]`, `isEmpty` is `[{"var": …}]`, and so on.
 */
import {
  hasRules,
  RULE_COMPARISON_OPERATORS,
  RULE_NAMESPACES,
  RULE_OPERATORS,
  RULE_VARIABLES,
  RULE_UNARY_OPERATORS,
} from "../schemas/rules";

export type RulePath = readonly (string | number)[];

export interface RuleIssue {
  /** Path inside the `rules` object. */
  readonly path: RulePath;
  /** What is wrong there, naming the operator or variable; never quoting a compared value. */
  readonly reason: string;
}

const WORKFLOW_VARIABLES = RULE_VARIABLES.filter((v) => v.startsWith("workflow.")).map((v) => v.slice("workflow.".length));
const ALLOWED_VARIABLES_HINT = `use subscriber.* (e.g. subscriber.email, subscriber.data.plan), context.* (e.g. context.tenant.id) or workflow.{${WORKFLOW_VARIABLES.join(",")}}`;

/** `rules.and[1]["=="][0].var`: keys that are identifiers after a dot, others quoted in brackets. */
export function rulePathText(path: RulePath): string {
  return path.reduce<string>((text, seg) => {
    if (typeof seg === "number") return `${text}[${seg}]`;
    return /^[A-Za-z_$][\w$]*$/.test(seg) ? `${text}.${seg}` : `${text}[${JSON.stringify(seg)}]`;
  }, "rules");
}

export function isAllowedRuleVariable(name: string): boolean {
  if (name === "subscriber.data") return true;
  if (RULE_NAMESPACES.some((prefix) => name.startsWith(prefix) && name.length > prefix.length)) return true;
  return (RULE_VARIABLES as readonly string[]).includes(name);
}

/** Everything Novu would refuse in `rules`; empty for `{}`/null (no rules) and for rules it accepts. */
export function ruleIssues(rules: unknown): RuleIssue[] {
  if (!hasRules(rules)) return [];
  const issues: RuleIssue[] = [];
  walk(rules, [], issues);
  checkShape(rules, [], issues);
  return issues;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Pass 1: operators and variables, at every depth. */
function walk(node: unknown, path: RulePath, issues: RuleIssue[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, [...path, i], issues));
    return;
  }
  if (!isObject(node)) return;
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    issues.push({ path, reason: `is an object with ${keys.length} keys; a JSONLogic operation has exactly one, its operator` });
    return;
  }
  const [operator] = keys;
  const operand = node[operator];
  if (!(RULE_OPERATORS as readonly string[]).includes(operator)) {
    issues.push({ path: [...path, operator], reason: `operator "${operator}" is refused by Novu in integration rules; it accepts ${RULE_OPERATORS.join(" ")}` });
    return;
  }
  if (operator === "var") {
    if (typeof operand !== "string" || operand === "") {
      issues.push({ path: [...path, "var"], reason: 'must name one variable as a string, e.g. {"var": "subscriber.email"} (Novu refuses other forms of var)' });
    } else if (!isAllowedRuleVariable(operand)) {
      const why = /^(payload|tenant)(\.|$)/.test(operand) ? ` (${operand.split(".")[0]}.* is no longer writable)` : "";
      issues.push({ path: [...path, "var"], reason: `variable "${operand}" is refused by Novu in integration rules${why}; ${ALLOWED_VARIABLES_HINT}` });
    }
    return;
  }
  walk(operand, [...path, operator], issues);
}

/** Pass 2: the shape of the operations Novu's query validator visits. Variables were judged by pass 1. */
function checkShape(node: unknown, path: RulePath, issues: RuleIssue[]): void {
  if (!node || typeof node !== "object") {
    issues.push({ path, reason: "must be a rule (a JSONLogic operation), not a plain value" });
    return;
  }
  if (Array.isArray(node) || Object.keys(node).length !== 1) return;
  const [operator, operand] = Object.entries(node)[0];
  const at = [...path, operator];
  const fieldRef = (value: unknown, where: RulePath) => {
    if (!isObject(value) || !("var" in value)) issues.push({ path: where, reason: `must be a variable reference, e.g. {"var": "subscriber.email"}, as Novu's "${operator}" compares a variable` });
  };
  const needsValue = (where: RulePath): void => {
    issues.push({ path: where, reason: "needs a value to compare with" });
  };
  const shape = (expected: string): void => {
    issues.push({ path: at, reason: `takes ${expected}` });
  };

  if (operator === "and" || operator === "or") {
    if (!Array.isArray(operand)) return shape("a list of rules");
    operand.forEach((item, i) => checkShape(item, [...at, i], issues));
  } else if (operator === "!") {
    checkShape(operand, at, issues);
  } else if (operator === "in") {
    if (!Array.isArray(operand) || operand.length !== 2) return shape('[{"var": …}, [values]] or ["text", {"var": …}]');
    const [first, second] = operand;
    if (typeof first === "string") {
      if (first === "") needsValue([...at, 0]);
      fieldRef(second, [...at, 1]);
    } else {
      fieldRef(first, [...at, 0]);
      if (second === undefined || second === null || (Array.isArray(second) && second.length === 0)) needsValue([...at, 1]);
    }
  } else if (operator === "containsAny" || operator === "doesNotContainAny") {
    if (!Array.isArray(operand) || operand.length !== 2) return shape('[{"var": …}, [values]]');
    fieldRef(operand[0], [...at, 0]);
    const value = operand[1];
    if (!isObject(value) || !("var" in value)) {
      if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) needsValue([...at, 1]);
    }
  } else if ((RULE_UNARY_OPERATORS as readonly string[]).includes(operator)) {
    if (!Array.isArray(operand) || operand.length !== 1) return shape('[{"var": …}]');
    fieldRef(operand[0], [...at, 0]);
  } else if (operator === "<=" && Array.isArray(operand) && operand.length === 3) {
    // Novu's "between": [low, {"var": …}, high].
    fieldRef(operand[1], [...at, 1]);
    if (operand[0] === undefined || operand[0] === null) needsValue([...at, 0]);
    if (operand[2] === undefined || operand[2] === null) needsValue([...at, 2]);
  } else if ((RULE_COMPARISON_OPERATORS as readonly string[]).includes(operator)) {
    if (!Array.isArray(operand) || operand.length !== 2) return shape('[{"var": …}, value]');
    const [field, value] = operand;
    fieldRef(field, [...at, 0]);
    const missing = (value === undefined || value === "") || (value === null && operator !== "==" && operator !== "!=");
    if (missing) needsValue([...at, 1]);
  }
}
