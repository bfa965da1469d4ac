/** The native provider's Pulumi package schema: derived from the zod schemas, documented, secret where it must be, well-formed. */
import { INTEGRATION_TOKEN, packageSchema, type PropertySpec, type TypeSpec } from "../../provider/native/schema";
import { CHANNELS } from "../../provider/schemas/channel";
import { INTERNAL_INPUTS, integrationInputsSchema } from "../../provider/schemas/integration-inputs";
import { integrationOutputsSchema } from "../../provider/schemas/integration-outputs";
import { providerSettingsSchema } from "../../provider/schemas/provider-config";

const schema = packageSchema();
const integration = schema.resources[INTEGRATION_TOKEN];

/** Every property bag of the schema, named by where it is. */
function propertyBags(): [string, Readonly<Record<string, PropertySpec>>][] {
  return [
    ["config", schema.config.variables],
    ["provider", schema.provider.inputProperties],
    ...Object.entries(schema.resources).flatMap(([token, r]): [string, Readonly<Record<string, PropertySpec>>][] => [
      [`${token} inputs`, r.inputProperties],
      [`${token} outputs`, r.properties],
    ]),
    ...Object.entries(schema.types).flatMap(([token, t]): [string, Readonly<Record<string, PropertySpec>>][] => ("properties" in t ? [[token, t.properties]] : [])),
    ...Object.entries(schema.functions).flatMap(([token, f]): [string, Readonly<Record<string, PropertySpec>>][] => [
      [`${token} inputs`, f.inputs?.properties ?? {}],
      [`${token} outputs`, f.outputs.properties],
    ]),
  ];
}

const everyProperty = () => propertyBags().flatMap(([where, bag]) => Object.entries(bag).map(([key, spec]) => [`${where}: ${key}`, spec] as const));

