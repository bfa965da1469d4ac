import { createBody, diffIntegration, planUpdate } from "../../provider/planning/plan";
import type { IntegrationState } from "../../provider/planning/state";
import { integrationInputsSchema } from "../../provider/schemas/integration-inputs";

const state: IntegrationState = {
  integrationId: "a".repeat(24),
  environmentId: "e".repeat(24),
  organizationId: "o".repeat(24),
  providerId: "sendgrid",
  channel: "email",
  name: "SendGrid",
  identifier: "mail",
  active: true,
  primary: false,
  priority: 1,
  deleted: false,
  conditions: [],
  credentials: { apiKey: "k", from: "a@b.c" },
  check: false,
  adopt: false,
  nameManaged: true,
  environmentManaged: false,
};

const desired = (over: Record<string, unknown> = {}) =>
  integrationInputsSchema.parse({ providerId: "sendgrid", channel: "email", name: "SendGrid", identifier: "mail", credentials: { from: "a@b.c", apiKey: "k" }, ...over });

describe("planning updates", () => {
  it("plans nothing when the state already matches (key order does not matter)", () => {
    expect(planUpdate(state, desired())).toEqual({ body: undefined, setPrimary: false, changed: [] });
  });

  it.each([
    ["name", { name: "Mail" }, { name: "Mail" }],
    ["identifier", { identifier: "mail-2" }, { identifier: "mail-2" }],
    ["active", { active: false }, { active: false }],
    ["credentials", { credentials: { apiKey: "k2", from: "a@b.c" } }, { credentials: { apiKey: "k2", from: "a@b.c" } }],
    ["conditions", { conditions: [{ children: [{ field: "id", value: "x", operator: "EQUAL", on: "tenant" }] }] }, { conditions: [{ children: [{ field: "id", value: "x", operator: "EQUAL", on: "tenant" }] }] }],
  ])("sends %s alone when only it changed", (field, over, body) => {
    const plan = planUpdate(state, desired(over));
    expect(plan.body).toEqual(body);
    expect(plan.changed).toEqual([field]);
  });

  it("asks Novu to check new credentials only when check is on", () => {
    expect(planUpdate(state, desired({ check: true, credentials: { apiKey: "k3" } })).body).toEqual({ credentials: { apiKey: "k3" }, check: true });
  });

  it("calls set-primary without a PUT when only primary is wanted", () => {
    expect(planUpdate(state, desired({ primary: true }))).toEqual({ body: undefined, setPrimary: true, changed: ["primary"] });
  });

  it("does not try to un-set a primary (Novu has no such call)", () => {
    expect(planUpdate({ ...state, primary: true }, desired({ primary: false })).changed).toEqual([]);
  });

  it("leaves an unmanaged name alone", () => {
    expect(planUpdate({ ...state, name: "Renamed in dashboard" }, desired({ name: undefined })).changed).toEqual([]);
  });
});

describe("diff", () => {
  it("replaces on providerId, channel and environmentId, deleting first when the identifier stays", () => {
    expect(diffIntegration(state, desired({ providerId: "mailgun" }), false)).toMatchObject({ changes: true, replaces: ["providerId"], deleteBeforeReplace: true });
    expect(diffIntegration(state, desired({ environmentId: "f".repeat(24), identifier: "other" }), false)).toMatchObject({ replaces: ["environmentId"], deleteBeforeReplace: false });
  });

  it("reports a change when only the provider code changed, so new code reaches state", () => {
    expect(diffIntegration(state, desired(), true)).toMatchObject({ changes: true, replaces: [] });
    expect(diffIntegration(state, desired(), false)).toMatchObject({ changes: false });
  });
});

describe("create body", () => {
  it("sends the environment as _environmentId and omits empty conditions", () => {
    expect(createBody(desired({ environmentId: "f".repeat(24) }))).toEqual({
      providerId: "sendgrid", channel: "email", name: "SendGrid", identifier: "mail", _environmentId: "f".repeat(24),
      active: true, check: false, credentials: { from: "a@b.c", apiKey: "k" },
    });
  });
});
