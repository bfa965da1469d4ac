/**
 * Malformed inputs, each the one change to a valid integration and the property path its error
 * must name: shared by the runtime tier (test/runtime/bad-inputs.test.ts: every case, both
 * front-ends' check paths) and the engine test (test/e2e/bad-inputs.test.ts: the message's shape).
 */
export const SECRET = "SG.bad-inputs-secret-value-7e21c0";
const ENV = "66a0000000000000000000d1";

/** A malformed input: the one change to a valid integration, and the property path its error must name. */
export interface Case {
  readonly label: string;
  readonly change: Record<string, unknown>;
  readonly property: string;
}

export const BASE: Record<string, unknown> = { providerId: "sendgrid", channel: "email", credentials: { apiKey: SECRET, from: "a@acme.dev", senderName: "Acme" } };
const sendgridCredentials = (over: Record<string, unknown>) => ({ credentials: { apiKey: SECRET, from: "a@acme.dev", senderName: "Acme", ...over } });
const smtp = (over: Record<string, unknown>) => ({
  providerId: "nodemailer",
  credentials: { host: "smtp.acme.dev", port: "587", from: "a@acme.dev", senderName: "Acme", ...over },
});
const filter = (over: Record<string, unknown> = {}) => ({ field: "identifier", value: "acme", operator: "EQUAL", on: "tenant", ...over });
const conditions = (value: unknown) => ({ conditions: value });
const one = (label: string, change: Record<string, unknown>, property: string): Case => ({ label, change, property });

/** Malformed shapes: wrong types, unknown keys, empty strings, bad enums, broken conditions, huge values, odd unicode. */
export const SHAPE_CASES: Case[] = [
  one("providerId of the wrong type", { providerId: 42 }, "providerId"),
  one("channel of the wrong type", { channel: 5 }, "channel"),
  one("active as a string", { active: "yes" }, "active"),
  one("primary as a string", { primary: "true" }, "primary"),
  one("check as a number", { check: 1 }, "check"),
  one("adopt as a string", { adopt: "no" }, "adopt"),
  one("name as a number", { name: 123 }, "name"),
  one("removeNovuBranding as a string", { removeNovuBranding: "no" }, "removeNovuBranding"),
  one("environmentId as a number", { environmentId: 123 }, "environmentId"),
  one("credentials as a string", { credentials: SECRET }, "credentials"),
  one("a credential as a number", sendgridCredentials({ apiKey: 42 }), "credentials.apiKey"),
  one("a boolean credential as a string", smtp({ secure: "yes" }), "credentials.secure"),
  one("conditions as a string", conditions("tenant=acme"), "conditions"),
  one("an unknown property", { colour: "blue" }, "colour"),
  one("a misspelt property", { primery: true }, "primery"),
  one("a misspelt credential key", sendgridCredentials({ apikey: SECRET }), "credentials.apikey"),
  one("an unknown key in a condition", conditions([{ children: [filter()], extra: 1 }]), "conditions.0.extra"),
  one("an unknown key in a filter", conditions([{ children: [filter({ foo: "x" })] }]), "conditions.0.children.0.foo"),
  one("an empty providerId", { providerId: "" }, "providerId"),
  one("a missing providerId", { providerId: undefined }, "providerId"),
  one("an empty name", { name: "" }, "name"),
  one("an empty identifier", { identifier: "" }, "identifier"),
  one("an empty environmentId", { environmentId: "" }, "environmentId"),
  one("an empty filter field", conditions([{ children: [filter({ field: "" })] }]), "conditions.0.children.0.field"),
  one("an unknown channel", { channel: "fax" }, "channel"),
  one("a channel in capitals", { channel: "EMAIL" }, "channel"),
  one("an unknown operator", conditions([{ children: [filter({ operator: "EQUALS" })] }]), "conditions.0.children.0.operator"),
  one("an unknown filter target", conditions([{ children: [filter({ on: "user" })] }]), "conditions.0.children.0.on"),
  one("an unknown condition value", conditions([{ value: "XOR", children: [filter()] }]), "conditions.0.value"),
  one("an unknown condition type", conditions([{ type: "STRING", children: [filter()] }]), "conditions.0.type"),
  one("children as a string", conditions([{ children: "test" }]), "conditions.0.children"),
  one("a condition without children", conditions([{ isNegated: false }]), "conditions.0.children"),
  one("a filter value as a number", conditions([{ children: [filter({ value: 5 })] }]), "conditions.0.children.0.value"),
  one("a condition that is not an object", conditions(["tenant"]), "conditions.0"),
  one("a 300-character name", { name: "N".repeat(300) }, "name"),
  one("a 300-character identifier", { identifier: "i".repeat(300) }, "identifier"),
  one("a 70 KB credential", sendgridCredentials({ apiKey: SECRET + "x".repeat(70_000) }), "credentials.apiKey"),
  one("51 conditions", conditions(Array.from({ length: 51 }, () => ({ children: [filter()] }))), "conditions"),
  one("101 filters in a condition", conditions([{ children: Array.from({ length: 101 }, () => filter()) }]), "conditions.0.children"),
  one("a port above 65535", smtp({ port: 70000 }), "credentials.port"),
  one("a port that is not a number", smtp({ port: "smtp" }), "credentials.port"),
  one("an accented identifier", { identifier: "café" }, "identifier"),
  one("an emoji in the identifier", { identifier: "mail-📧" }, "identifier"),
  one("a zero-width space in the identifier", { identifier: "mail\u200b" }, "identifier"),
  one("a bidi override in the identifier", { identifier: "mail\u202e" }, "identifier"),
  one("a space in the identifier", { identifier: "my mail" }, "identifier"),
  one("a slash in the identifier", { identifier: "mail/primary" }, "identifier"),
  one("a control character in the name", { name: "Mail\u0007Bell" }, "name"),
  one("a newline in the name", { name: "Mail\nInjected: line" }, "name"),
  one("a blank name", { name: "   " }, "name"),
  one("an invisible name", { name: "\u200b\u200d\ufeff" }, "name"),
  one("a short environmentId", { environmentId: "66a0" }, "environmentId"),
  one("an environmentId that is not hex", { environmentId: "zz" + ENV.slice(2) }, "environmentId"),
];

