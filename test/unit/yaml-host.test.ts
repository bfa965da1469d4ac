/**
 * A CLI of ours gets the Pulumi YAML language host beside it (tools/pulumi-cli/locate.ts): built
 * once when missing, also into a cache that already holds the CLI, never into another Pulumi
 * installation, and a failed build neither stops the CLI nor slows every command. The builds here
 * are fakes that write a file; test/e2e/yaml-host.test.ts runs the real one.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../tools/package-root";
import {
  ensureYamlLanguageHost,
  locatePulumiCli,
  YAML_HOST_FAILED,
  YAML_HOST_RETRY_MS,
  YAML_HOST_STAMP,
  type YamlHostBuilder,
} from "../../tools/pulumi-cli/locate";
import { PULUMI_YAML_VERSION, requiredPulumiVersion } from "../../tools/pulumi-cli/version";

const saved = { cache: process.env.PULUMI_NOVU_CACHE_DIR, path: process.env.PATH };
let dir: string;
let binDir: string;
let lines: string[];
const log = (l: string) => lines.push(l);
const host = () => path.join(binDir, "pulumi-language-yaml");

/** A builder that writes a host and records its calls; `fail` makes it throw instead. */
function fakeBuilder(opts: { fail?: boolean } = {}): YamlHostBuilder & { calls: Array<[string, string]> } {
  const calls: Array<[string, string]> = [];
  const build = async (version: string, bin: string) => {
    calls.push([version, bin]);
    if (opts.fail) throw new Error("building pulumi-language-yaml failed (exit 1)");
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, "pulumi-language-yaml"), `#!/bin/sh\n# fake ${calls.length}\n`, { mode: 0o755 });
  };
  return Object.assign(build, { calls });
}

