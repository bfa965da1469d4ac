/**
 * The README's "Use it in your own project" words, run verbatim in an empty folder outside the
 * repository, as a new user would: the packed tarball beside it, the Pulumi CLI found through
 * `npx pulumi-novu install-cli` and run directly as `pulumi` (no PULUMI_NOVU_* variable but the
 * cache folder, no backend chosen for it), against the emulator. The three blocks run one after
 * another in that one folder against one Novu environment, as a reader trying each would, and each
 * block's integration must still be there after the next. The Pulumi YAML words install the native
 * plugin with `pulumi plugin install --file "$(npx pulumi-novu plugin-pack)"`, which packs into
 * pulumi-novu's cache, not the project, and declare no `plugins:` entry. Also: a project that
 * already has a newer @pulumi/pulumi keeps one copy of the SDK and runs `require("pulumi-novu")`
 * through up and destroy, the tarball ships no sources or tests, and a stock Pulumi TypeScript
 * project (`moduleResolution: node`) finds the types of `pulumi-novu/native` (the generated SDK) and
 * compiles with a full `tsc`.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../tools/package-root";
import { pluginTarballName } from "../../tools/plugin-pack/layout";
import { cacheRoot } from "../../tools/pulumi-cli/locate";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { packedTarball } from "../helpers/packed-tarball";
import { novuConfig, withPulumi } from "../helpers/pulumi";

const root = packageRoot(__dirname);
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version as string;

/** The ```sh block between `<!-- name:start … -->` and `<!-- name:end -->`. */
function readmeBlock(name: string): string {
  const block = new RegExp(`<!-- ${name}:start[^>]*-->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`).exec(readme);
  if (!block) throw new Error(`README.md has no ${name} block`);
  return block[1]!;
}

