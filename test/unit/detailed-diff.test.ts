import { detailedDiff } from "../../provider/planning/detailed-diff";
import { declaredImportInputs, importedInputs, importedState } from "../../provider/planning/import";
import type { IntegrationState } from "../../provider/planning/state";
import { integrationInputsSchema } from "../../provider/schemas/integration-inputs";
import type { IntegrationResponse } from "../../provider/schemas/api";
import { secret, SECRET_SIG_KEY, unwrapBag, wrapSecrets } from "../../provider/native/wire";
import { SENDGRID_STATE } from "./fixtures";

const state: IntegrationState = SENDGRID_STATE;
const inputs = (over: Record<string, unknown> = {}) =>
  integrationInputsSchema.parse({ providerId: "sendgrid", channel: "email", name: "SendGrid", identifier: "mail", credentials: { apiKey: "SG.one", from: "a@acme.dev", senderName: "Acme" }, ...over });

describe("detailedDiff", () => {
  it("names the credential key that changed, was added or removed, never its value", () => {
    const d = detailedDiff(state, inputs({ credentials: { apiKey: "SG.two", from: "a@acme.dev", ipPoolName: "pool" } }));
    expect(d).toMatchObject({ changes: true, replaces: [], properties: { "credentials.apiKey": "update", "credentials.ipPoolName": "add", "credentials.senderName": "delete" } });
    expect(JSON.stringify(d)).not.toMatch(/SG\.|pool"/);
  });

  it("reports nothing when nothing changed", () => {
    expect(detailedDiff(state, inputs())).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false, properties: {} });
  });

  it("marks replacements, delete-before-replace when the identifier stays", () => {
    const d = detailedDiff(state, inputs({ providerId: "mailgun" }));
    expect(d.properties.providerId).toBe("update-replace");
    expect(d.replaces).toEqual(["providerId"]);
    expect(d.deleteBeforeReplace).toBe(true);
  });

  it("lists plain properties and a primary claim as updates", () => {
    expect(detailedDiff(state, inputs({ name: "Mail", primary: true })).properties).toEqual({ name: "update", primary: "update" });
  });
});

describe("import", () => {
  const found = {
    _id: "6b10000000000000000000b2",
    _environmentId: "66a0000000000000000000d1",
    _organizationId: "66a000000000000000000001",
    providerId: "twilio",
    channel: "sms",
    name: "Dashboard",
    identifier: "dash",
    active: true,
    primary: true,
    priority: 1,
    deleted: false,
    conditions: [],
    credentials: {},
    configurations: { inboundWebhookEnabled: true, inboundWebhookSigningKey: "whsec" },
  } as unknown as IntegrationResponse;

  it("records an imported integration as the stack's own (not adopted: destroy deletes it), with no credentials", () => {
    expect(importedState(found)).toMatchObject({ integrationId: found._id, adopted: false, credentials: {}, primary: true });
    // Left unmanaged: declared, configurations are sent whole, and the signing key cannot be read back.
    expect(importedInputs(found).configurations).toBeUndefined();
  });

  it("declares only what differs from the defaults in generated code", () => {
    expect(declaredImportInputs(importedInputs(found))).toEqual({
      providerId: "twilio",
      channel: "sms",
      name: "Dashboard",
      identifier: "dash",
      primary: true,
    });
  });

  it("an imported integration then diffs clean against its imported inputs", () => {
    expect(detailedDiff(importedState(found), integrationInputsSchema.parse(declaredImportInputs(importedInputs(found)))).changes).toBe(false);
  });
});

describe("wire", () => {
  it("unwraps secrets, remembering which properties were secret, and wraps credentials and those again", () => {
    const { bag, secret: secretKeys } = unwrapBag({ name: secret("n"), credentials: { apiKey: secret("k") }, channel: "email" });
    expect(bag).toEqual({ name: "n", credentials: { apiKey: "k" }, channel: "email" });
    expect([...secretKeys].sort()).toEqual(["credentials", "name"]);
    const wrapped = wrapSecrets({ ...bag, configurations: { inboundWebhookSigningKey: "s", inboundWebhookEnabled: true } }, secretKeys);
    expect(wrapped.credentials).toEqual(secret({ apiKey: "k" }));
    expect(wrapped.name).toEqual(secret("n"));
    expect(wrapped.channel).toBe("email");
    expect((wrapped.configurations as Record<string, unknown>).inboundWebhookSigningKey).toEqual(secret("s"));
    expect((wrapped.configurations as Record<string, unknown>).inboundWebhookEnabled).toBe(true);
    expect(Object.keys(secret(1))).toContain(SECRET_SIG_KEY);
  });
});
