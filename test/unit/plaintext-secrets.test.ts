import { SECURE_CREDENTIAL_KEYS } from "../../provider/catalogue";
import { configPath, makeSecretCommand, plaintextCredentialProblems, secretLeavesOf } from "../../provider/resource/plaintext-secrets";
import snapshot from "../../provider/novu-catalogue.json";

describe("credentials stored in plain text in stack config", () => {
  const raw = {
    mail: { providerId: "sendgrid", credentials: { apiKey: "SG.plain", from: "a@acme.dev", senderName: "Acme" } },
    sms: { providerId: "twilio", credentials: { accountSid: "AC1", token: "tw-secret", from: "+1555" } },
    "eu.mail": { providerId: "ses", credentials: { secretKey: "aws" } },
  };

  it("takes Novu's secure keys from the catalogue snapshot", () => {
    expect(SECURE_CREDENTIAL_KEYS).toEqual(snapshot.secureCredentials);
    expect(SECURE_CREDENTIAL_KEYS).toEqual(expect.arrayContaining(["apiKey", "apiToken", "secretKey", "token", "password", "serviceAccount", "signingSecret"]));
  });

  it("names every plain secure credential (and no other key) with its path and the command that fixes it", () => {
    const problems = plaintextCredentialProblems(raw, () => false, "prod");
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe(
      "integrations.mail.credentials.apiKey: is stored in plain text in the stack config (Pulumi.prod.yaml), but Novu treats apiKey as secret: make it a secret with " +
        "`pulumi config set --stack prod --secret --path 'integrations.mail.credentials.apiKey' \"$(pulumi config get --stack prod --path 'integrations.mail.credentials.apiKey')\"`. " +
        "If that file was committed or shared, or `pulumi up` ran with it, rotate the credential at the provider.",
    );
    expect(problems[1]).toMatch(/^integrations\.sms\.credentials\.token: /);
    expect(problems[2]).toMatch(/^integrations\["eu\.mail"\]\.credentials\.secretKey: /);
    expect(problems.join("\n")).not.toMatch(/SG\.plain|tw-secret|aws"/);
  });

  it("tells plain leaves from `secure:` ones as Pulumi.<stack>.yaml stores them", () => {
    const stored = { mail: { credentials: { apiKey: { secure: "v1:abc" }, from: "a@acme.dev" } }, sms: { credentials: { token: "tw-secret" } } };
    const problems = plaintextCredentialProblems(raw, secretLeavesOf(stored), "prod");
    // "eu.mail" is not in the file at all: no telling, so not reported.
    expect(problems.map((p) => p.slice(0, p.indexOf(": ")))).toEqual(["integrations.sms.credentials.token"]);
  });

  it("counts a value the stack file does not hold, or holds whole as a secret, as secret", () => {
    expect(secretLeavesOf(undefined)(["mail", "credentials", "apiKey"])).toBe(true);
    expect(secretLeavesOf({ secure: "v1:whole" })(["mail", "credentials", "apiKey"])).toBe(true);
    expect(secretLeavesOf({ mail: { credentials: { apiKey: "plain" } } })(["mail", "credentials", "apiKey"])).toBe(false);
  });

  it("writes --path expressions the CLI accepts", () => {
    expect(configPath(["integrations", "a-b", "credentials", "apiKey"])).toBe("integrations.a-b.credentials.apiKey");
    expect(configPath(["integrations", "a.b"])).toBe('integrations["a.b"]');
    expect(makeSecretCommand("novu:secretKey", "dev")).toBe('pulumi config set --stack dev --secret novu:secretKey "$(pulumi config get --stack dev novu:secretKey)"');
  });
});

describe("the refusal of a plain-text Novu key (both front-ends)", () => {
  const { plaintextKeyRefusal } = require("../../provider/planning/plaintext-key") as typeof import("../../provider/planning/plaintext-key");
  const { stackOfUrn } = require("../../provider/planning/urn") as typeof import("../../provider/planning/urn");
  it("names the stack file and the command that re-stores stack config as a secret", () => {
    expect(plaintextKeyRefusal({ stack: "prod" })).toMatch(/^is stored in plain text in the stack config \(Pulumi\.prod\.yaml\): make it a secret with `pulumi config set --stack prod --secret novu:secretKey/);
  });
  it("tells an explicit provider's author to pass a secret", () => {
    expect(plaintextKeyRefusal({ explicitProvider: "production" })).toMatch(/^of provider "production" is plain text: .*pulumi config set --secret novuKey <key>/);
  });
  it("reads the stack from a URN", () => {
    expect(stackOfUrn("urn:pulumi:dev::proj::pulumi:providers:novu::default_0_1_0")).toBe("dev");
    expect(stackOfUrn("")).toBeUndefined();
  });
});
