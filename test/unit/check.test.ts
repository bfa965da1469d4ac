import { checkIntegrationInputs, UNKNOWN } from "../../provider/planning/check";

const sendgrid = {
  providerId: "sendgrid",
  channel: "email",
  identifier: "sendgrid",
  credentials: { apiKey: "SG.x", from: "a@b.c", senderName: "Acme" },
};

function reasons(news: Record<string, unknown>): string[] {
  return checkIntegrationInputs(news).failures.map((f) => f.reason);
}

describe("check (preview-time validation)", () => {
  it("accepts a complete integration and fills defaults", () => {
    const { inputs, failures } = checkIntegrationInputs(sendgrid);
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ active: true, primary: false, check: false, adopt: false, conditions: [] });
  });

  it("sends a numeric SMTP port as the string Novu requires", () => {
    const { inputs, failures } = checkIntegrationInputs({
      providerId: "nodemailer",
      channel: "email",
      identifier: "smtp",
      credentials: { host: "smtp.acme.dev", port: 587, from: "a@b.c", senderName: "Acme" },
    });
    expect(failures).toEqual([]);
    expect((inputs.credentials as Record<string, unknown>).port).toBe("587");
  });

  it("suggests the closest provider id for a typo", () => {
    expect(reasons({ ...sendgrid, providerId: "sendgird" })).toEqual([
      'providerId: unknown Novu provider "sendgird"; did you mean "sendgrid"?',
    ]);
  });

  it("rejects a provider on the wrong channel", () => {
    expect(reasons({ ...sendgrid, channel: "sms" })).toEqual(["channel: provider \"sendgrid\" sends on the email channel, not sms"]);
  });

  it("names an unknown credential key and suggests the provider's own", () => {
    expect(reasons({ ...sendgrid, credentials: { ...sendgrid.credentials, apikey: "x" } })).toEqual([
      'credentials.apikey: unknown credential key; did you mean "apiKey"?',
    ]);
    expect(reasons({ ...sendgrid, credentials: { ...sendgrid.credentials, token: "x" } })[0]).toMatch(
      /^credentials\.token: is not a credential of provider "sendgrid"/,
    );
  });

  it("requires the catalogue's required credentials only for active integrations", () => {
    const { apiKey: _omit, ...partial } = sendgrid.credentials;
    expect(reasons({ ...sendgrid, credentials: partial })).toEqual([
      'credentials.apiKey: is required by provider "sendgrid" for an active integration',
    ]);
    expect(reasons({ ...sendgrid, credentials: partial, active: false })).toEqual([]);
  });

  it("accepts a tool-channel integration, asking tool-webhook for the credentials its catalogue entry requires", () => {
    const hook = { providerId: "tool-webhook", channel: "tool", identifier: "ops-hook", credentials: { webhookUrl: "https://hooks.acme.dev/novu", method: "POST" } };
    expect(checkIntegrationInputs(hook).failures).toEqual([]);
    expect(reasons({ ...hook, credentials: { webhookUrl: "https://hooks.acme.dev/novu" } })).toEqual([
      expect.stringMatching(/^credentials\.method: is required by provider "tool-webhook"/),
    ]);
    expect(checkIntegrationInputs({ providerId: "pagerduty", channel: "tool", identifier: "pd" }).failures).toEqual([]);
    expect(reasons({ ...hook, primary: true })).toEqual(["primary: Novu keeps a primary only for email and sms integrations, not tool"]);
    expect(reasons({ ...hook, channel: "chat" })).toEqual(['channel: provider "tool-webhook" sends on the tool channel, not chat']);
  });

  it("rejects primary on channels without a primary, when inactive, or with conditions", () => {
    expect(reasons({ providerId: "fcm", channel: "push", identifier: "fcm", primary: true, credentials: { serviceAccount: "{}" } })).toEqual([
      "primary: Novu keeps a primary only for email and sms integrations, not push",
    ]);
    expect(reasons({ ...sendgrid, primary: true, active: false })[0]).toMatch(/^primary: a primary integration must be active/);
    const conditions = [{ children: [{ field: "identifier", value: "acme", operator: "EQUAL", on: "tenant" }] }];
    expect(reasons({ ...sendgrid, primary: true, conditions })).toEqual([
      "conditions: a primary integration cannot have conditions: Novu clears them when it sets the primary",
    ]);
  });

  it("names the path of a malformed condition", () => {
    const bad = [{ children: [{ field: "identifier", value: "acme", operator: "EQUALS", on: "tenant" }] }];
    expect(reasons({ ...sendgrid, conditions: bad })[0]).toMatch(/^conditions\.0\.children\.0\.operator: /);
  });

  it("never echoes a credential value in a failure", () => {
    const secret = "SG.very-secret-value-123456789";
    const all = reasons({ ...sendgrid, credentials: { apiKey: 42, from: secret, nope: secret } }).join("\n");
    expect(all).toContain("credentials.apiKey");
    expect(all).not.toContain(secret);
  });

  it("skips values that are unknown during preview instead of failing them", () => {
    expect(reasons({ ...sendgrid, credentials: { ...sendgrid.credentials, apiKey: UNKNOWN } })).toEqual([]);
    expect(reasons({ ...sendgrid, providerId: UNKNOWN })).toEqual([]);
    expect(reasons({ ...sendgrid, credentials: UNKNOWN, channel: "chat" })).toEqual([
      'channel: provider "sendgrid" sends on the email channel, not chat',
    ]);
  });

  it("checks the known fields beside an unknown its schema refuses, and leaves the rest to `up`", () => {
    // `active` unknown does not parse as a boolean: the known fields are still checked.
    expect(reasons({ ...sendgrid, active: UNKNOWN, providerId: "sendgird" })).toEqual([expect.stringMatching(/^providerId: unknown Novu provider "sendgird"/)]);
    expect(reasons({ ...sendgrid, active: UNKNOWN, primary: true, conditions: [{ children: [{ on: "tenant", field: "identifier", operator: "EQUAL", value: "acme" }] }] })).toEqual([
      "conditions: a primary integration cannot have conditions: Novu clears them when it sets the primary",
    ]);
    // An unknown operator inside the conditions leaves them out until they are known.
    expect(reasons({ ...sendgrid, primary: true, conditions: [{ children: [{ on: "tenant", field: "identifier", operator: UNKNOWN, value: "acme" }] }] })).toEqual([]);
  });
});

describe("check failures and secrets", () => {
  it("names no property for the engine, whose message would print its value, and starts the reason with the path", () => {
    const { failures } = checkIntegrationInputs({ ...sendgrid, credentials: "not-a-map" });
    expect(failures.map((f) => f.property)).toEqual([""]);
    expect(failures[0]!.reason).toMatch(/^credentials: /);
    const unknownKey = checkIntegrationInputs({ ...sendgrid, credentials: { ...sendgrid.credentials, tokn: "x" } }).failures;
    expect(unknownKey).toEqual([{ property: "", reason: expect.stringMatching(/^credentials\.tokn: unknown credential key/) }]);
  });
});

describe("primary claimed twice in one program", () => {
  it("fails the second claimant's check on primary with the program's message", () => {
    const message = 'integrations "a" and "b" both set primary: true for the email channel';
    expect(checkIntegrationInputs({ ...sendgrid, primary: true, __primaryClaimConflict: message }).failures).toEqual([
      { property: "", reason: `primary: ${message}` },
    ]);
  });
});
