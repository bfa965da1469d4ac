import { configPath, declaration, renderStackConfig, renderTypeScript } from "../../tools/generate/render";
import { parse } from "yaml";

const sendgrid = {
  _id: "a".repeat(24), _environmentId: "e".repeat(24), _organizationId: "o".repeat(24), providerId: "sendgrid", channel: "email",
  name: "SendGrid", identifier: "send-grid-x1", active: true, primary: true, priority: 1, deleted: false, conditions: [],
};
const opts = { project: "novu", source: "http://novu", environmentId: "e".repeat(24) };

describe("generate (rendering)", () => {
  it("declares each integration for adoption, with only what Novu reports", () => {
    expect(declaration(sendgrid)).toEqual({ providerId: "sendgrid", channel: "email", name: "SendGrid", identifier: "send-grid-x1", active: true, primary: true, adopt: true });
    expect(declaration({ ...sendgrid, primary: false, active: false })).not.toHaveProperty("primary");
  });

  it("writes a stack file the config-driven program reads, and the commands for each credential", () => {
    const { text, credentials } = renderStackConfig([sendgrid], opts);
    expect(parse(text).config["novu:integrations"]["send-grid-x1"]).toMatchObject({ providerId: "sendgrid", adopt: true });
    expect(credentials.filter((c) => c.required).map((c) => c.key)).toEqual(["apiKey", "from", "senderName"]);
    expect(text).toContain("#   pulumi config set --secret --path 'novu:integrations.send-grid-x1.credentials.apiKey' '<apiKey>'   *\n");
  });

  it("quotes identifiers the config path syntax would split, and sets boolean credentials as booleans", () => {
    expect(configPath("novu", "ops.chat", "token")).toBe('novu:integrations["ops.chat"].credentials.token');
    const { text } = renderStackConfig([{ ...sendgrid, providerId: "slack", channel: "chat", identifier: "ops.chat", primary: false }], opts);
    expect(text).toContain(`pulumi config set --path 'novu:integrations["ops.chat"].credentials.hmac' true --type bool`);
  });

  it("writes a TypeScript program with one Integration each, credentials from secret config", () => {
    const { text } = renderTypeScript([sendgrid], opts);
    expect(text).toContain('new Integration("send-grid-x1", {');
    expect(text).toContain('  adopt: true,');
    expect(text).toContain('    apiKey: config.requireSecret("sendGridX1ApiKey"),');
  });
});
