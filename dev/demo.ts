/**
 * `npm run demo`: pulumi-novu end to end on a fresh machine, in about a minute. It starts the Novu
 * emulator, declares three integrations in a stack config (credentials as secrets), runs `up`, a
 * no-op `up`, catches an out-of-band change with `refresh`, repairs it with `up`, and prints what
 * Novu now holds. Everything lives under .pulumi-novu/demo (git-ignored); the emulator stops at the end.
 */
import * as automation from "@pulumi/pulumi/automation";
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { startEmulator } from "../emulator";
import { packageRoot } from "../tools/package-root";
import { pulumiEnvironment } from "../tools/pulumi-cli/environment";
import { locatePulumiCli } from "../tools/pulumi-cli/locate";

const STEPS = 7;
let step = 0;
const say = (text: string) => process.stdout.write(`\n[${++step}/${STEPS}] ${text}\n`);
/** Pulumi's per-resource lines, warnings and errors; the outputs block is shown once, at the end. */
const show = (chunk: string) => {
  for (const line of chunk.split("\n")) {
    const resource = /^\s*[+~-]+\s+pulumi-nodejs:dynamic\/novu:Integration\s.*\b(created|updated|deleted|refreshed|read)\b/.test(line);
    if (resource || /\b(error|warning):/.test(line)) process.stdout.write(`  │ ${line.trim()}\n`);
  }
};

/** The stack config a user would write in Pulumi.demo.yaml (secrets are set with --secret --path). */
const INTEGRATIONS = {
  "transactional-email": {
    providerId: "sendgrid",
    channel: "email",
    name: "SendGrid (transactional)",
    primary: true,
    credentials: { from: "no-reply@acme.example", senderName: "Acme" },
  },
  "alerts-sms": {
    providerId: "twilio",
    channel: "sms",
    primary: true,
    credentials: { accountSid: "AC0000demo", from: "+15550100" },
  },
  "ops-chat": {
    providerId: "slack",
    channel: "chat",
    credentials: { applicationId: "A0DEMO", clientId: "1234.5678" },
  },
};
const SECRETS: Record<string, string> = {
  "integrations.transactional-email.credentials.apiKey": "SG.demo-not-a-real-key",
  "integrations.alerts-sms.credentials.token": "twilio-demo-token",
  "integrations.ops-chat.credentials.secretKey": "slack-demo-secret",
  "integrations.ops-chat.credentials.signingSecret": "slack-demo-signing-secret",
};

async function main(): Promise<void> {
  const root = packageRoot();
  const started = Date.now();

  say("Starting the Novu emulator (a local Novu-compatible integrations API)");
  const emulator = await startEmulator({ port: 0 });
  process.stdout.write(`  novu-emulator listening on ${emulator.url}\n`);

  try {
    say("Preparing a local Pulumi stack (file backend, passphrase secrets) from stack config");
    const cli = await locatePulumiCli({ log: (l) => process.stdout.write(`  ${l}\n`) });
    process.stdout.write(`  Pulumi CLI v${cli.version} (${cli.source})\n`);
    // PULUMI_NOVU_DEMO_DIR moves it (the tests run the demo in a temp dir).
    const demoDir = path.resolve(process.env.PULUMI_NOVU_DEMO_DIR ?? path.join(root, ".pulumi-novu", "demo"));
    fs.rmSync(demoDir, { recursive: true, force: true });
    const projectDir = path.join(demoDir, "project");
    fs.mkdirSync(projectDir, { recursive: true });
    const main = path.relative(projectDir, path.join(root, "dist", "program", "index.js"));
    fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), `name: novu-demo\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: ${main}\n`);
    const env = pulumiEnvironment({ stateDir: demoDir, pathPrefix: [...cli.pathPrefix, path.dirname(process.execPath)], base: process.env });
    const envVars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
    const pulumiCommand = await automation.PulumiCommand.get({ root: path.dirname(cli.binDir) });
    const stack = await automation.LocalWorkspace.createOrSelectStack({ stackName: "demo", workDir: projectDir }, { pulumiCommand, envVars });
    // What a user writes by hand in Pulumi.demo.yaml; secrets are then added with --secret --path.
    const stackFile = path.join(projectDir, "Pulumi.demo.yaml");
    fs.appendFileSync(stackFile, stringify({ config: { "novu:apiUrl": emulator.url, "novu-demo:integrations": INTEGRATIONS } }));
    await stack.setConfig("novu:secretKey", { value: emulator.environments.development.apiKey, secret: true });
    for (const [key, value] of Object.entries(SECRETS)) await stack.setConfig(`novu-demo:${key}`, { value, secret: true }, true);
    process.stdout.write(`  stack config: ${path.relative(root, path.join(projectDir, "Pulumi.demo.yaml"))}\n`);

    say("pulumi up: create the integrations");
    const up = await stack.up({ onOutput: show, color: "never" });
    process.stdout.write(`  → ${describe(up.summary.resourceChanges)} (the stack itself counts as one resource)\n`);

    say("pulumi up again: nothing changed, so nothing is sent to Novu");
    const again = await stack.up({ onOutput: () => undefined, color: "never" });
    process.stdout.write(`  → ${describe(again.summary.resourceChanges)}\n`);

    say("Someone deactivates alerts-sms in the Novu dashboard; pulumi refresh catches it");
    const sms = (await novu(emulator.url, emulator.environments.development.apiKey, "GET", "/v1/integrations")).find(
      (i: { identifier: string }) => i.identifier === "alerts-sms",
    );
    await novu(emulator.url, emulator.environments.development.apiKey, "PUT", `/v1/integrations/${sms._id}`, { active: false });
    const refresh = await stack.refresh({ onOutput: show, color: "never" });
    process.stdout.write(`  → refresh: ${describe(refresh.summary.resourceChanges)}\n`);

    say("pulumi up: put it back as declared");
    const repair = await stack.up({ onOutput: show, color: "never" });
    process.stdout.write(`  → ${describe(repair.summary.resourceChanges)}\n`);

    say("What Novu now holds");
    const rows = (await novu(emulator.url, emulator.environments.development.apiKey, "GET", "/v1/integrations")) as Array<Record<string, unknown>>;
    table(rows.map((r) => ({
      identifier: String(r.identifier),
      provider: String(r.providerId),
      channel: String(r.channel),
      active: String(r.active),
      primary: String(r.primary),
      priority: String(r.priority ?? 0),
    })));
    process.stdout.write(`\nDone in ${Math.round((Date.now() - started) / 1000)} s. State and config: ${path.relative(root, demoDir)}/\n`);
    process.stdout.write(`Look around: PULUMI_NOVU_STATE_DIR=${path.relative(root, demoDir)} npm run pulumi -- --cwd ${path.relative(root, projectDir)} stack output --stack demo\n`);
  } finally {
    await emulator.close();
  }
}

function describe(changes: Record<string, number> | undefined): string {
  return Object.entries(changes ?? {}).map(([op, n]) => `${n} ${op}`).join(", ") || "no changes";
}

async function novu(url: string, key: string, method: string, route: string, body?: unknown): Promise<any> {
  const res = await fetch(url + route, {
    method,
    headers: { authorization: `ApiKey ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status}`);
  return ((await res.json()) as { data: unknown }).data;
}

function table(rows: Record<string, string>[]): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => "  " + cells.map((c, i) => c.padEnd(width[i]!)).join("  ") + "\n";
  process.stdout.write(line(cols) + line(width.map((w) => "─".repeat(w))));
  for (const r of rows) process.stdout.write(line(cols.map((c) => r[c]!)));
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