/** Well-formed, but against Novu's catalogue or rules: checked once the shape is valid, one resource each. */
export const RULE_CASES: Case[] = [
  one("sendgrid on the sms channel", { channel: "sms" }, "channel"),
  one("twilio on the email channel", { providerId: "twilio", credentials: { accountSid: "AC1", token: SECRET, from: "+15550100" } }, "channel"),
  one("a misspelt provider", { providerId: "sendgird" }, "providerId"),
  one("primary on a push integration", { providerId: "fcm", channel: "push", primary: true, credentials: { serviceAccount: SECRET } }, "primary"),
  one("an inactive primary", { primary: true, active: false }, "primary"),
  // On sms, so that it does not also claim the email primary of "an inactive primary": that
  // conflict is real but not this case's, and whether it shows depends on which preview round reports which.
  one(
    "conditions on a primary",
    { providerId: "twilio", channel: "sms", credentials: { accountSid: "AC1", token: SECRET, from: "+15550100" }, primary: true, conditions: [{ children: [filter()] }] },
    "conditions",
  ),
  one("a missing required credential", { credentials: { apiKey: SECRET, senderName: "Acme" } }, "credentials.from"),
  one("an empty required credential", sendgridCredentials({ apiKey: "" }), "credentials.apiKey"),
  one("another provider's credential", sendgridCredentials({ token: SECRET }), "credentials.token"),
];


/** A valid integration with `cases`' changes applied (an `undefined` value removes the key). */
export function argsOf(cases: readonly Case[]): Record<string, unknown> {
  const args: Record<string, unknown> = { ...BASE };
  for (const c of cases) {
    for (const [key, value] of Object.entries(c.change)) {
      if (value === undefined) delete args[key];
      else args[key] = value;
    }
  }
  return args;
}
