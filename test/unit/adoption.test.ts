import { adoptedNotice, adoptionPreview, isNewResource, retainedNotice } from "../../provider/planning/adoption";
import { retainedOnDelete, wasAdopted } from "../../provider/planning/state";

const existing = {
  _id: "a".repeat(24), _environmentId: "e".repeat(24), _organizationId: "o".repeat(24), providerId: "sendgrid", channel: "email",
  name: "SendGrid", identifier: "legacy-mail", active: true, primary: true, priority: 1, deleted: false, conditions: [],
};

describe("adoption (rules and what the user is told)", () => {
  it("leaves an adopted integration in Novu on delete unless deleteAdopted is true", () => {
    expect(retainedOnDelete({ adopt: true, adopted: true, deleteAdopted: false })).toBe(true);
    expect(retainedOnDelete({ adopt: true, adopted: true, deleteAdopted: true })).toBe(false);
    expect(retainedOnDelete({ adopt: true, adopted: false, deleteAdopted: false })).toBe(false);
    expect(retainedOnDelete({ adopt: false, adopted: false })).toBe(false);
  });

  it("treats state from before the adopted flag as adopted when it had adopt: true", () => {
    expect(wasAdopted({ adopt: true })).toBe(true);
    expect(wasAdopted({ adopt: false })).toBe(false);
  });

  it("tells a create from an update by check's olds", () => {
    expect(isNewResource({})).toBe(true);
    expect(isNewResource({ providerId: "sendgrid", identifier: "x" })).toBe(false);
  });

  it("names the integration, and says what destroy will do and what to set", () => {
    expect(adoptionPreview({ identifier: "legacy-mail", deleteAdopted: false }, existing)).toBe(
      `integration "legacy-mail" exists in Novu (sendgrid email, ${"a".repeat(24)}): \`up\` will adopt it, not create it; \`pulumi destroy\` will leave it in Novu (set \`deleteAdopted: true\` to let destroy delete it)`,
    );
    expect(adoptionPreview({ identifier: "new-mail", deleteAdopted: false }, undefined)).toMatch(/"new-mail" does not exist in Novu yet: `up` will create it/);
    expect(adoptedNotice({ identifier: "legacy-mail", deleteAdopted: true }, existing)).toMatch(/adopted, not created; deleteAdopted: true, so `pulumi destroy` will delete it/);
    expect(retainedNotice({ identifier: "legacy-mail", integrationId: "a".repeat(24) })).toMatch(/left in Novu.*set `deleteAdopted: true` on it and run `pulumi up` before `pulumi destroy`/);
  });
});
