/** `configurations`: checked against the provider's catalogue entry, sent only when changed, the signing key write-only and secret. */
import { checkIntegrationInputs } from "../../provider/planning/check";
import { createBody, planUpdate } from "../../provider/planning/plan";
import { flatten, inputsOf, type IntegrationState, refreshed } from "../../provider/planning/state";
import { plaintextCredentialProblems } from "../../provider/resource/plaintext-secrets";
import { integrationResponseSchema } from "../../provider/schemas/api";
import { integrationInputsSchema } from "../../provider/schemas/integration-inputs";

const ses = { providerId: "ses", channel: "email", identifier: "ses", credentials: { apiKey: "AKIA", secretKey: "s", region: "eu-west-1", from: "a@b.c", senderName: "Acme" } };
const reasons = (news: Record<string, unknown>) => checkIntegrationInputs(news).failures.map((f) => f.reason);
const inputs = (over: Record<string, unknown> = {}) => integrationInputsSchema.parse({ ...ses, ...over });
const response = (configurations?: Record<string, unknown>) =>
  integrationResponseSchema.parse({
    _id: "a".repeat(24), _environmentId: "e".repeat(24), _organizationId: "o".repeat(24), providerId: "ses", channel: "email",
    name: "SES", identifier: "ses", active: true, ...(configurations ? { configurations } : {}),
  });

describe("configurations at preview", () => {
  it("accepts the provider's own keys and sends a numeric inboxCount as the string Novu stores", () => {
    expect(reasons({ ...ses, configurations: { inboundWebhookEnabled: true, configurationSetName: "novu-events" } })).toEqual([]);
    const fcm = checkIntegrationInputs({ providerId: "fcm", channel: "push", identifier: "fcm", credentials: { serviceAccount: "{}" }, configurations: { inboxCount: 3 } });
    expect(fcm.failures).toEqual([]);
    expect(fcm.inputs.configurations).toEqual({ inboxCount: "3" });
  });

  it("names a key the provider does not have, and the ones it has", () => {
    expect(reasons({ ...ses, configurations: { inboundWebhookSigningKey: "whsec" } })).toEqual([
      'configurations.inboundWebhookSigningKey: is not a configuration of provider "ses"; it has inboundWebhookEnabled, configurationSetName',
    ]);
    expect(reasons({ providerId: "twilio", channel: "sms", identifier: "t", credentials: { accountSid: "AC", token: "t", from: "+1" }, configurations: { inboundWebhookEnabled: true } })).toEqual([
      'configurations.inboundWebhookEnabled: is not a configuration of provider "twilio"; it has none',
    ]);
  });

  it("names an unknown key (one Novu would drop) and a wrong type, never the value", () => {
    expect(reasons({ ...ses, configurations: { pushResources: "x", configurationSetname: "y" } })).toEqual([
      "configurations.pushResources: unknown configuration key",
      'configurations.configurationSetname: unknown configuration key; did you mean "configurationSetName"?',
    ]);
    const failed = reasons({ ...ses, configurations: { inboundWebhookEnabled: "yes-please" } });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^configurations\.inboundWebhookEnabled: /);
    expect(failed[0]).not.toContain("yes-please");
  });
});

describe("configurations in the plan", () => {
  const state = (configurations?: Record<string, unknown>, managed = true): IntegrationState => flatten(response(configurations), inputs(managed ? { configurations: configurations ?? {} } : {}));

  it("sends them on create only when declared and not empty", () => {
    expect(createBody(inputs({ configurations: { configurationSetName: "events" } })).configurations).toEqual({ configurationSetName: "events" });
    expect(createBody(inputs()).configurations).toBeUndefined();
    expect(createBody(inputs({ configurations: {} })).configurations).toBeUndefined();
  });

  it("sends the whole object, alone, when it changed; nothing when it did not", () => {
    const current = state({ inboundWebhookEnabled: true, configurationSetName: "events" });
    expect(planUpdate(current, inputs({ configurations: { inboundWebhookEnabled: true, configurationSetName: "events" } })).body).toBeUndefined();
    expect(planUpdate(current, inputs({ configurations: { inboundWebhookEnabled: false, configurationSetName: "events" } }))).toEqual({
      body: { configurations: { inboundWebhookEnabled: false, configurationSetName: "events" } },
      setPrimary: false,
      changed: ["configurations"],
    });
    // `{}` clears them (Novu replaces the object on PUT).
    expect(planUpdate(current, inputs({ configurations: {} })).body).toEqual({ configurations: {} });
  });

  it("leaves Novu's configurations alone when the program does not declare them", () => {
    const current = state({ inboundWebhookEnabled: true }, false);
    expect(current.configurationsManaged).toBe(false);
    expect(planUpdate(current, inputs()).body).toBeUndefined();
    expect(inputsOf(current).configurations).toBeUndefined();
  });
});

describe("configurations in state", () => {
  it("keeps the signing key we wrote, which current servers leave out of every answer", () => {
    const written = inputs({ providerId: "sendgrid", configurations: { inboundWebhookEnabled: true, inboundWebhookSigningKey: "whsec-1" } });
    const state = flatten(response({ inboundWebhookEnabled: true }), written);
    expect(state.configurations).toEqual({ inboundWebhookEnabled: true, inboundWebhookSigningKey: "whsec-1" });
    // A refresh sees Novu's other keys (drift), and still keeps the key.
    const drifted = refreshed(response({ inboundWebhookEnabled: false }), state);
    expect(drifted.configurations).toEqual({ inboundWebhookEnabled: false, inboundWebhookSigningKey: "whsec-1" });
    expect(planUpdate(drifted, written).body).toEqual({ configurations: { inboundWebhookEnabled: true, inboundWebhookSigningKey: "whsec-1" } });
  });

  it("drops keys Novu does not store", () => {
    expect(flatten(response({ configurationSetName: "x", somethingElse: 1 }), inputs()).configurations).toEqual({ configurationSetName: "x" });
  });
});

describe("a plain signing key in stack config", () => {
  it("is refused with the command that makes it a secret", () => {
    const raw = { mail: { providerId: "sendgrid", configurations: { inboundWebhookEnabled: true, inboundWebhookSigningKey: "whsec-plain" } } };
    const problems = plaintextCredentialProblems(raw, () => false, "prod");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("integrations.mail.configurations.inboundWebhookSigningKey: is stored in plain text");
    expect(problems[0]).toContain("pulumi config set --stack prod --secret --path 'integrations.mail.configurations.inboundWebhookSigningKey'");
    expect(problems[0]).not.toContain("whsec-plain");
    expect(plaintextCredentialProblems(raw, (path) => path.join(".") === "mail.configurations.inboundWebhookSigningKey", "prod")).toEqual([]);
  });
});
