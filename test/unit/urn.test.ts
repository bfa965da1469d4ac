import * as urn from "../../provider/planning/urn";

describe("URNs and provider references (provider/planning/urn.ts)", () => {
  it("reads a resource's name, its stack, a reference's provider URN, and which providers are the engine's defaults", () => {
    expect(urn.nameOf("urn:pulumi:dev::p::novu:index:Integration::mail")).toBe("mail");
    expect(urn.stackOfUrn("urn:pulumi:dev::p::novu:index:Integration::mail")).toBe("dev");
    expect(urn.providerUrnOf("urn:pulumi:dev::p::pulumi:providers:novu::prod::0b1c-id")).toBe("urn:pulumi:dev::p::pulumi:providers:novu::prod");
    expect([urn.isDefaultProviderName("default_0_1_0"), urn.isDefaultProviderName("default"), urn.isDefaultProviderName("defaults-eu")]).toEqual([true, true, false]);
    expect(urn.isStackUrn("urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev")).toBe(true);
  });

  it("reads a resource's type token, the last of its type chain", () => {
    expect(urn.typeOfUrn("urn:pulumi:dev::p::novu:index:Integration::mail")).toBe("novu:index:Integration");
    expect(urn.typeOfUrn("urn:pulumi:dev::p::acme:index:Notifications$novu:index:Integration::mail")).toBe("novu:index:Integration");
    expect(urn.typeOfUrn("mail")).toBeUndefined();
  });
});
