import { readIntegrationsConfig } from "../../program/stack-config";

const creds = { apiKey: "SG.x", from: "a@b.c", senderName: "Acme" };

describe("stack config → integrations", () => {
  it("declares one integration per entry, the key as default identifier", () => {
    const { integrations, problems } = readIntegrationsConfig({ sendgrid: { providerId: "sendgrid", channel: "email", credentials: creds } });
    expect(problems).toEqual([]);
    expect(integrations).toEqual([{ name: "sendgrid", args: { identifier: "sendgrid", providerId: "sendgrid", channel: "email", credentials: creds } }]);
  });

  it("reports every problem with its config path", () => {
    const { problems } = readIntegrationsConfig({
      sendgrid: { providerId: "sendgrid", channel: "fax", credentials: creds },
      twilio: "nope",
    });
    expect(problems).toEqual([
      expect.stringMatching(/^integrations\.sendgrid\.channel: /),
      "integrations.twilio: must be a map of settings (providerId, channel, credentials, …)",
    ]);
  });

  it("names both entries that claim primary for one channel", () => {
    const { problems } = readIntegrationsConfig({
      a: { providerId: "sendgrid", channel: "email", primary: true, credentials: creds },
      b: { providerId: "sendgrid", channel: "email", primary: true, credentials: creds },
    });
    expect(problems).toEqual(['integrations.b.primary: integrations "a" and "b" both set primary: true for the email channel in the API key\'s environment; only one can be primary']);
  });
});
