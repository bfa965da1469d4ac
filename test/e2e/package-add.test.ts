/**
 * `pulumi package add` as a user runs it, through the real CLI in projects that installed the packed
 * pulumi-novu tarball, with the language host and SDK generator of that installed package (not this
 * checkout's): a Node.js project adds the native novu package from its plugin launcher; our language
 * host generates the SDK (the generator the package ships, built into the cache once), links it into
 * package.json and installs it; a program importing it previews, ups (with its own preview),
 * previews clean and destroys against the emulator. A Pulumi YAML project gets what the README
 * says: `package add` stops at Link (pulumi-language-yaml v1.25.0 has none), and the `plugins:`
 * entry runs the same resource type.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { packageRoot } from "../../tools/package-root";
import { requiredPulumiVersion } from "../../tools/pulumi-cli/version";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { packedTarball } from "../helpers/packed-tarball";
import { withPulumi } from "../helpers/pulumi";

const ctx = withPulumi();
const emu: EmulatorHandle = withEmulator();
const root = packageRoot(__dirname);
const version = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
const PLUGIN = "./node_modules/pulumi-novu/bin/pulumi-resource-novu";

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });

/** The CLI in `cwd` as a user runs it: their project's pulumi-novu language host, found by the launcher. */
function pulumi(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...ctx.envVars };
  delete env.PULUMI_NOVU_LANGUAGE_HOST;
  return new Promise((resolve) => {
    execFile(ctx.cli.command, [...args, "--non-interactive"], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code) || 1 : 0, stdout, stderr });
    });
  });
}

async function ok(cwd: string, ...args: string[]): Promise<string> {
  const r = await pulumi(cwd, ...args);
  if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.stdout}${r.stderr}`);
  return r.stdout + r.stderr;
}

async function devStack(cwd: string): Promise<void> {
  await ok(cwd, "stack", "init", "dev");
  await ok(cwd, "config", "set", "novu:apiUrl", emu.url);
  await ok(cwd, "config", "set", "--secret", "novu:secretKey", emu.environments.development.apiKey);
}

const PLUGINS_ENTRY = "plugins:\n  providers:\n    - name: novu\n      path: ./node_modules/pulumi-novu/bin\n";

let app: string;

beforeAll(async () => {
  const tarball = await packedTarball();
  app = path.join(ctx.dir, "app");
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, "Pulumi.yaml"), `name: app\nruntime: nodejs\n${PLUGINS_ENTRY}`);
  fs.writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify(
      {
        name: "app",
        private: true,
        main: "index.ts",
        dependencies: { "@pulumi/pulumi": requiredPulumiVersion(), "pulumi-novu": `file:${tarball}` },
        devDependencies: { typescript: "~5.9.3" },
      },
      null,
      2,
    ) + "\n",
  );
  fs.writeFileSync(
    path.join(app, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, target: "es2020", module: "commonjs", moduleResolution: "node", skipLibCheck: true }, files: ["index.ts"] }),
  );
  npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], app);
}, 45 * 60_000);

describe("pulumi package add in a Node.js project", () => {
  it("generates the novu SDK, links it into package.json, installs it and tells how to import it", async () => {
    const r = await pulumi(app, "package", "add", PLUGIN);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout).toContain(`Successfully generated an SDK for the novu package at ${path.join(app, "sdks")}`);
    expect(r.stdout).toContain("Installing dependencies...");
    expect(r.stdout).toContain("Finished installing dependencies");
    expect(r.stdout).toContain('You can import the SDK in your TypeScript code with:\n\n  import * as novu from "@pulumi-novu/novu";\n');
    expect(r.stderr).toContain("Added package Novu");

    const manifest = JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(manifest.dependencies["@pulumi-novu/novu"]).toBe("file:sdks/novu");
    // The CLI records a plugin file as its package name and version (pulumi/pulumi#21349); the
    // plugins: entry, not this, is what lets the engine find the plugin.
    expect(parse(fs.readFileSync(path.join(app, "Pulumi.yaml"), "utf8")).packages).toEqual({ novu: `novu@${version}` });
    // Compiled by the SDK's postinstall with its own TypeScript, and resolvable from the program.
    expect(fs.existsSync(path.join(app, "sdks", "novu", "bin", "index.js"))).toBe(true);
    expect(fs.realpathSync(path.join(app, "node_modules", "@pulumi-novu", "novu"))).toBe(fs.realpathSync(path.join(app, "sdks", "novu")));
  });

  it("runs a program that imports the generated SDK: preview, up, a clean preview, destroy", async () => {
    fs.writeFileSync(
      path.join(app, "index.ts"),
      [
        'import * as novu from "@pulumi-novu/novu";',
        "",
        'const mail = new novu.Integration("mail", {',
        '  providerId: "sendgrid",',
        '  channel: "email",',
        '  credentials: { apiKey: "SG.package-add", from: "no-reply@acme.example", senderName: "Acme" },',
        "});",
        "export const integrationId = mail.integrationId;",
        "",
      ].join("\n"),
    );
    await devStack(app);
    expect(await ok(app, "preview")).toMatch(/\+\s+novu:index:Integration\s+mail\s+create/);
    expect(await ok(app, "up", "--yes")).toMatch(/\+\s+novu:index:Integration\s+mail\s+created/);
    const made = (await emu.control.state()).find((i) => i.identifier === "mail" && !i.deleted);
    expect(made).toMatchObject({ providerId: "sendgrid", channel: "email", active: true });
    await ok(app, "preview", "--expect-no-changes");
    await ok(app, "destroy", "--yes");
    expect((await emu.control.state()).find((i) => i._id === made!._id)?.deleted).toBe(true);
  });
});

describe("pulumi package add in a Pulumi YAML project", () => {
  it("stops at Link, and the plugins: entry the README gives runs the package's types", async () => {
    const yaml = path.join(ctx.dir, "yaml-app");
    fs.mkdirSync(yaml);
    fs.symlinkSync(path.join(app, "node_modules"), path.join(yaml, "node_modules"));
    const program = [
      "name: yaml-app",
      "runtime: yaml",
      "resources:",
      "  sms:",
      "    type: novu:Integration",
      "    properties:",
      "      providerId: twilio",
      "      channel: sms",
      "      credentials:",
      "        accountSid: AC-yaml",
      "        token:",
      "          fn::secret: tw-yaml-token",
      '        from: "+15550002"',
      "",
    ].join("\n");
    fs.writeFileSync(path.join(yaml, "Pulumi.yaml"), program);

    const added = await pulumi(yaml, "package", "add", PLUGIN);
    expect(added.code).not.toBe(0);
    expect(added.stderr).toContain("error: linking package: method Link not implemented");
    expect(fs.readFileSync(path.join(yaml, "Pulumi.yaml"), "utf8")).toBe(program);

    fs.writeFileSync(path.join(yaml, "Pulumi.yaml"), program + PLUGINS_ENTRY);
    await devStack(yaml);
    expect(await ok(yaml, "preview")).toMatch(/\+\s+novu:index:Integration\s+sms\s+create/);
  });
});
