import { findProvider, providerIds, SECURE_CREDENTIAL_KEYS } from "../../provider/catalogue";
import snapshot from "../../provider/novu-catalogue.json";
import { catalogueFromNovuShared } from "../../dev/catalogue/from-novu-shared";

describe("the provider catalogue snapshot", () => {
  it("is what the installed @novu/shared says (after upgrading it, run `npm run catalogue`)", () => {
    expect(snapshot).toEqual(catalogueFromNovuShared());
  });

  it("answers lookups from the snapshot", () => {
    expect(findProvider("sendgrid")).toMatchObject({ channel: "email", displayName: "SendGrid" });
    expect(findProvider("sendgrid")!.credentials).toContainEqual({ key: "apiKey", required: true });
    expect(findProvider("no-such-provider")).toBeUndefined();
    expect(providerIds()).toEqual(expect.arrayContaining(["twilio", "slack", "fcm"]));
    expect(SECURE_CREDENTIAL_KEYS).toContain("apiKey");
  });
});
