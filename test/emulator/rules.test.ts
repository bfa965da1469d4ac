/**
 * Routing `rules` on PUT (current server, §5.4 step 10): checked with the server's own 400 messages
 * (`getIntegrationRulesIssues` joined by "; "), stored and returned, clearing conditions when
 * non-empty, cleared to null by `{}` or null, and un-setting a primary as conditions do. The
 * current server's create use case does not store them.
 */
import { withEmulator, type EmulatorHandle } from "../helpers/emulator";
import { createIntegration, ranks, stored } from "./fixtures";

const emu = withEmulator({ resetBeforeEach: true });
const tenantIsAcme = { "==": [{ var: "context.tenant.id" }, "acme"] };
const tenantCondition = { children: [{ on: "tenant", field: "identifier", value: "acme", operator: "EQUAL" }] };

async function seedOne(target: EmulatorHandle, spec: Record<string, unknown>): Promise<string> {
  const [created] = await target.control.seed([{ _environmentId: target.environments.development.id, ...spec } as any]);
  return created._id;
}

const put = (id: string, body: unknown) => emu.api("PUT", `/v1/integrations/${id}`, body);

describe("rules on PUT", () => {
  it.each([
    ["a payload variable", { "==": [{ var: "payload.region" }, "eu"] }, "Value is not valid; Value is not valid"],
    ["a tenant variable", { and: [{ "==": [{ var: "tenant.identifier" }, "acme"] }] }, "Value is not valid; Value is not valid"],
    ["an operator outside the set", { "===": [{ var: "subscriber.email" }, "a@b.c"] }, 'Unsupported operator "==="'],
    ["two operators at the root", { "==": [{ var: "subscriber.email" }, "x"], "!=": [{ var: "subscriber.phone" }, "y"] }, "Invalid integration conditions"],
    ["a node of two keys", { and: [{ "==": [{ var: "subscriber.email" }, "x"], "!": true }] }, "Invalid rule node with 2 keys, expected a single operator; Invalid node structure"],
    ["a comparison without a field", { "==": ["subscriber.email", "x"] }, "Invalid field reference in comparison"],
    ["a comparison without a value", { ">": [{ var: "subscriber.data.age" }, null] }, "Value is required"],
    ["a malformed and", { and: { "==": [{ var: "subscriber.email" }, "x"] } }, 'Invalid logical operator "and" structure'],
  ])("answers 400 with the server's message for %s, changing nothing", async (_, rules, message) => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, conditions: [tenantCondition] });
    const response = await put(id, { rules, name: "Renamed" });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: "Bad Request", message });
    expect(await stored(emu, id)).toMatchObject({ name: expect.not.stringMatching("Renamed") });
  });

  it("stores and returns rules it accepts, clearing the conditions", async () => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", conditions: [tenantCondition] });
    const rules = { or: [tenantIsAcme, { in: [{ var: "workflow.workflowId" }, ["welcome"]] }, { isNonEmpty: [{ var: "subscriber.data.plan" }] }] };
    const response = await put(id, { rules });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ rules, conditions: [] });
    expect(await stored(emu, id)).toMatchObject({ rules, conditions: [] });
  });

  it.each([[{}], [null]])("clears the rules to null with %j, leaving the conditions", async (rules) => {
    const id = await seedOne(emu, { providerId: "sendgrid", channel: "email", rules: tenantIsAcme });
    await put(id, { conditions: [tenantCondition] });
    const response = await put(id, { rules });
    expect(response.status).toBe(200);
    expect(response.body.data.rules).toBeNull();
    expect((await stored(emu, id)).conditions).toHaveLength(1);
  });

  it("un-sets a primary given rules, keeping its top priority", async () => {
    const primary = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, primary: true, priority: 2 });
    const other = await seedOne(emu, { providerId: "mailgun", channel: "email", active: true, priority: 1 });
    await put(primary, { rules: tenantIsAcme });
    expect(await ranks(emu, primary, other)).toEqual([
      { priority: 2, primary: false, active: true },
      { priority: 1, primary: false, active: true },
    ]);
  });

  it("keeps a primary whose rules are cleared", async () => {
    const primary = await seedOne(emu, { providerId: "sendgrid", channel: "email", active: true, primary: true, priority: 1 });
    await put(primary, { rules: {} });
    expect(await stored(emu, primary)).toMatchObject({ primary: true, rules: null });
  });
});

describe("rules on POST", () => {
  it("accepts them in the body but does not store them, as the current server's create use case", async () => {
    const created = await createIntegration(emu, { providerId: "sendgrid", channel: "email", identifier: "mail", rules: tenantIsAcme });
    expect(created.rules).toBeUndefined();
    expect((await stored(emu, created._id)).rules).toBeUndefined();
  });
});
