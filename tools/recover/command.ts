/**
 * `pulumi-novu recover`: after a killed `pulumi up` of a stack using the native `novu` provider,
 * takes over every integration the killed run made and drops its pending creates, in one command.
 * What may be taken over is decided in provider/planning/recovery.ts; this file is the I/O: the
 * checkpoint, one list per provider, `pulumi import --file`, and `pulumi refresh
 * --clear-pending-creates` limited to what it imported (run only when every pending create is
 * settled, since Pulumi drops them all at once).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { NovuClient } from "../../provider/client/novu-client";
import { isStackUrn, providerUrnOf } from "../../provider/planning/urn";
import { planRecovery, type RecoveryStep } from "../../provider/planning/recovery";
import { apiUrlSetting, readProviderSettings, type ConfigSource } from "../../provider/runtime/provider-config";
import { UsageError } from "../generate/command";
import {
  type ExportedStack,
  exportedStackSchema,
  INTEGRATION_TYPE,
  otherPendingCreates,
  ownedIntegrationIds,
  type PendingIntegrationCreate,
  pendingIntegrationCreates,
  providerInState,
  recordedIds,
  stackCreated,
  stackUrn,
} from "./checkpoint";
import { PulumiCommandError, pulumiRunner, type PulumiRunner } from "./pulumi-runner";

export const RECOVER_USAGE = `Usage: pulumi-novu recover [--stack <name>] [--cwd <dir>]

After a \`pulumi up\` of a stack using the native novu provider was killed (a cancelled CI job):
takes over, with \`pulumi import\`, every integration the killed run made in Novu, and drops the
pending creates it left in the checkpoint. Then run \`pulumi up\`. Run \`pulumi cancel --yes\` first if the stack is still locked by the killed run.

An integration is taken over only when it holds the identifier, provider and channel the
interrupted create declared, no resource of the stack owns it, and Novu made it after the killed
run began (after the stack's last successful update); anything else is left as it is, with the
reason, and the pending creates are then kept (Pulumi drops them only all at once).

  --stack <name>   the stack (default: the selected stack)
  --cwd <dir>      the Pulumi project directory (default: the current directory)`;

interface Io {
  out(s: string): void;
  err(s: string): void;
}

export async function recoverCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { stack: { type: "string" }, cwd: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true });
  if (values.help) {
    io.out(RECOVER_USAGE + "\n");
    return 0;
  }
  const cwd = path.resolve(values.cwd ?? ".");
  if (!fs.existsSync(path.join(cwd, "Pulumi.yaml")) && !fs.existsSync(path.join(cwd, "Pulumi.yml"))) {
    throw new UsageError(`${cwd} is not a Pulumi project (no Pulumi.yaml): run this in the project directory, or pass --cwd <dir>`);
  }
  const pulumi = pulumiRunner(cwd, values.stack);
  const withSecrets = parseCheckpoint(await pulumi.capture(["stack", "export", "--show-secrets"]));
  const creates = pendingIntegrationCreates(withSecrets);
  const others = otherPendingCreates(withSecrets);
  if (creates.length === 0) {
    io.out(`No interrupted create of a ${INTEGRATION_TYPE} in this stack: nothing to recover.\n`);
    if (others.length > 0) io.out(otherPendingNote(others));
    return 0;
  }
  io.err(`Found ${creates.length} interrupted create${creates.length === 1 ? "" : "s"} of ${INTEGRATION_TYPE}; asking Novu which of them landed…\n`);

  const since = await killedRunBegan(pulumi, withSecrets);
  const context = { owned: ownedIntegrationIds(withSecrets), recordedIds: recordedIds(withSecrets), ...(since !== undefined ? { since } : {}) };
  const steps: RecoveryStep<PendingIntegrationCreate>[] = [];
  for (const [ref, group] of byProvider(creates)) {
    const listed = await listThrough(withSecrets, ref);
    for (const create of group) steps.push(planRecovery(create, listed, context));
  }

  const takeOvers = steps.filter((s): s is Extract<RecoveryStep<PendingIntegrationCreate>, { kind: "take-over" }> => s.kind === "take-over");
  if (takeOvers.length > 0) {
    io.err(`Taking over ${takeOvers.length} integration${takeOvers.length === 1 ? "" : "s"} with \`pulumi import\`…\n`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-novu-recover-"));
    try {
      const file = path.join(dir, "import.json");
      fs.writeFileSync(file, JSON.stringify(importFile(takeOvers, withSecrets), null, 2));
      await pulumi.show(["import", "--file", file, "--yes", "--protect=false", "--generate-code=false"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  // Pulumi drops pending creates only all at once (`refresh --clear-pending-creates`; `stack import`
  // drops every pending operation), so it is done only when all of them are settled here.
  const left = steps.filter((s) => s.kind === "left").length;
  const cleared = left === 0 && others.length === 0;
  if (cleared) {
    // Each settled resource the state now records; the stack alone when none (the drop is the same).
    const recorded = steps.filter((s) => s.kind === "take-over" || s.kind === "recorded").map((s) => s.create.urn);
    const targets = recorded.length > 0 ? recorded : [stackUrn(withSecrets)].filter((u): u is string => u !== undefined);
    await pulumi.show(["refresh", "--clear-pending-creates", "--yes", "--skip-preview", ...targets.flatMap((urn) => ["--target", urn])]);
  }

  io.out(summary(steps));
  if (others.length > 0) io.out(otherPendingNote(others));
  if (cleared) io.out("Next: `pulumi up`.\n");
  else io.out(`Next: settle what is left (see above), run \`pulumi refresh --clear-pending-creates --yes\` to drop the pending creates, then \`pulumi up\`.\n`);
  return cleared ? 0 : 1;
}

function parseCheckpoint(text: string): ExportedStack {
  const parsed = exportedStackSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new PulumiCommandError(`\`pulumi stack export\` gave a checkpoint this command cannot read (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/**
 * The killed run began no earlier than this: after the stack's last successful update ended, and
 * after the stack itself was first recorded (which a first `up`, killed, already did).
 */
