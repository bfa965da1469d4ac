import { currentPrimary, deactivationWarning, takeoverWarning } from "../../provider/planning/primary-moves";

const env = (c: string) => c.repeat(24);
const integration = (over: Record<string, unknown>) => ({
  _id: "a".repeat(24), _environmentId: env("e"), _organizationId: env("0"), providerId: "mailgun", channel: "email",
  name: "Mailgun", identifier: "dash", active: true, primary: true, priority: 1, deleted: false, conditions: [], ...over,
});
const claimant = { identifier: "mail", channel: "email", environmentId: undefined };

describe("primary moves (rules)", () => {
  it("finds the active primary of the claimant's channel and environment, never the claimant itself", () => {
    const list = [integration({ channel: "sms", identifier: "sms" }), integration({ identifier: "mail" }), integration({ active: false, identifier: "off" }), integration({})];
    expect(currentPrimary(claimant, list)?.identifier).toBe("dash");
    expect(currentPrimary({ ...claimant, environmentId: env("f") }, list)).toBeUndefined();
  });

  it("cannot tell which primary an organization-wide list means when the claimant names no environment", () => {
    const list = [integration({}), integration({ _environmentId: env("f"), identifier: "prod" })];
    expect(currentPrimary(claimant, list)).toBeUndefined();
    expect(currentPrimary({ ...claimant, environmentId: env("f") }, list)?.identifier).toBe("prod");
  });

  it("warns only about holders the deployment does not declare, and says when it cannot know", () => {
    const holder = integration({});
    expect(takeoverWarning(claimant, holder, ["dash", "mail"])).toBeUndefined();
    expect(takeoverWarning(claimant, holder, ["mail"])).toMatch(/from "dash" \(mailgun, a{24}\), which this deployment does not declare/);
    expect(takeoverWarning(claimant, holder, undefined)).toMatch(/which this deployment may not declare/);
  });

  it("warns about deactivating only the active primary of email or sms", () => {
    const state = { identifier: "mail", channel: "email", primary: true, active: true };
    expect(deactivationWarning(state, false)).toMatch(/"mail" is the email primary: deactivating it leaves the email channel without a primary/);
    expect(deactivationWarning(state, true)).toBeUndefined();
    expect(deactivationWarning({ ...state, primary: false }, false)).toBeUndefined();
    expect(deactivationWarning({ ...state, channel: "chat" }, false)).toBeUndefined();
  });
});
