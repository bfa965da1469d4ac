/** schema.json, the committed package schema SDKs are generated from, is what the zod schemas publish. */
import * as fs from "node:fs";
import * as path from "node:path";
import { pluginSchema, publishedSchema, SCHEMA_FILE, schemaFileText } from "../../provider/native/published-schema";
import { packageSchema } from "../../provider/native/schema";

const committed = fs.readFileSync(path.join(__dirname, "..", "..", SCHEMA_FILE), "utf8");

describe("schema.json", () => {
  it("is what the zod schemas publish (after changing provider/schemas or provider/native/schema.ts, run `npm run schema && npm run sdkgen`)", () => {
    // The parsed comparison shows which part differs; the text one also catches formatting.
    expect(JSON.parse(committed)).toEqual(publishedSchema());
    if (committed !== schemaFileText()) throw new Error("schema.json is formatted otherwise than `npm run schema` writes it: run `npm run schema`");
  });

  it("is the plugin's GetSchema answer plus what only published SDKs read: publisher, download URL, supportPack", () => {
    const { publisher, repository, pluginDownloadURL, meta, language, ...derived } = publishedSchema();
    expect(derived).toEqual(packageSchema());
    // GetSchema has the language sections, so `pulumi package add` of the plugin names its SDK as schema.json does.
    expect(pluginSchema()).toEqual({ ...packageSchema(), language });
    expect(pluginSchema()).not.toHaveProperty("pluginDownloadURL");
    expect(Object.keys(language).sort()).toEqual(["csharp", "go", "nodejs", "python"]);
    expect(language.go.importBasePath).toBe("github.com/pulumi-novu/pulumi-novu/sdk/go/novu");
    expect(pluginDownloadURL).toBe("github://api.github.com/pulumi-novu/pulumi-novu");
    expect({ publisher, repository, meta }).toMatchObject({ meta: { supportPack: true } });
  });
});
