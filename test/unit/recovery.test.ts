import { CLOCK_SKEW_MS, type InterruptedCreate, planRecovery } from "../../provider/planning/recovery";
import { pendingIntegrationCreates, providerInState, stackCreated } from "../../tools/recover/checkpoint";
import type { IntegrationResponse } from "../../provider/schemas/api";

const ENV = "e".repeat(24);
const LAST_UPDATE = Date.parse("2026-12-06T10:00:00Z");

function novu(id: string, identifier: string, over: Partial<IntegrationResponse> & { createdAt?: string } = {}): IntegrationResponse {
  return {
    _id: id, _environmentId: ENV, _organizationId: "o".repeat(24), providerId: "sendgrid", channel: "email", name: identifier, identifier,
    active: true, primary: false, priority: 0, deleted: false, conditions: [], createdAt: "2026-12-06T10:05:00Z", ...over,
  } as IntegrationResponse;
}

const create: InterruptedCreate = { urn: "urn:pulumi:dev::p::novu:index:Integration::mail", name: "mail", identifier: "mail", providerId: "sendgrid", channel: "email" };
const context = { owned: new Set<string>(), since: LAST_UPDATE };

describe("which interrupted creates `pulumi-novu recover` takes over", () => {
  it("takes over the one live integration holding the identifier, provider and channel, made after the last update", () => {
    expect(planRecovery(create, [novu("gone", "mail", { deleted: true }), novu("holder", "mail")], context)).toEqual({ kind: "take-over", create, integrationId: "holder" });
  });

  it("drops a create that never reached Novu", () => {
    expect(planRecovery(create, [novu("other", "sms")], context)).toEqual({ kind: "never-landed", create });
  });

  it("leaves an integration made before the killed run began, naming adopt", () => {
    const step = planRecovery(create, [novu("old", "mail", { createdAt: "2026-12-06T09:00:00Z" } as never)], context);
    expect(step).toMatchObject({ kind: "left", reason: expect.stringMatching(/made at 2026-12-06T09:00:00.000Z, before the killed run began.*adopt: true` on resource "mail"/) });
  });

  it("allows Novu's clock to lag this machine's by up to a minute", () => {
    const lagging = new Date(LAST_UPDATE - CLOCK_SKEW_MS + 1000).toISOString();
    expect(planRecovery(create, [novu("holder", "mail", { createdAt: lagging } as never)], context)).toMatchObject({ kind: "take-over" });
  });

  it("takes over with no bound when the stack has no successful update yet, but never one Novu gives no date for while there is one", () => {
    const undated = novu("holder", "mail", { createdAt: undefined } as never);
    expect(planRecovery(create, [undated], { owned: new Set() })).toMatchObject({ kind: "take-over" });
    expect(planRecovery(create, [undated], context)).toMatchObject({ kind: "left", reason: expect.stringContaining("does not say when") });
  });

  it("drops a create that a later `up` made and the state records, importing nothing", () => {
    const recordedIds = new Map([[create.urn, "holder"]]);
    // The resource owns the integration: recorded, not "another resource of this stack".
    expect(planRecovery(create, [novu("holder", "mail")], { ...context, owned: new Set(["holder"]), recordedIds })).toEqual({ kind: "recorded", create, integrationId: "holder" });
  });

  it("leaves a replacement's create while the resource it replaces is still in the state", () => {
    const recordedIds = new Map([[create.urn, "old"]]);
    expect(planRecovery(create, [novu("new", "mail")], { ...context, recordedIds })).toMatchObject({ kind: "left", reason: expect.stringContaining("replaces a resource still in the state") });
    expect(planRecovery(create, [], { ...context, recordedIds })).toMatchObject({ kind: "left" });
  });

  it("leaves one of another provider or channel, one another resource owns, and one several environments hold", () => {
    expect(planRecovery(create, [novu("h", "mail", { providerId: "mailgun" })], context)).toMatchObject({ kind: "left", reason: expect.stringContaining("mailgun email integration, not the sendgrid email") });
    expect(planRecovery(create, [novu("h", "mail")], { ...context, owned: new Set(["h"]) })).toMatchObject({ kind: "left", reason: expect.stringContaining("another resource of this stack") });
    expect(planRecovery(create, [novu("a", "mail"), novu("b", "mail", { _environmentId: "f".repeat(24) })], context)).toMatchObject({ kind: "left", reason: expect.stringContaining("2 environments") });
  });
});

describe("what `pulumi-novu recover` reads from a checkpoint", () => {
  const secret = (value: string) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(value) });
  const provider = "urn:pulumi:dev::p::pulumi:providers:novu::second";
  const stack = {
    version: 3,
    deployment: {
      resources: [{ urn: provider, type: "pulumi:providers:novu", id: "pid", inputs: { secretKey: secret("nv-key"), apiUrl: "http://127.0.0.1:1" } }],
      pending_operations: [
        { type: "creating", resource: { urn: "urn:pulumi:dev::p::novu:index:Integration::mail", type: "novu:index:Integration", provider: `${provider}::pid`, inputs: { providerId: "sendgrid", channel: "email", credentials: secret("{}") } } },
        { type: "creating", resource: { urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket" } },
        { type: "updating", resource: { urn: "urn:pulumi:dev::p::novu:index:Integration::x", type: "novu:index:Integration" } },
      ],
    },
  };

  it("finds native Integration creates only, with the identifier defaulting to the resource name", () => {
    expect(pendingIntegrationCreates(stack)).toEqual([
      { urn: "urn:pulumi:dev::p::novu:index:Integration::mail", name: "mail", identifier: "mail", providerId: "sendgrid", channel: "email", provider: `${provider}::pid` },
    ]);
  });

  it("reads an explicit provider's settings with its secrets in plain text", () => {
    expect(providerInState(stack, `${provider}::pid`)).toEqual({ ref: `${provider}::pid`, isDefault: false, settings: { secretKey: "nv-key", apiUrl: "http://127.0.0.1:1" } });
  });

  it("reads when the stack was first recorded, from its root resource", () => {
    const withRoot = { ...stack, deployment: { ...stack.deployment, resources: [...stack.deployment.resources, { urn: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", type: "pulumi:pulumi:Stack", created: "2026-12-06T09:59:00Z" }] } };
    expect(stackCreated(withRoot)).toBe("2026-12-06T09:59:00Z");
    expect(stackCreated(stack)).toBeUndefined();
  });
});
