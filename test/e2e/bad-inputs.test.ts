/**
 * Malformed inputs are stopped at preview, each with a message naming its property, before any
 * request reaches Novu, and no credential value is ever echoed.
 *
 * The engine ends a preview at the first resource whose check fails ("resource … is invalid",
 * pkg/resource/deploy/step_generator.go), so a preview shows the errors of one resource only. To
 * keep the table cheap, malformed inputs that touch different properties share a resource (check
 * reports every shape error of a resource at once), and the stack is previewed until no resource
 * is left, each preview taking out the resource it stopped at. Inputs that only Novu's rules
 * reject (provider/channel, required credentials, primary) are checked once the shape is valid,
 * so each of them gets a resource of its own.
 */
import type { IntegrationArgs } from "../../provider";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { FRONT_END, type FrontEnd, FRONT_ENDS, integrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";

const SECRET = "SG.bad-inputs-secret-value-7e21c0";
const ENV = "66a0000000000000000000d1";

/** A malformed input: the one change to a valid integration, and the property path its error must name. */
interface Case {
  readonly label: string;
  readonly change: Record<string, unknown>;
  readonly property: string;
}

const BASE: Record<string, unknown> = { providerId: "sendgrid", channel: "email", credentials: { apiKey: SECRET, from: "a@acme.dev", senderName: "Acme" } };
const sendgridCredentials = (over: Record<string, unknown>) => ({ credentials: { apiKey: SECRET, from: "a@acme.dev", senderName: "Acme", ...over } });
const smtp = (over: Record<string, unknown>) => ({
  providerId: "nodemailer",
  credentials: { host: "smtp.acme.dev", port: "587", from: "a@acme.dev", senderName: "Acme", ...over },
});
const filter = (over: Record<string, unknown> = {}) => ({ field: "identifier", value: "acme", operator: "EQUAL", on: "tenant", ...over });
const conditions = (value: unknown) => ({ conditions: value });
const one = (label: string, change: Record<string, unknown>, property: string): Case => ({ label, change, property });

/** Malformed shapes: wrong types, unknown keys, empty strings, bad enums, broken conditions, huge values, odd unicode. */
const SHAPE_CASES: Case[] = [
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
const RULE_CASES: Case[] = [
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

/**
 * Cases the native `novu.Integration` class settles in the program before any check, as Pulumi's
 * generated SDKs do: it throws "Missing required property" (naming no resource), and sends only the
 * schema's keys, so an unknown or misspelt one is dropped (TypeScript's types refuse it at compile
 * time; Pulumi YAML checks keys against the package schema).
 */
const SETTLED_BY_THE_CLASS: Record<FrontEnd, readonly string[]> = {
  dynamic: [],
  native: ["a missing providerId", "an unknown property", "a misspelt property"],
};

/** A resource of the test stack and the malformed inputs it carries. */
interface Bad {
  readonly name: string;
  readonly cases: Case[];
}

/** Shape cases share resources when they touch different properties; rule cases get one each. */
function resources(frontEnd: FrontEnd): Bad[] {
  const shared: Bad[] = [];
  for (const c of SHAPE_CASES.filter((c) => !SETTLED_BY_THE_CLASS[frontEnd].includes(c.label))) {
    const fits = shared.find((r) => r.cases.every((other) => !Object.keys(other.change).some((k) => k in c.change)));
    if (fits) fits.cases.push(c);
    else shared.push({ name: `malformed-${shared.length + 1}`, cases: [c] });
  }
  return [...shared, ...RULE_CASES.map((c, i) => ({ name: `rule-${i + 1}`, cases: [c] }))];
}

function argsOf(bad: Bad): IntegrationArgs {
  const args: Record<string, unknown> = { ...BASE };
  for (const c of bad.cases) {
    for (const [key, value] of Object.entries(c.change)) {
      if (value === undefined) delete args[key];
      else args[key] = value;
    }
  }
  return args as IntegrationArgs;
}

const ctx = withPulumi();
const emu: EmulatorHandle = withEmulator();

describe.each(FRONT_ENDS)("malformed inputs (%s front-end)", (frontEnd) => {
  const all = resources(frontEnd);
  const cases = all.reduce((n, r) => n + r.cases.length, 0);

  it(`rejects ${cases} malformed inputs at preview, each naming its property, with no request to Novu`, async () => {
    expect(cases).toBeGreaterThanOrEqual(40);
    const s = await integrationsStack(ctx, emu, `bad-inputs-${frontEnd}`, Object.fromEntries(all.map((r) => [r.name, argsOf(r)])), {}, frontEnd);
    await emu.control.clearRequests();

    const errors = new Map<string, string[]>();
    const remaining = new Map(all.map((r) => [r.name, r]));
    let transcript = "";
    while (remaining.size > 0) {
      const failed = await s.preview().then(
        () => undefined,
        (e: unknown) => String(e),
      );
      // The rest passed preview, reported below; asked twice, since an inline program that lost its
      // engine connection at start registers nothing and so "passes" (the Automation API swallows it).
      if (failed === undefined && (await s.preview().then(() => true, () => false))) break;
      if (failed === undefined) continue;
      transcript += failed;
      const named = [...errorsByResource(failed, FRONT_END[frontEnd].type)].filter(([name]) => remaining.has(name));
      if (named.length === 0) throw new Error(`a preview failed without naming a remaining resource:\n${failed}`);
      for (const [name, lines] of named) {
        errors.set(name, lines);
        remaining.delete(name);
      }
      s.declare(Object.fromEntries([...remaining.values()].map((r) => [r.name, argsOf(r)])));
    }

    // Every malformed input is named by an error of its resource…
    const problems: string[] = [];
    for (const r of all) {
      const lines = errors.get(r.name);
      if (!lines) {
        problems.push(`${r.name} passed preview (${r.cases.map((c) => c.label).join("; ")})`);
        continue;
      }
      for (const c of r.cases) {
        if (!lines.some((line) => namesProperty(line, c.property))) problems.push(`${r.name}: ${c.label} should name ${c.property}: ${lines.join(" | ")}`);
      }
      // …and every error belongs to one of them: none is another input's side effect.
      for (const line of lines) {
        if (!r.cases.some((c) => namesProperty(line, c.property))) problems.push(`${r.name}: an error no malformed input explains: ${line}`);
      }
    }
    expect(problems).toEqual([]);

    expect(await emu.control.requests()).toEqual([]);
    expect(transcript).toContain("credentials.apiKey");
    // Readable: the engine is never handed a property whose value it would print (`value {<nil>}`, or a secret).
    expect(transcript).toMatch(/resource '[^']+' has a problem: credentials\.apiKey: /);
    expect(transcript).not.toContain("value {");
    expect(transcript + s.output.join("")).not.toContain(SECRET);
  });
});

/**
 * The engine's diagnostics: `  <type> (<name>):` then `    error: …` entries, an entry going on
 * over further lines when a printed value holds a newline.
 */
function errorsByResource(output: string, type: string): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of output.split("\n")) {
    const header = line.startsWith(`  ${type} (`) ? /^ {2}\S+ \(([^)]+)\):$/.exec(line) : null;
    if (header) {
      current = header[1];
      errors.set(current!, []);
      continue;
    }
    if (current === undefined) continue;
    if (line.trim() === "" || /^ {0,2}\S/.test(line)) {
      current = undefined;
      continue;
    }
    const entries = errors.get(current)!;
    const error = /^\s+error: (.*)$/.exec(line);
    if (error) entries.push(error[1]!);
    else if (entries.length > 0) entries[entries.length - 1] += "\n" + line;
  }
  return errors;
}

/** Our check failures read `<path>: <reason>`, after the engine's `has a problem: `. */
function namesProperty(error: string, property: string): boolean {
  const escaped = property.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`has a problem: ${escaped}: `).test(error);
}