/** Why a type reference is not one the Pulumi schema format allows; empty when it is. */
function typeProblems(t: TypeSpec, at: string): string[] {
  if (t.$ref !== undefined) {
    const token = t.$ref.replace(/^#\/types\//, "");
    const known = t.$ref === "pulumi.json#/Any" || (t.$ref.startsWith("#/types/") && token in schema.types);
    return known && t.type === undefined && !t.items && !t.additionalProperties && !t.oneOf ? [] : [`${at}: $ref ${t.$ref}`];
  }
  if (t.oneOf !== undefined) {
    return t.oneOf.length < 2 ? [`${at}: a union of ${t.oneOf.length}`] : t.oneOf.flatMap((member, i) => typeProblems(member, `${at}(${i})`));
  }
  switch (t.type) {
    case "string":
    case "number":
    case "integer":
    case "boolean":
      return t.items || t.additionalProperties ? [`${at}: a ${t.type} with element types`] : [];
    case "array":
      return t.items ? typeProblems(t.items, `${at}[]`) : [`${at}: an array without items`];
    case "object":
      return "properties" in t ? [`${at}: an inline object (needs a named type)`] : t.additionalProperties ? typeProblems(t.additionalProperties, `${at}.*`) : [];
    default:
      return [`${at}: type ${String(t.type)}`];
  }
}

describe("the native provider's package schema", () => {
  it("describes every property of every object, every type and every resource", () => {
    const undocumented = [
      ...everyProperty().filter(([, spec]) => !spec.description?.trim()).map(([where]) => where),
      ...Object.entries(schema.types).filter(([, t]) => !t.description.trim()).map(([token]) => token),
      ...Object.entries(schema.resources).filter(([, r]) => !r.description.trim()).map(([token]) => token),
      ...Object.entries(schema.functions).filter(([, f]) => !f.description.trim()).map(([token]) => token),
    ];
    expect(undocumented).toEqual([]);
    expect(schema.provider.description).not.toBe("");
  });

  it("marks the API key, the credentials and the webhook signing key secret, and nothing else", () => {
    const secret = everyProperty().filter(([, spec]) => spec.secret === true).map(([where]) => where);
    expect(secret.sort()).toEqual([
      "config: secretKey",
      "novu:index:Configurations: inboundWebhookSigningKey",
      `${INTEGRATION_TOKEN} inputs: credentials`,
      `${INTEGRATION_TOKEN} outputs: credentials`,
      "provider: secretKey",
    ]);
  });

  it("takes the Integration's inputs from the zod schema without the internal ones; identifier is optional", () => {
    const publicKeys = Object.keys(integrationInputsSchema.shape).filter((k) => !(INTERNAL_INPUTS as readonly string[]).includes(k));
    expect(INTERNAL_INPUTS).toEqual(["__primaryClaimConflict", "__plaintextNovuKey", "__declaredPrimaryPeers", "__ledgerEntry", "__urn"]);
    expect(Object.keys(integration.inputProperties)).toEqual(publicKeys);
    expect(integration.requiredInputs).toEqual(["providerId", "channel"]);
    expect(integration.inputProperties.identifier.description).toMatch(/Defaults to the Pulumi resource name/);
  });

  it("types the inputs as the zod schema does, with the defaults the provider applies", () => {
    const inputs = integration.inputProperties;
    expect(inputs.channel).toMatchObject({ $ref: "#/types/novu:index:Channel", willReplaceOnChanges: true });
    expect(inputs.active).toMatchObject({ type: "boolean", default: true });
    expect(inputs.credentials).toMatchObject({ type: "object", additionalProperties: { $ref: "pulumi.json#/Any" }, secret: true });
    expect(inputs.configurations.$ref).toBe("#/types/novu:index:Configurations");
    expect(inputs.conditions).toMatchObject({ type: "array", items: { $ref: "#/types/novu:index:Condition" } });
    expect(Object.entries(inputs).filter(([, s]) => s.willReplaceOnChanges).map(([k]) => k)).toEqual(["providerId", "channel", "environmentId"]);
    expect(schema.types["novu:index:Channel"]).toMatchObject({ type: "string", enum: CHANNELS.map((value) => ({ value })) });
    const configurations = schema.types["novu:index:Configurations"];
    expect("properties" in configurations && configurations.properties.inboxCount.oneOf).toEqual([{ type: "string" }, { type: "integer" }]);
    const condition = schema.types["novu:index:Condition"];
    expect("required" in condition && condition.required).toEqual(["children"]);
  });

  it("publishes the outputs of integrationOutputsSchema, required where the state always has them", () => {
    expect(Object.keys(integration.properties)).toEqual(Object.keys(integrationOutputsSchema.shape));
    expect(integration.required).toEqual(expect.arrayContaining(["integrationId", "environmentId", "name", "identifier", "active", "primary", "credentials"]));
    for (const sometimesAbsent of ["configurations", "adopted", "deleteAdopted", "apiUrl", "environmentName"]) {
      expect(integration.required).not.toContain(sometimesAbsent);
    }
    expect(integration.properties.priority.type).toBe("integer");
    expect(integration.properties.active.default).toBeUndefined();
  });

  it("configures the provider from the zod settings, each naming its environment variable, none required", () => {
    const settings = Object.keys(providerSettingsSchema.shape);
    expect(Object.keys(schema.config.variables)).toEqual(settings);
    expect(schema.provider.requiredInputs).toEqual([]);
    expect(schema.config.variables.secretKey.description).toMatch(/Required: set it here or in the environment variable `NOVU_SECRET_KEY`/);
    expect(schema.config.variables.apiUrl.defaultInfo).toEqual({ environment: ["NOVU_API_URL"] });
    expect(schema.config.variables.requestTimeoutMs).toMatchObject({ type: "integer", default: 30000 });
    expect(schema.config.variables.maxRequestsPerSecond).toMatchObject({ type: "number", default: 25 });
    // A string, not the Region enum: Go and .NET SDKs of an enum setting with an environment default do not compile (pulumi/pulumi#19584).
    expect(schema.config.variables.region).toMatchObject({ type: "string", defaultInfo: { environment: ["NOVU_REGION"] } });
    expect(schema.config.variables.region.$ref).toBeUndefined();
    expect(schema.config.variables.region.description).toMatch(/`us`.*`eu`/);
    expect(schema.config.variables.maxRetries.description).toMatch(/When unset, read from the environment variable `NOVU_MAX_RETRIES`, else 5\.$/);
  });

  it("gives an explicit provider the same settings with their fallbacks in words only, so generated SDKs leave unset ones to the provider process", () => {
    // With `default`/`defaultInfo`, Pulumi's generators read the program's environment into the
    // provider's inputs (the key as plain text) and write the defaults there.
    const withoutFallbacks = Object.fromEntries(
      Object.entries(schema.config.variables).map(([key, { default: _d, defaultInfo: _i, ...spec }]) => [key, spec]),
    );
    expect(schema.provider.inputProperties).toEqual(withoutFallbacks);
    expect(schema.provider.inputProperties.secretKey).toMatchObject({ secret: true, description: expect.stringContaining("`NOVU_SECRET_KEY`") });
  });

  it("names the package, its version and the resource token", () => {
    expect(schema.name).toBe("novu");
    expect(schema.version).toBe(require("../../package.json").version);
    expect(Object.keys(schema.resources)).toEqual(["novu:index:Integration"]);
  });

  it("publishes getIntegration, getIntegrations and getEnvironment, none returning credentials", () => {
    expect(Object.keys(schema.functions)).toEqual(["novu:index:getIntegration", "novu:index:getIntegrations", "novu:index:getEnvironment"]);
    const get = schema.functions["novu:index:getIntegration"]!;
    expect(Object.keys(get.inputs!.properties)).toEqual(["identifier", "integrationId", "environmentId"]);
    expect(get.inputs!.required).toEqual([]);
    // The resource's outputs, less credentials and what only a resource has.
    const resourceOnly = ["credentials", "check", "adopt", "adopted", "deleteAdopted"];
    expect(Object.keys(get.outputs.properties).sort()).toEqual(Object.keys(integration.properties).filter((k) => !resourceOnly.includes(k)).sort());
    expect(get.outputs.required).toEqual(expect.arrayContaining(["integrationId", "identifier", "apiUrl"]));
    const list = schema.functions["novu:index:getIntegrations"]!;
    expect(Object.keys(list.inputs!.properties)).toEqual(["channel", "providerId", "active", "environmentId"]);
    expect(list.outputs.properties.integrations).toMatchObject({ type: "array", items: { $ref: "#/types/novu:index:FoundIntegration" } });
    expect(list.outputs.properties.skipped).toMatchObject({ type: "array", items: { $ref: "#/types/novu:index:SkippedIntegration" } });
    const environment = schema.functions["novu:index:getEnvironment"]!;
    // No arguments: no `inputs`, so generated SDKs take only options.
    expect(environment.inputs).toBeUndefined();
    expect(Object.keys(environment.outputs.properties)).toEqual(["environmentId", "name", "organizationId", "apiUrl"]);
    expect(JSON.stringify(schema.functions)).not.toMatch(/"credentials"/);
  });

  it("survives JSON.stringify unchanged (nothing undefined, no functions)", () => {
    expect(JSON.parse(JSON.stringify(schema))).toStrictEqual(schema);
  });

  it("is well-formed: primitives, arrays, maps, unions and references to defined types only", () => {
    const problems = [
      ...everyProperty().flatMap(([where, spec]) => typeProblems(spec, where)),
      ...Object.keys(schema.types).filter((token) => !/^novu:index:[A-Z][A-Za-z0-9]*$/.test(token)),
      ...Object.entries(schema.types).flatMap(([token, t]) =>
        "properties" in t
          ? t.required.filter((k) => !(k in t.properties)).map((k) => `${token} requires unknown ${k}`)
          : t.enum.filter((e) => typeof e.value !== "string").map((e) => `${token} value ${String(e.value)}`),
      ),
      ...integration.requiredInputs.filter((k) => !(k in integration.inputProperties)),
      ...integration.required.filter((k) => !(k in integration.properties)),
      ...Object.entries(schema.functions).flatMap(([token, f]) => [
        ...(f.inputs?.required ?? []).filter((k) => !(k in f.inputs!.properties)).map((k) => `${token} requires unknown input ${k}`),
        ...f.outputs.required.filter((k) => !(k in f.outputs.properties)).map((k) => `${token} requires unknown output ${k}`),
      ]),
    ];
    expect(problems).toEqual([]);
    const referenced = new Set(JSON.stringify(schema).match(/#\/types\/[^"]+/g));
    expect([...referenced].map((r) => r.slice("#/types/".length)).sort()).toEqual(Object.keys(schema.types).sort());
  });
});