function run(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-euo", "pipefail", "-c", script], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

const ctx = withPulumi();
const emu: EmulatorHandle = withEmulator();
let tarball: string;
/** The user's pulumi-novu cache: ours, so plugin tarballs packed by the words land in the test's folder. */
let userCache: string;

beforeAll(async () => {
  tarball = await packedTarball();
  // The CLI this machine built once, seen from the user's cache; everything else in it is the test's.
  userCache = path.join(ctx.dir, "user-cache");
  fs.mkdirSync(userCache);
  const machineCache = cacheRoot();
  for (const entry of fs.existsSync(machineCache) ? fs.readdirSync(machineCache) : []) {
    if (entry.startsWith("pulumi-v")) fs.symlinkSync(path.join(machineCache, entry), path.join(userCache, entry));
  }
}, 10 * 60_000);

/**
 * A user's shell: this machine's environment (its CA certificates, locale…) with their own HOME
 * (and ~/.pulumi in it), Node 22 and the system tools on PATH, and nothing of ours: no other PULUMI_*
 * or PULUMI_NOVU_* setting and none of the variables `npm test` adds.
 */
function userEnvironment(home: string): NodeJS.ProcessEnv {
  const machine = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PULUMI_|npm_|NODE_OPTIONS$|INIT_CWD$|JEST_|NOVU_|XDG_CACHE_HOME$)/.test(k)));
  return {
    ...machine,
    HOME: home,
    // The CLI's own default for a user whose home this is. It reads the home from the passwd entry,
    // not HOME, so without this `pulumi plugin install` would write into this machine's ~/.pulumi.
    PULUMI_HOME: path.join(home, ".pulumi"),
    PATH: [path.dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(path.delimiter),
    // What the user brings: their keys, a passphrase for the local backend, their Novu.
    NOVU_SECRET_KEY: emu.environments.development.apiKey,
    SENDGRID_API_KEY: "SG.own-project-secret-1e2d",
    NOVU_API_URL: emu.url,
    PULUMI_CONFIG_PASSPHRASE: "own-project-passphrase",
    // This machine has no network but package registries: no update check, no plugin download.
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // The caches a machine already has (the npm packages, the CLI built once), not part of the words.
    npm_config_cache: path.join(process.env.HOME ?? "", ".npm"),
    PULUMI_NOVU_CACHE_DIR: userCache,
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}

/**
 * `pulumi login --local` keeps state under the real user's ~/.pulumi, whatever HOME says (the CLI
 * resolves `~` from the user's passwd entry), so the stack the words make is this machine's. The
 * test never runs over a stack it did not make, and removes the one it made.
 */
function localStackFile(project: string): string {
  return path.join(os.userInfo().homedir, ".pulumi", "stacks", project, "dev.json");
}

/** The README's blocks in their order, the project folder each makes, and the integration each declares. */
const BLOCKS = [
  { block: "own-project", folder: "novu-stack", identifier: "transactional-email" },
  { block: "own-project-config", folder: "novu-config", identifier: "welcome-email" },
  { block: "own-project-yaml", folder: "novu-yaml", identifier: "receipts-email" },
] as const;

describe("the README's own-project words, one block after another in one folder and one Novu environment", () => {
  // One reader: one folder beside the tarball (each block says "in the same folder as the tarball"), one home.
  const parent = () => path.join(ctx.dir, "user");
  const home = () => path.join(parent(), ".home");
  const cli = 'export PATH="$(npx pulumi-novu install-cli):$PATH"\n';

  beforeAll(() => {
    for (const { folder } of BLOCKS) {
      const stackFile = localStackFile(folder);
      if (fs.existsSync(stackFile)) {
        throw new Error(
          `${stackFile} exists: your local Pulumi backend already has a stack "dev" of project "${folder}", which the README's words create. ` +
            "This test leaves it alone; remove it (`pulumi stack rm dev --force` in that project) to run the test.",
        );
      }
    }
    fs.mkdirSync(home(), { recursive: true });
    fs.copyFileSync(tarball, path.join(parent(), path.basename(tarball)));
  });

  // Whatever happened, no stack of ours is left in this machine's local backend.
  afterAll(async () => {
    for (const { folder } of [...BLOCKS].reverse()) {
      const project = path.join(parent(), folder);
      if (fs.existsSync(localStackFile(folder))) await run(`${cli}pulumi stack rm dev --yes --force`, project, userEnvironment(home()));
    }
  }, 10 * 60_000);

  /** The development environment's integrations that are not deleted. */
  const live = async () => (await emu.control.state()).filter((i) => i._environmentId === emu.environments.development.id && !i.deleted);

  it.each(BLOCKS.map((b, i) => [b.block, i] as const))("%s: runs as written after the blocks before it, and their integrations stay as they were", async (block, index) => {
    const { code, output } = await run(readmeBlock(block), parent(), userEnvironment(home()));
    // On failure, what the user would have seen.
    if (code !== 0) throw new Error(`the README's words exited with ${code}:\n${output.slice(-3000)}`);
    expect(output).not.toContain("SG.own-project-secret-1e2d");

    // Each block so far made one integration of its own, none was replaced, and the first block's
    // primary is still the email primary: the later blocks claim none.
    const stored = await live();
    expect(stored.map((i) => i.identifier).sort()).toEqual(BLOCKS.slice(0, index + 1).map((b) => b.identifier).sort());
    for (const { identifier } of BLOCKS.slice(0, index + 1)) {
      const integration = stored.find((i) => i.identifier === identifier)!;
      expect(integration).toMatchObject({ providerId: "sendgrid", channel: "email", active: true, primary: identifier === "transactional-email" });
      expect(integration.credentials).toMatchObject({ apiKey: "SG.own-project-secret-1e2d" });
    }
    const everything = await emu.control.state();
    expect(new Set(everything.map((i) => i.identifier)).size).toBe(everything.length);

    if (block === "own-project-yaml") await expectInstalledPlugin(path.join(parent(), "novu-yaml"), home());
  }, 15 * 60_000);

  it("destroys each block's stack with the same CLI, run directly, leaving the environment empty", async () => {
    for (const { folder, identifier } of [...BLOCKS].reverse()) {
      const project = path.join(parent(), folder);
      const down = await run(`${cli}pulumi destroy --yes --skip-preview`, project, userEnvironment(home()));
      if (down.code !== 0) throw new Error(`destroy in ${folder} exited with ${down.code}:\n${down.output.slice(-2000)}`);
      expect((await live()).map((i) => i.identifier)).not.toContain(identifier);
      const rm = await run(`${cli}pulumi stack rm dev --yes`, project, userEnvironment(home()));
      if (rm.code !== 0) throw new Error(`stack rm in ${folder} exited with ${rm.code}:\n${rm.output.slice(-2000)}`);
      expect(fs.existsSync(localStackFile(folder))).toBe(false);
    }
    expect(await live()).toEqual([]);
  }, 15 * 60_000);
});

/**
 * The Pulumi YAML words ran the plugin the engine found installed in the user's ~/.pulumi (the
 * project names none, and nothing else put one on PATH). The tarball went to pulumi-novu's cache,
 * not the project; packing again there replaces it, while a folder named with --out keeps the
 * refusal.
 */
async function expectInstalledPlugin(project: string, home: string): Promise<void> {
  expect(fs.readFileSync(path.join(project, "Pulumi.yaml"), "utf8")).not.toMatch(/plugins:/);
  expect(fs.statSync(path.join(home, ".pulumi", "plugins", `resource-novu-v${version}`, "pulumi-resource-novu")).mode & 0o100).toBeTruthy();
  const ls = await run('export PATH="$(npx pulumi-novu install-cli):$PATH"\npulumi plugin ls', project, userEnvironment(home));
  expect(ls.output).toMatch(new RegExp(`^novu\\s+resource\\s+${version.replace(/\./g, "\\.")}\\s`, "m"));

  // Nothing in this machine's own ~/.pulumi (where the CLI would install without PULUMI_HOME).
  expect(fs.existsSync(path.join(os.userInfo().homedir, ".pulumi", "plugins", `resource-novu-v${version}`))).toBe(false);

  // No tarball in the user's folders; it is in the cache.
  const name = pluginTarballName(version, process.platform, process.arch);
  const cached = path.join(userCache, "plugins", name);
  expect(fs.readdirSync(project).filter((f) => f.endsWith(".tar.gz"))).toEqual([]);
  expect(fs.readdirSync(path.dirname(project)).filter((f) => f.endsWith(".tar.gz"))).toEqual([]);
  expect(fs.readdirSync(path.join(userCache, "plugins"))).toEqual([name]);

  // Packing the same version again (the words in another project) replaces it in the cache.
  const before = fs.statSync(cached);
  // (stdout only: the path, as `plugin="$(…)"` reads it)
  const again = await run("npx pulumi-novu plugin-pack 2>/dev/null", project, userEnvironment(home));
  expect(again).toEqual({ code: 0, output: `${cached}\n` });
  expect(fs.statSync(cached).ino).not.toBe(before.ino);
  expect(fs.readdirSync(path.join(userCache, "plugins"))).toEqual([name]);
  expect(fs.readdirSync(project).filter((f) => f.endsWith(".tar.gz"))).toEqual([]);

  // A folder the user names is theirs: an existing tarball there is refused, untouched.
  const mine = path.join(path.dirname(project), "plugins");
  fs.mkdirSync(mine);
  fs.copyFileSync(cached, path.join(mine, name));
  const kept = fs.statSync(path.join(mine, name));
  const refused = await run(`npx pulumi-novu plugin-pack --out ${mine}`, project, userEnvironment(home));
  expect(refused).toEqual({
    code: 2,
    output: `pulumi-novu: ${path.join(mine, name)} already exists; nothing was written. To replace it: pulumi-novu plugin-pack --out ${mine} --force\n`,
  });
  expect(fs.statSync(path.join(mine, name))).toMatchObject({ size: kept.size, mtimeMs: kept.mtimeMs });
}

describe("the packed tarball", () => {
  it("ships compiled JavaScript and type declarations, and no sources or tests", () => {
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n");
    expect(files).toEqual(expect.arrayContaining(["package/dist/provider/index.js", "package/dist/provider/index.d.ts", "package/dist/provider/dynamic/runtime.js"]));
    // `pulumi-novu/native`: the generated SDK, compiled, with the package.json its utilities read the plugin version from.
    expect(files).toEqual(expect.arrayContaining(["package/dist/sdk/nodejs/index.js", "package/dist/sdk/nodejs/index.d.ts", "package/dist/sdk/nodejs/package.json"]));
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => f.startsWith("package/test/") || f.startsWith("package/dist/dev/"))).toEqual([]);
  });
});

