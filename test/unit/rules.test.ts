/** `rules`: checked at preview as Novu's current server checks them on write, planned only when changed, read back on refresh. */
import { checkIntegrationInputs } from "../../provider/planning/check";
import { declaredImportInputs, importedInputs } from "../../provider/planning/import";
import { planUpdate, rulesAfterCreate } from "../../provider/planning/plan";
import { ruleIssues } from "../../provider/planning/rules";
import { flatten, inputsOf, refreshed, stateOf, storedOutputs } from "../../provider/planning/state";
import { integrationResponseSchema } from "../../provider/schemas/api";
import { integrationInputsSchema } from "../../provider/schemas/integration-inputs";
import { readIntegrationsConfig } from "../../program/stack-config";
import { declaration } from "../../tools/generate/render";
import { integrationRulesIssues } from "../../emulator/rules";
import { SENDGRID_STATE } from "./fixtures";

const tenantIsAcme = { "==": [{ var: "context.tenant.id" }, "acme"] };
const sendgrid = { providerId: "sendgrid", channel: "email", identifier: "mail", credentials: { apiKey: "SG.x", from: "a@b.c", senderName: "Acme" } };
const reasons = (rules: unknown, over: Record<string, unknown> = {}) => checkIntegrationInputs({ ...sendgrid, rules, ...over }).failures.map((f) => f.reason);

describe("rules at preview", () => {
  it.each([
    ["a tenant id", tenantIsAcme],
    ["subscriber fields and data", { and: [{ "==": [{ var: "subscriber.locale" }, "fr"] }, { in: [{ var: "subscriber.data.plan" }, ["pro", "team"]] }] }],
    ["workflow fields", { or: [{ "==": [{ var: "workflow.workflowId" }, "welcome"] }, { containsAny: [{ var: "workflow.tags" }, ["billing"]] }] }],
    ["a negation and a unary operator", { "!": { isEmpty: [{ var: "subscriber.phone" }] } }],
    ["a between", { "<=": [1, { var: "subscriber.data.age" }, 9] }],
    ["no rules", {}],
    ["null", null],
  ])("accepts %s", (_, rules) => {
    expect(reasons(rules)).toEqual([]);
  });

  it("names the path and the variable of a payload rule Novu refuses on write", () => {
    expect(reasons({ and: [tenantIsAcme, { "==": [{ var: "payload.region" }, "eu"] }] })).toEqual([
      'rules.and[1]["=="][0].var: variable "payload.region" is refused by Novu in integration rules (payload.* is no longer writable); ' +
        "use subscriber.* (e.g. subscriber.email, subscriber.data.plan), context.* (e.g. context.tenant.id) or workflow.{workflowId,name,description,tags,severity}",
    ]);
  });

  it("refuses the old tenant.* variables and workflow fields outside the five", () => {
    expect(reasons({ "==": [{ var: "tenant.identifier" }, "acme"] })[0]).toMatch(/^rules\["=="\]\[0\]\.var: variable "tenant\.identifier" is refused .*\(tenant\.\* is no longer writable\)/);
    expect(reasons({ "==": [{ var: "workflow.internalField" }, "x"] })[0]).toMatch(/variable "workflow\.internalField" is refused/);
  });

  it("names an operator Novu does not store", () => {
    expect(reasons({ and: [{ "===": [{ var: "subscriber.email" }, "a@b.c"] }] })).toEqual([
      expect.stringMatching(/^rules\.and\[0\]\["==="\]: operator "===" is refused by Novu in integration rules; it accepts and or ! == /),
    ]);
  });

  it("names a node with more than one operator, and a var that is not a plain name", () => {
    expect(reasons({ "==": [{ var: "subscriber.email" }, "x"], "!=": [{ var: "subscriber.phone" }, "y"] })).toEqual([
      "rules: is an object with 2 keys; a JSONLogic operation has exactly one, its operator",
    ]);
    expect(reasons({ "==": [{ var: ["subscriber.email", "none"] }, "x"] })[0]).toMatch(/^rules\["=="\]\[0\]\.var: must name one variable as a string/);
  });

  it("checks the shapes Novu's validator checks: a field reference and a value to compare", () => {
    expect(reasons({ "==": ["subscriber.email", "x"] })).toEqual([
      'rules["=="][0]: must be a variable reference, e.g. {"var": "subscriber.email"}, as Novu\'s "==" compares a variable',
    ]);
    expect(reasons({ "==": [{ var: "subscriber.email" }, ""] })).toEqual(['rules["=="][1]: needs a value to compare with']);
    expect(reasons({ and: { "==": [{ var: "subscriber.email" }, "x"] } })).toEqual(["rules.and: takes a list of rules"]);
    expect(reasons({ isNonEmpty: [{ var: "subscriber.email" }, "x"] })).toEqual(['rules.isNonEmpty: takes [{"var": …}]']);
  });

  it("refuses rules declared with conditions, and rules on a primary", () => {
    const conditions = [{ children: [{ field: "identifier", value: "acme", operator: "EQUAL", on: "tenant" }] }];
    expect(reasons(tenantIsAcme, { conditions })).toEqual([
      "rules: cannot be declared with conditions: Novu ignores conditions once rules are set, and clears them; move the conditions into rules",
    ]);
    expect(reasons(tenantIsAcme, { primary: true })).toEqual([
      "rules: a primary integration cannot have rules: Novu un-sets the primary of an integration given rules",
    ]);
    // `{}` is "no rules": fine beside conditions and on a primary.
    expect(reasons({}, { conditions })).toEqual([]);
    expect(reasons({}, { primary: true })).toEqual([]);
  });

  it("refuses rules that are not an object", () => {
    expect(reasons("context.tenant.id == acme")[0]).toMatch(/^rules: /);
  });

  it.each([
    [{ notIn: [{ var: "subscriber.locale" }, ["de"]] }],
    [{ "!": [{ "==": [{ var: "payload.x" }, 1] }] }],
    [{ in: ["vip", { var: "subscriber.data.tags" }] }],
    [{ in: ["", { var: "subscriber.data.tags" }] }],
    [{ containsAny: [{ var: "workflow.tags" }, []] }],
    [{ "<=": [1, { var: "subscriber.data.age" }, null] }],
    [{ and: [true] }],
    [{ or: [{ "==": [{ var: "subscriber.email" }, null] }, { ">=": [{ var: "subscriber.data.n" }, null] }] }],
    [{ "==": [{ var: "" }, "x"] }],
    [{ if: [{ var: "subscriber.email" }, 1, 2] }],
  ])("refuses what the emulator's copy of Novu's server refuses, and only that: %j", (rules) => {
    expect(ruleIssues(rules).length > 0).toBe(integrationRulesIssues(rules).length > 0);
  });
});