async function killedRunBegan(pulumi: PulumiRunner, stack: ExportedStack): Promise<number | undefined> {
  const history = JSON.parse((await pulumi.capture(["stack", "history", "--json", "--page-size", "50"])) || "[]") as { result?: string; endTime?: string }[];
  const last = history.find((u) => u.result === "succeeded" && u.endTime);
  const bounds = [last?.endTime, stackCreated(stack)].filter((t): t is string => t !== undefined).map(Date.parse).filter((t) => !Number.isNaN(t));
  return bounds.length > 0 ? Math.max(...bounds) : undefined;
}

function byProvider(creates: readonly PendingIntegrationCreate[]): Map<string, PendingIntegrationCreate[]> {
  const groups = new Map<string, PendingIntegrationCreate[]>();
  for (const create of creates) groups.set(create.provider ?? "", [...(groups.get(create.provider ?? "") ?? []), create]);
  return groups;
}

/** One list of integrations, with the key and URL of the provider the creates went through (its stack config, or its arguments). */
async function listThrough(stack: ExportedStack, ref: string) {
  const provider = providerInState(stack, ref);
  const source: ConfigSource = provider?.isDefault === false
    ? { kind: "provider argument", get: (key) => provider.settings[key.replace(/^novu:/, "")], nameOf: (key) => key.replace(/^novu:/, "") }
    : { get: (key) => provider?.settings[key.replace(/^novu:/, "")] };
  const settings = readProviderSettings(source, process.env);
  const client = new NovuClient({
    apiUrl: settings.config.apiUrl,
    apiUrlSetting: apiUrlSetting(settings.apiUrl),
    secretKey: settings.config.secretKey,
    requestTimeoutMs: settings.config.requestTimeoutMs,
  });
  return client.listIntegrations();
}

/** `pulumi import --file`: each integration under the name, parent and provider its create had, so the program's next `up` finds it. */
function importFile(takeOvers: readonly Extract<RecoveryStep<PendingIntegrationCreate>, { kind: "take-over" }>[], stack: ExportedStack) {
  const nameTable: Record<string, string> = {};
  const key = (urn: string) => {
    const found = Object.entries(nameTable).find(([, u]) => u === urn)?.[0];
    if (found) return found;
    const name = `__recover-${Object.keys(nameTable).length}`;
    nameTable[name] = urn;
    return name;
  };
  const resources = takeOvers.map(({ create, integrationId }) => {
    const provider = providerInState(stack, create.provider);
    return {
      type: INTEGRATION_TYPE,
      name: create.name,
      id: integrationId,
      ...(create.parent && !isStackUrn(create.parent) ? { parent: key(create.parent) } : {}),
      ...(provider && !provider.isDefault ? { provider: key(providerUrnOf(provider.ref)) } : {}),
    };
  });
  return { nameTable, resources };
}


function summary(steps: readonly RecoveryStep[]): string {
  const lines = steps.map((s) =>
    s.kind === "take-over"
      ? `  taken over  ${s.create.name}: integration ${s.integrationId} ("${s.create.identifier}"), made by the killed run`
      : s.kind === "never-landed"
        ? `  cleared     ${s.create.name}: its create never reached Novu; \`pulumi up\` creates it`
        : s.kind === "recorded"
          ? `  cleared     ${s.create.name}: integration ${s.integrationId} ("${s.create.identifier}") is in the state already (a later \`up\` made it)`
          : `  left        ${s.create.name}: ${s.reason}`,
  );
  return `Recovered ${steps.filter((s) => s.kind !== "left").length} of ${steps.length} interrupted creates:\n${lines.join("\n")}\n`;
}

function otherPendingNote(urns: readonly string[]): string {
  return `Pending creates of other resource types are left for you (\`pulumi refresh\` asks about each):\n${urns.map((u) => `  ${u}`).join("\n")}\n`;
}