describe("a project that already has a newer @pulumi/pulumi", () => {
  it("keeps one copy of the SDK when it installs pulumi-novu, and runs up through the CLI", async () => {
    const project = path.join(ctx.dir, "newer-sdk");
    fs.mkdirSync(project);
    const env = { ...process.env, NODE_OPTIONS: "", npm_config_audit: "false", npm_config_fund: "false" };
    const npm = (args: string[]) => execFileSync("npm", args, { cwd: project, encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"] });
    npm(["init", "-y"]);
    npm(["install", "@pulumi/pulumi@3.276.0"]);
    npm(["install", tarball]);
    const tree = JSON.parse(npm(["ls", "@pulumi/pulumi", "--all", "--json"]));
    const versions = new Set<string>();
    const walk = (deps: Record<string, { version: string; dependencies?: Record<string, unknown> }> | undefined) => {
      for (const [name, dep] of Object.entries(deps ?? {})) {
        if (name === "@pulumi/pulumi") versions.add(dep.version);
        walk(dep.dependencies as typeof deps);
      }
    };
    walk(tree.dependencies);
    expect([...versions]).toEqual(["3.276.0"]);

    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: newer-sdk\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(project, "index.js"),
      'const { Integration } = require("pulumi-novu");\nexports.id = new Integration("newer-sdk-sms", { providerId: "twilio", channel: "sms", credentials: { accountSid: "AC1", token: "tw-newer", from: "+15550002" } }).integrationId;\n',
    );
    const stack = await ctx.projectStack(project, "dev", novuConfig(emu.url, emu.environments.development.apiKey));
    await stack.up();
    const id = (await stack.outputs()).id!.value as string;
    expect((await emu.control.state()).find((i) => i._id === id)).toMatchObject({ providerId: "twilio", channel: "sms", identifier: "newer-sdk-sms", active: true, deleted: false });
    await stack.destroy();
    expect((await emu.control.state()).find((i) => i._id === id)?.deleted).toBe(true);
  }, 15 * 60_000);
});

describe("a stock Pulumi TypeScript project", () => {
  // Pulumi's `typescript` template: its tsconfig.json (moduleResolution "node", which ignores
  // package.json `exports`) and its package.json (@pulumi/pulumi, @types/node), plus pulumi-novu.
  const TEMPLATE_TSCONFIG = {
    compilerOptions: {
      strict: true,
      outDir: "bin",
      target: "es2020",
      module: "commonjs",
      moduleResolution: "node",
      sourceMap: true,
      experimentalDecorators: true,
      pretty: true,
      noFallthroughCasesInSwitch: true,
      noImplicitReturns: true,
      forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
  };

  it("compiles a `pulumi-novu/native` program with the template's tsconfig and a full `tsc`, finds the other subpaths' types, requires it at run time, and previews", async () => {
    const project = path.join(ctx.dir, "novu-ts");
    fs.mkdirSync(project);
    const nodeTypes = JSON.parse(fs.readFileSync(path.join(root, "node_modules", "@types", "node", "package.json"), "utf8")).version as string;
    const typescriptVersion = JSON.parse(fs.readFileSync(path.join(root, "node_modules", "typescript", "package.json"), "utf8")).version as string;
    fs.writeFileSync(
      path.join(project, "package.json"),
      // Pulumi's template lists TypeScript 5 (`typescript: ^5.0.0`), which Pulumi then compiles the program with;
      // without it Pulumi falls back to its bundled TypeScript 3.8, which cannot read the zod 4 types of `pulumi-novu` (README, "Requirements").
      JSON.stringify({ name: "novu-ts", main: "index.ts", devDependencies: { "@types/node": nodeTypes, typescript: typescriptVersion }, dependencies: { "@pulumi/pulumi": "3.276.0", "pulumi-novu": `file:${tarball}` } }, null, 2),
    );
    fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify(TEMPLATE_TSCONFIG, null, 4));
    fs.writeFileSync(
      path.join(project, "index.ts"),
      [
        'import * as pulumi from "@pulumi/pulumi";',
        'import * as novu from "pulumi-novu/native";',
        "",
        "const config = new pulumi.Config();",
        'const production = new novu.Provider("production", { secretKey: config.requireSecret("productionKey"), apiUrl: config.require("apiUrl") });',
        'const mail = new novu.Integration("mail", {',
        '  providerId: "sendgrid",',
        "  channel: novu.Channel.Email,",
        '  credentials: { apiKey: config.requireSecret("sendgridApiKey"), from: "no-reply@acme.dev", senderName: "Acme" },',
        "}, { provider: production });",
        "export const mailId: pulumi.Output<string> = mail.integrationId;",
        "// The types are pulumi-novu's, not `any`: a wrong one is an error.",
        "if (process.env.PULUMI_NOVU_NEVER_SET) {",
        "  // @ts-expect-error channel is one of Novu's channels",
        '  new novu.Integration("bad", { providerId: "sendgrid", channel: "carrier-pigeon" });',
        "}",
        "",
      ].join("\n"),
    );
    // The package's other subpaths, type-checked beside it (not part of the program).
    fs.writeFileSync(
      path.join(project, "subpaths.ts"),
      [
        'import { Integration } from "pulumi-novu";',
        'import type { EmulatorOptions } from "pulumi-novu/emulator";',
        "export const dynamicClass: typeof Integration = Integration;",
        'export const emulatorPort: EmulatorOptions["port"] = 0;',
        "",
      ].join("\n"),
    );
    fs.writeFileSync(path.join(project, "tsconfig.subpaths.json"), JSON.stringify({ extends: "./tsconfig.json", files: ["index.ts", "subpaths.ts"] }, null, 4));
    const env = { ...process.env, NODE_OPTIONS: "", npm_config_audit: "false", npm_config_fund: "false" };
    execFileSync("npm", ["install"], { cwd: project, encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"] });

    // This repository's TypeScript, no network. `pulumi-novu/native`'s declarations are the generated
    // SDK's, which import nothing but @pulumi/pulumi: a full `tsc`, every library's own declarations
    // checked too, is clean with the template's tsconfig as it is.
    expect(tsc(project, "tsconfig.json")).toEqual({ code: 0, output: "" });
    // The dynamic `Integration`'s types come from zod 4, which reports TS1259 in its locale files
    // unless esModuleInterop or skipLibCheck is set (colinhacks/zod#5573); nothing else may be reported.
    const full = tsc(project, "tsconfig.subpaths.json");
    const diagnostics = full.output.split("\n").filter((l) => /^\S.*\(\d+,\d+\): error TS\d+:/.test(l));
    expect(diagnostics.filter((l) => !/^node_modules\/zod\/v4\/locales\/index\.d\.cts\(\d+,\d+\): error TS1259:/.test(l))).toEqual([]);
    expect(full.output).not.toContain("TS2307");
    // With skipLibCheck (what docs/native-provider.md advises for those; `tsc --init` writes it) it is clean.
    expect(tsc(project, "tsconfig.subpaths.json", "--skipLibCheck")).toEqual({ code: 0, output: "" });

    // At run time Node resolves the same subpaths through `exports`.
    const loaded = execFileSync(process.execPath, ["-e", 'const n = require("pulumi-novu/native"); console.log(typeof n.Integration, typeof n.Provider, typeof require("pulumi-novu/emulator").startEmulator)'], {
      cwd: project,
      encoding: "utf8",
      env,
    });
    expect(loaded.trim()).toBe("function function function");

    // And `pulumi preview` runs it as it is (Pulumi type-checks the program with the project's
    // TypeScript, not the libraries' declarations): the template's tsconfig needs no skipLibCheck.
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      `name: novu-ts\nruntime: nodejs\nplugins:\n  providers:\n    - name: novu\n      path: ${path.join(project, "node_modules", "pulumi-novu", "bin")}\n`,
    );
    const cli = async (...args: string[]) => {
      const r = await ctx.runCli([...args, "--stack", "dev"], project);
      if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")}: exit ${r.code}\n${r.stdout}${r.stderr}`);
      return r.stdout + r.stderr;
    };
    expect((await ctx.runCli(["stack", "init", "dev"], project)).code).toBe(0);
    await cli("config", "set", "--secret", "productionKey", emu.environments.development.apiKey);
    await cli("config", "set", "apiUrl", emu.url);
    await cli("config", "set", "--secret", "sendgridApiKey", "SG.stock-project-key");
    const preview = await cli("preview");
    expect(preview).toMatch(/\+\s+novu:index:Integration\s+mail\s+create/);
    expect(preview).not.toContain("SG.stock-project-key");
  }, 10 * 60_000);
});

/** `tsc -p <tsconfig> --noEmit --pretty false` of this repository's typescript in `project`. */
function tsc(project: string, tsconfig: string, ...flags: string[]): { code: number; output: string } {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", tsconfig, "--noEmit", "--pretty", "false", ...flags], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  return { code: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}