describe("rules in stack config", () => {
  it("takes rules from an entry, and names the config path of a refused one", () => {
    const ok = readIntegrationsConfig({ mail: { ...sendgrid, rules: tenantIsAcme } });
    expect(ok.problems).toEqual([]);
    expect(ok.integrations[0]!.args.rules).toEqual(tenantIsAcme);
    const refused = readIntegrationsConfig({ mail: { ...sendgrid, rules: { "==": [{ var: "payload.region" }, "eu"] } } });
    expect(refused.problems).toEqual([expect.stringMatching(/^integrations\.mail\.rules\["=="\]\[0\]\.var: variable "payload\.region" is refused/)]);
  });
});

describe("rules in plans and state", () => {
  const desired = (over: Record<string, unknown> = {}) =>
    integrationInputsSchema.parse({ providerId: "sendgrid", channel: "email", identifier: SENDGRID_STATE.identifier, credentials: SENDGRID_STATE.credentials, ...over });
  const withRules = { ...SENDGRID_STATE, rules: tenantIsAcme, rulesManaged: true };

  it("sends nothing when rules are unset (not managed), whatever Novu has", () => {
    expect(planUpdate(withRules, desired()).changed).not.toContain("rules");
  });

  it("sends rules only when they differ from Novu's (key order aside)", () => {
    expect(planUpdate(SENDGRID_STATE, desired({ rules: tenantIsAcme })).body).toEqual({ rules: tenantIsAcme });
    expect(planUpdate(withRules, desired({ rules: { "==": [{ var: "context.tenant.id" }, "acme"] } })).body).toBeUndefined();
  });

  it("clears rules with null when the stack declares {} (or null), as Novu stores none", () => {
    expect(planUpdate(withRules, desired({ rules: {} })).body).toEqual({ rules: null });
    expect(planUpdate(withRules, desired({ rules: null })).body).toEqual({ rules: null });
    expect(planUpdate(SENDGRID_STATE, desired({ rules: {} })).body).toBeUndefined();
  });

  it("follows a create whose answer lacks the declared rules with a PUT of them (Novu's create does not store them)", () => {
    expect(rulesAfterCreate({}, desired({ rules: tenantIsAcme }))).toEqual({ rules: tenantIsAcme });
    expect(rulesAfterCreate({ rules: tenantIsAcme }, desired({ rules: tenantIsAcme }))).toBeUndefined();
    expect(rulesAfterCreate({}, desired({ rules: {} }))).toBeUndefined();
    expect(rulesAfterCreate({}, desired())).toBeUndefined();
  });

  it("records Novu's rules and whether the program manages them, under a bookkeeping name", () => {
    const response = integrationResponseSchema.parse({ ...SENDGRID_STATE, _id: "i", _environmentId: "e", _organizationId: "o", rules: tenantIsAcme });
    const state = flatten(response, desired({ rules: tenantIsAcme }));
    expect(state).toMatchObject({ rules: tenantIsAcme, rulesManaged: true });
    expect(storedOutputs(state)).toMatchObject({ rules: tenantIsAcme, __rulesManaged: true });
    expect(stateOf(storedOutputs(state)).rulesManaged).toBe(true);
  });

  it("reports rules changed in Novu at refresh, so the next preview shows the repair", () => {
    const changed = { "==": [{ var: "context.tenant.id" }, "globex"] };
    const response = integrationResponseSchema.parse({ ...SENDGRID_STATE, _id: "i", _environmentId: "e", _organizationId: "o", rules: changed });
    const after = refreshed(response, withRules);
    expect(inputsOf(after).rules).toEqual(changed);
    expect(planUpdate(after, desired({ rules: tenantIsAcme })).body).toEqual({ rules: tenantIsAcme });
    const cleared = refreshed(integrationResponseSchema.parse({ ...response, rules: null }), withRules);
    expect(inputsOf(cleared).rules).toEqual({});
  });

  it("declares Novu's rules on import and in generate", () => {
    const response = integrationResponseSchema.parse({ ...SENDGRID_STATE, _id: "i", _environmentId: "e", _organizationId: "o", rules: tenantIsAcme });
    expect(declaredImportInputs(importedInputs(response)).rules).toEqual(tenantIsAcme);
    expect(declaration(response).rules).toEqual(tenantIsAcme);
    const none = integrationResponseSchema.parse({ ...response, rules: null });
    expect(declaredImportInputs(importedInputs(none))).not.toHaveProperty("rules");
    expect(declaration(none)).not.toHaveProperty("rules");
  });
});