function writeFakeCli(bin: string, version = requiredPulumiVersion()): void {
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, "pulumi"), `#!/bin/sh\necho v${version}\n`, { mode: 0o755 });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "yaml-host-"));
  binDir = path.join(dir, `pulumi-v${requiredPulumiVersion()}`, "bin");
  lines = [];
  process.env.PULUMI_NOVU_CACHE_DIR = dir;
  // Node only: no `pulumi` of the machine's, and no Go, so nothing real can be built by mistake.
  process.env.PATH = path.dirname(process.execPath) + path.delimiter + "/usr/bin:/bin";
});
afterEach(() => {
  process.env.PULUMI_NOVU_CACHE_DIR = saved.cache;
  process.env.PATH = saved.path;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("ensureYamlLanguageHost", () => {
  it("builds the host once, then finds it by its stamp", async () => {
    const builder = fakeBuilder();
    expect(await ensureYamlLanguageHost(binDir, { log, builder })).toBe(true);
    expect(await ensureYamlLanguageHost(binDir, { log, builder })).toBe(true);
    expect(builder.calls).toEqual([[PULUMI_YAML_VERSION, binDir]]);
    expect(fs.readFileSync(path.join(binDir, YAML_HOST_STAMP), "utf8")).toMatch(new RegExp(`^${PULUMI_YAML_VERSION} \\d+ `));
    // The build lock is gone.
    expect(fs.existsSync(path.join(path.dirname(binDir), ".build.lock"))).toBe(false);
  });

  it("rebuilds a host it did not build (no stamp, or the binary changed since)", async () => {
    fs.mkdirSync(binDir, { recursive: true });
    fs.writeFileSync(host(), "#!/bin/sh\n", { mode: 0o755 });
    const builder = fakeBuilder();
    await ensureYamlLanguageHost(binDir, { log, builder });
    fs.writeFileSync(host(), "#!/bin/sh\n# replaced by hand\n", { mode: 0o755 });
    await ensureYamlLanguageHost(binDir, { log, builder });
    expect(builder.calls).toHaveLength(2);
  });

  it("builds nothing when told not to build", async () => {
    const builder = fakeBuilder();
    expect(await ensureYamlLanguageHost(binDir, { log, builder, build: false })).toBe(false);
    expect(builder.calls).toEqual([]);
    expect(lines).toEqual([]);
  });

  it("says so when Go is missing, without failing", async () => {
    expect(await ensureYamlLanguageHost(binDir, { log })).toBe(false);
    expect(lines.join("\n")).toMatch(/pulumi-language-yaml v[\d.]+ is missing from .* Go is not installed .*runtime: yaml/);
    expect(fs.existsSync(path.join(binDir, YAML_HOST_FAILED))).toBe(false);
  });

  it("after a failed build, tells why and tries again only after an hour", async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const failing = fakeBuilder({ fail: true });
    expect(await ensureYamlLanguageHost(binDir, { log, builder: failing, now })).toBe(false);
    expect(lines.join("\n")).toMatch(/building pulumi-language-yaml failed/);
    expect(lines.join("\n")).toContain(path.join(binDir, YAML_HOST_FAILED));

    lines = [];
    clock += YAML_HOST_RETRY_MS - 1;
    expect(await ensureYamlLanguageHost(binDir, { log, builder: failing, now })).toBe(false);
    expect(failing.calls).toHaveLength(1);
    expect(lines.join("\n")).toMatch(/last build failed \(log: .*pulumi-language-yaml-build\.log\)/);

    clock += 1;
    const working = fakeBuilder();
    expect(await ensureYamlLanguageHost(binDir, { log, builder: working, now })).toBe(true);
    expect(working.calls).toHaveLength(1);
    expect(fs.existsSync(path.join(binDir, YAML_HOST_FAILED))).toBe(false);
  });

  it("waits for another process's build and uses its host", async () => {
    const lock = path.join(path.dirname(binDir), ".build.lock");
    fs.mkdirSync(lock, { recursive: true });
    setTimeout(() => {
      // The other process finishes: host, stamp, lock released.
      fakeBuilder()(PULUMI_YAML_VERSION, binDir, log).then(() => {
        const st = fs.statSync(host());
        fs.writeFileSync(path.join(binDir, YAML_HOST_STAMP), `${PULUMI_YAML_VERSION} ${st.size} ${st.mtimeMs}\n`);
        fs.rmSync(lock, { recursive: true });
      });
    }, 500);
    const builder = fakeBuilder();
    expect(await ensureYamlLanguageHost(binDir, { log, builder })).toBe(true);
    expect(builder.calls).toEqual([]);
    expect(lines.join("\n")).toMatch(/another process is building pulumi-language-yaml/);
  }, 20_000);
});

describe("locatePulumiCli and the YAML host", () => {
  it("builds the host into a cache that holds the CLI already", async () => {
    writeFakeCli(binDir);
    const builder = fakeBuilder();
    const cli = await locatePulumiCli({ log, buildYamlHost: builder });
    expect(cli.source).toBe("cache");
    expect(builder.calls).toEqual([[PULUMI_YAML_VERSION, binDir]]);
    expect(fs.existsSync(host())).toBe(true);
  });

  it("completes our cache when it is on PATH (pulumi-novu install-cli)", async () => {
    writeFakeCli(binDir);
    process.env.PATH = binDir + path.delimiter + process.env.PATH;
    const builder = fakeBuilder();
    const cli = await locatePulumiCli({ log, buildYamlHost: builder });
    expect(cli).toMatchObject({ source: "path", binDir });
    expect(builder.calls).toEqual([[PULUMI_YAML_VERSION, binDir]]);
  });

  it("writes nothing next to another Pulumi installation on PATH", async () => {
    const other = path.join(dir, "elsewhere", "bin");
    writeFakeCli(other);
    process.env.PATH = other + path.delimiter + process.env.PATH;
    const builder = fakeBuilder();
    const cli = await locatePulumiCli({ log, buildYamlHost: builder });
    expect(cli).toMatchObject({ source: "path", binDir: other });
    expect(builder.calls).toEqual([]);
    expect(fs.readdirSync(other)).toEqual(["pulumi"]);
    expect(lines).toEqual([]);
  });
});

describe("scripts/build-pulumi-yaml.sh", () => {
  const script = path.join(packageRoot(__dirname), "scripts", "build-pulumi-yaml.sh");

  it("stops with a clear message when Go is missing, writing nothing", () => {
    const r = spawnSync("bash", [script, PULUMI_YAML_VERSION, binDir], { encoding: "utf8", env: { PATH: "/usr/bin:/bin" } });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/Go is not installed: install Go .* pulumi-language-yaml v1\.25\.0/);
    expect(fs.existsSync(binDir)).toBe(false);
  });

  it("ships in the package beside the CLI build script", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(__dirname), "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toEqual(expect.arrayContaining(["scripts/build-pulumi-cli.sh", "scripts/build-pulumi-yaml.sh"]));
  });
});
