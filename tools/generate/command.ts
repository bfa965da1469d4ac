/**
 * `pulumi-novu generate`: reads an environment's integrations from Novu and writes what declares
 * them (stack config by default), ready for adoption.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { unmanageableLabel } from "../../provider/client/listing";
import { NovuClient } from "../../provider/client/novu-client";
import { apiUrlSetting, readProviderSettings } from "../../provider/runtime/provider-config";
import { renderImportFile, renderStackConfig, renderTypeScript } from "./render";
import { mergeStackFile, StackFileConflictError, writeFileAtomically } from "./stack-file";

export const GENERATE_USAGE = `Usage: pulumi-novu generate [options]

Lists the integrations of one Novu environment and writes the stack config (or TypeScript) that
declares them with adopt: true, plus the commands to set their credentials as secrets.

Options:
  --out <file>            write here instead of standard output (e.g. Pulumi.prod.yaml). An existing
                          stack file is merged into: only <project>:integrations is written, every
                          other key (encryptionsalt, secure values, …) is kept
  --force                 replace <project>:integrations when the file already declares it (or an
                          existing --format typescript/import file); without it, generate refuses
  --format yaml|typescript|import
                          stack config for the config-driven program (default), a program, or a
                          \`pulumi import --file\` document for the native novu provider (every
                          integration as a novu:index:Integration; docs/native-provider.md)
  --project <name>        config namespace (default: the name in ./Pulumi.yaml, else pulumi-novu)
  --environment-id <id>   which environment, when the key sees several
  --api-url <url>         Novu API base URL (default: NOVU_API_URL, else by --region)
  --region us|eu          Novu Cloud region (default: NOVU_REGION, else us)
The Novu secret key is read from NOVU_SECRET_KEY (never from the command line, which shells log).`;

export async function generateCommand(argv: string[], io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string" },
      format: { type: "string", default: "yaml" },
      project: { type: "string" },
      "environment-id": { type: "string" },
      "api-url": { type: "string" },
      region: { type: "string" },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    io.out(GENERATE_USAGE + "\n");
    return 0;
  }
  if (values.format !== "yaml" && values.format !== "typescript" && values.format !== "import") {
    throw new UsageError(`--format must be yaml, typescript or import, not "${values.format}"`);
  }
  // Messages name what was used: --api-url/--region, else NOVU_API_URL/NOVU_REGION (and only NOVU_SECRET_KEY for the key).
  const flags: Record<string, string> = { "novu:apiUrl": "--api-url", "novu:region": "--region" };
  const settings = readProviderSettings(
    { kind: "command line", nameOf: (key) => flags[key], get: (key) => ({ "novu:apiUrl": values["api-url"], "novu:region": values.region })[key] },
    process.env,
  );
  const config = settings.config;
  const client = new NovuClient({
    apiUrl: config.apiUrl,
    apiUrlSetting: apiUrlSetting(settings.apiUrl),
    secretKey: config.secretKey,
    requestTimeoutMs: config.requestTimeoutMs,
  });
  try {
    const listing = await client.listAllIntegrations();
    const all = listing.integrations.filter((i) => !i.deleted);
    const environments = [...new Set(all.map((i) => i._environmentId))];
    const environmentId = values["environment-id"] ?? (environments.length <= 1 ? environments[0] : undefined);
    if (!environmentId && environments.length > 1) {
      throw new UsageError(`the key sees integrations of ${environments.length} environments (${environments.join(", ")}): choose one with --environment-id`);
    }
    if (values["environment-id"] !== undefined && !environments.includes(values["environment-id"])) {
      // Novu's API tells an API key nothing about environments beyond the integrations it lists.
      throw new UsageError(
        `the key sees no integration of environment ${values["environment-id"]}; nothing was written. ` +
          (environments.length > 0 ? `It sees integrations of: ${environments.join(", ")}` : "It sees no integrations at all") +
          " (a Novu API key belongs to one environment: use that environment's key)",
      );
    }
    const integrations = all.filter((i) => i._environmentId === environmentId);
    // What cannot be declared is named, never silently left out (nor allowed to fail the rest).
    for (const skipped of listing.unmanageable.filter((u) => u.environmentId === undefined || u.environmentId === environmentId)) {
      io.err(`pulumi-novu generate: skipped integration ${unmanageableLabel(skipped)}: ${skipped.reason}\n`);
    }
    const opts = { project: values.project ?? projectName(), source: config.apiUrl, environmentId: environmentId ?? "(none)" };
    const generated =
      values.format === "typescript" ? renderTypeScript(integrations, opts) : values.format === "import" ? renderImportFile(integrations) : renderStackConfig(integrations, opts);
    if (values.out) {
      const existing = fs.existsSync(values.out) ? fs.readFileSync(values.out, "utf8") : undefined;
      let text = generated.text;
      if (existing !== undefined && generated.stackFile) text = mergeStackFile(existing, generated.stackFile, values.out, values.force === true);
      else if (existing !== undefined && !values.force) {
        throw new StackFileConflictError(`${values.out} already exists; nothing was written. Re-run with --force to replace it, or choose another --out`);
      }
      writeFileAtomically(values.out, text);
      const what = existing === undefined ? "wrote" : generated.stackFile ? "merged" : "replaced";
      io.err(
        values.format === "import"
          ? `pulumi-novu generate: ${what} ${integrations.length} integration(s) to ${values.out}; import them with \`pulumi import --file ${values.out}\` in a project whose Pulumi.yaml names the novu plugin\n`
          : `pulumi-novu generate: ${what} ${integrations.length} integration(s) ${what === "merged" ? "into" : "to"} ${values.out}; set ${generated.credentials.filter((c) => c.required).length} required credential(s) as secrets (commands at the top of the file)\n`,
      );
    } else {
      io.out(generated.text);
    }
    return 0;
  } finally {
    await client.close();
  }
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}

function projectName(): string {
  const file = path.join(process.cwd(), "Pulumi.yaml");
  if (!fs.existsSync(file)) return "pulumi-novu";
  return (parse(fs.readFileSync(file, "utf8")) as { name?: string }).name ?? "pulumi-novu";
}
