import { configPath, declaration, renderStackConfig, renderTypeScript } from "../../tools/generate/render";
import { mergeStackFile, StackFileConflictError } from "../../tools/generate/stack-file";
import { parse } from "yaml";

const sendgrid = {
  _id: "a".repeat(24), _environmentId: "e".repeat(24), _organizationId: "o".repeat(24), providerId: "sendgrid", channel: "email",
  name: "SendGrid", identifier: "send-grid-x1", active: true, primary: true, priority: 1, deleted: false, conditions: [],
};
const opts = { project: "novu", source: "http://novu", environmentId: "e".repeat(24) };

describe("generate (rendering)", () => {
  it("declares each integration for adoption, with only what Novu reports", () => {
    expect(declaration(sendgrid)).toEqual({ providerId: "sendgrid", channel: "email", name: "SendGrid", identifier: "send-grid-x1", active: true, primary: true, adopt: true, deleteAdopted: false });
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

  describe("merging into an existing stack file", () => {
    const existing = [
      "encryptionsalt: v1:salt-of-the-stack",
      "config:",
      "  # the key, set by `pulumi config set --secret`",
      "  novu:secretKey:",
      "    secure: v1:encrypted-key",
      "  novu:region: eu",
      "",
    ].join("\n");
    const content = renderStackConfig([sendgrid], opts).stackFile!;

    it("keeps every key it does not own, secure values and comments included, and adds the integrations", () => {
      const merged = mergeStackFile(existing, content, "Pulumi.prod.yaml", false);
      const config = parse(merged);
      expect(config.encryptionsalt).toBe("v1:salt-of-the-stack");
      expect(config.config["novu:secretKey"]).toEqual({ secure: "v1:encrypted-key" });
      expect(config.config["novu:region"]).toBe("eu");
      expect(config.config["novu:integrations"]["send-grid-x1"]).toMatchObject({ adopt: true, deleteAdopted: false });
      expect(merged).toContain("  # the key, set by `pulumi config set --secret`\n");
      expect(merged).toContain("#   pulumi config set --secret --path 'novu:integrations.send-grid-x1.credentials.apiKey' '<apiKey>'   *\n");
    });

    it("refuses to replace integrations the file already declares, unless forced, and then replaces only them", () => {
      const once = mergeStackFile(existing, content, "Pulumi.prod.yaml", false);
      expect(() => mergeStackFile(once, content, "Pulumi.prod.yaml", false)).toThrow(StackFileConflictError);
      expect(() => mergeStackFile(once, content, "Pulumi.prod.yaml", false)).toThrow(/Pulumi\.prod\.yaml already declares `novu:integrations`; nothing was written\. Re-run with --force/);
      const other = renderStackConfig([{ ...sendgrid, identifier: "other-mail" }], opts).stackFile!;
      const forced = parse(mergeStackFile(once, other, "Pulumi.prod.yaml", true));
      expect(Object.keys(forced.config["novu:integrations"])).toEqual(["other-mail"]);
      expect(forced.encryptionsalt).toBe("v1:salt-of-the-stack");
      expect(forced.config["novu:secretKey"]).toEqual({ secure: "v1:encrypted-key" });
      const filled = once.replace("      deleteAdopted: false\n", "      deleteAdopted: false\n      credentials:\n        apiKey:\n          secure: v1:filled\n");
      expect(parse(mergeStackFile(filled, content, "Pulumi.prod.yaml", true)).config["novu:integrations"]["send-grid-x1"].credentials).toEqual({ apiKey: { secure: "v1:filled" } });
      // Its own header is replaced, not stacked up.
      expect(mergeStackFile(once, other, "Pulumi.prod.yaml", true).match(/Generated by/g)).toHaveLength(1);
    });

    it("refuses a file that is not a stack file", () => {
      expect(() => mergeStackFile("- a\n- b\n", content, "x.yaml", true)).toThrow(/x\.yaml is not a Pulumi stack file/);
      expect(() => mergeStackFile("config: [1]\n", content, "x.yaml", true)).toThrow(/x\.yaml: its `config` is not a map/);
      expect(() => mergeStackFile("config: {\n", content, "x.yaml", true)).toThrow(/x\.yaml is not valid YAML/);
    });
  });
});
