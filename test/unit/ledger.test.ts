import { classifyFound, declaredKeys, entryFor, identifierTakenWithoutLedger, nextLedger } from "../../provider/planning/ledger";
import type { IntegrationResponse } from "../../provider/schemas/api";

const ENV = "0123456789abcdef01234567";
function novu(id: string, identifier: string, extra: Partial<IntegrationResponse> = {}): IntegrationResponse {
  return { _id: id, _environmentId: ENV, _organizationId: ENV, providerId: "sendgrid", channel: "email", name: "SendGrid", identifier, active: true, primary: false, priority: 1, conditions: [], deleted: false, ...extra } as IntegrationResponse;
}
const mail = { identifier: "mail", providerId: "sendgrid", channel: "email" };

describe("the intent ledger", () => {
  it("records the ids that held a declared identifier when it first appeared, and keeps that record", () => {
    const first = nextLedger(undefined, declaredKeys([{ name: "mail", identifier: "mail", environmentId: undefined }]), [novu("a1", "mail"), novu("b1", "other")]);
    expect(first).toEqual({ declared: { mail: "mail" }, preexisting: { mail: ["a1"] } });
    const second = nextLedger(first, { mail: "mail", sms: "sms" }, [novu("a1", "mail"), novu("c1", "mail")]);
    expect(second.preexisting).toEqual({ mail: ["a1"] });
  });

  it("leaves out two resources declaring one identifier, so neither takes the other's integration", () => {
    expect(declaredKeys([{ name: "a", identifier: "x", environmentId: undefined }, { name: "b", identifier: "x", environmentId: undefined }, { name: "c", identifier: "c", environmentId: ENV }])).toEqual({ c: `${ENV}/c` });
  });

  it("re-records a resource whose key changed, e.g. a new resource name holding an old identifier", () => {
    const before = { declared: { old: "mail" }, preexisting: {} };
    expect(nextLedger(before, { renamed: "mail" }, [novu("ours-before", "mail")]).preexisting).toEqual({ renamed: ["ours-before"] });
  });

  it("takes over only an integration the ledger did not see before, with the same provider and channel", () => {
    const entry = entryFor({ declared: { mail: "mail" }, preexisting: { mail: ["old"] } }, "mail");
    expect(classifyFound(mail, entry, [novu("new", "mail")])).toMatchObject({ kind: "ours" });
    expect(classifyFound(mail, entry, [novu("old", "mail")])).toMatchObject({ kind: "not-ours", reason: expect.stringContaining("held it before") });
    expect(classifyFound(mail, entry, [novu("new", "mail", { providerId: "mailgun" })])).toMatchObject({ kind: "not-ours" });
    expect(classifyFound(mail, undefined, [novu("new", "mail")])).toMatchObject({ kind: "not-ours", reason: expect.stringContaining("no record") });
    expect(classifyFound({ ...mail, environmentId: ENV }, entry, [novu("new", "mail")])).toMatchObject({ kind: "not-ours" });
  });
});

describe("an Integration's ledger entry at check", () => {
  const { checkIntegrationInputs, UNKNOWN } = require("../../provider/planning/check") as typeof import("../../provider/planning/check");
  const inputs = { providerId: "sendgrid", channel: "email", identifier: "mail", credentials: { apiKey: "SG.x", from: "a@acme.dev", senderName: "Acme" } };

  it("is accepted while unknown (a preview that creates the ledger) and kept when known", () => {
    expect(checkIntegrationInputs({ ...inputs, __ledgerEntry: UNKNOWN }).failures).toEqual([]);
    const known = checkIntegrationInputs({ ...inputs, __ledgerEntry: { key: "mail", preexisting: [] } });
    expect(known.failures).toEqual([]);
    expect(known.inputs.__ledgerEntry).toEqual({ key: "mail", preexisting: [] });
  });
});

describe("a taken identifier without a ledger (the native front-end)", () => {
  it("names the holder in the resource's environment, the recover command for a killed up, and adopt for one that existed before", () => {
    const listed = [novu("gone", "mail", { deleted: true }), novu("other-env", "mail", { _environmentId: "f".repeat(24) }), novu("holder", "mail")];
    const message = identifierTakenWithoutLedger({ identifier: "mail", environmentId: ENV }, listed, "transactional-email");
    expect(message).toContain('identifier "mail" already exists (holder)');
    expect(message).toMatch(/If a stopped `pulumi up` of this stack made it, run `npx pulumi-novu recover` in this project .*then run `pulumi up`/);
    expect(message).toMatch(/If it existed before .*, set `adopt: true` on resource "transactional-email" \(`pulumi destroy` then leaves it in Novu\)/);
  });
});

describe("the ledger resource's provider (dynamic/ledger.ts)", () => {
  const { ledgerProvider } = require("../../provider/dynamic/ledger") as typeof import("../../provider/dynamic/ledger");
  const provider = ledgerProvider(async () => [novu("before", "mail")]);

  it("stores its record under `__` names, which the engine leaves out of every diff it shows", async () => {
    const created = await provider.create({ __declared: { mail: "mail" } });
    expect(created.outs).toEqual({ __declared: { mail: "mail" }, __preexisting: { mail: ["before"] } });
    expect((await provider.diff("ledger", { __declared: { mail: "mail" } }, { __declared: { mail: "mail" } })).changes).toBe(false);
  });

  it("rewrites state of 0.1.0 (plain names) once, keeping what it recorded", async () => {
    const olds = { declared: { mail: "mail" }, preexisting: { mail: ["old"] } };
    expect((await provider.diff("ledger", olds, { __declared: { mail: "mail" } })).changes).toBe(true);
    expect((await provider.update("ledger", olds, { __declared: { mail: "mail" } })).outs).toEqual({ __declared: { mail: "mail" }, __preexisting: { mail: ["old"] } });
  });
});
