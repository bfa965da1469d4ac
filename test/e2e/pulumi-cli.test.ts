/** `npm run pulumi -- <args>` (dist/tools/pulumi.js): the pinned CLI in an offline-safe environment. */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../tools/package-root";
import { locatePulumiCli } from "../../tools/pulumi-cli/locate";

const root = packageRoot(__dirname);

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, "dist/tools/pulumi.js"), ...args], { cwd: root, env: { ...env, NODE_OPTIONS: "" } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run pulumi", () => {
  let tmp: string;
  beforeAll(async () => {
    await locatePulumiCli(); // builds it once if this machine has none yet
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-novu-cli-"));
  }, 45 * 60_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("prints the version pinned by the @pulumi/pulumi dependency", async () => {
    const pinned = require("@pulumi/pulumi/package.json").version;
    const r = await run(["version"], process.env);
    expect(r).toMatchObject({ code: 0, stdout: `v${pinned}\n` });
  });

  it("uses a local file backend by default, and the user's exported settings when given", async () => {
    const state = path.join(tmp, "state");
    const own = path.join(tmp, "own-backend");
    fs.mkdirSync(own);
    const byDefault = await run(["--cwd", root, "whoami", "--verbose"], { ...process.env, PULUMI_NOVU_STATE_DIR: state, PULUMI_BACKEND_URL: "" });
    expect(byDefault.code).toBe(0);
    expect(byDefault.stdout).toContain(`Backend URL: file://${path.join(state, "backend")}?metadata=skip`);
    const exported = await run(["--cwd", root, "whoami", "--verbose"], { ...process.env, PULUMI_NOVU_STATE_DIR: state, PULUMI_BACKEND_URL: `file://${own}` });
    expect(exported.stdout).toContain(`Backend URL: file://${own}`);
  });

  describe("the passphrase of the local state dir", () => {
    const project = () => {
      const dir = fs.mkdtempSync(path.join(tmp, "project-"));
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: passphrase-check\nruntime: nodejs\n");
      return dir;
    };
    const env = (state: string, extra: NodeJS.ProcessEnv = {}) => {
      const { PULUMI_CONFIG_PASSPHRASE: _p, PULUMI_CONFIG_PASSPHRASE_FILE: _f, PULUMI_BACKEND_URL: _b, PULUMI_HOME: _h, ...rest } = process.env;
      return { ...rest, PULUMI_NOVU_STATE_DIR: state, ...extra };
    };

    it("is random, made on first use, readable by its owner only, and encrypts the stack's secrets", async () => {
      const state = path.join(tmp, "fresh-state");
      const dir = project();
      expect((await run(["--cwd", dir, "stack", "init", "dev"], env(state))).code).toBe(0);
      expect((await run(["--cwd", dir, "config", "set", "--secret", "novu:secretKey", "nv-passphrase-check"], env(state))).code).toBe(0);
      const file = path.join(state, "passphrase");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(file, "utf8")).not.toContain("pulumi-novu-local");
      expect(fs.readFileSync(file, "utf8").length).toBeGreaterThanOrEqual(32);
      expect(await run(["--cwd", dir, "config", "get", "novu:secretKey"], env(state))).toMatchObject({ code: 0, stdout: "nv-passphrase-check\n" });
      // The published passphrase does not open it.
      const withPublished = await run(["--cwd", dir, "config", "get", "novu:secretKey"], env(state, { PULUMI_CONFIG_PASSPHRASE: "pulumi-novu-local" }));
      expect(withPublished.code).not.toBe(0);
      expect(withPublished.stdout).not.toContain("nv-passphrase-check");
    });

    it("keeps opening stacks made with the old published passphrase, and warns about it on every run", async () => {
      const state = path.join(tmp, "old-state");
      const dir = project();
      // What earlier versions did: the fixed passphrase, no passphrase file.
      const old = env(state, { PULUMI_CONFIG_PASSPHRASE: "pulumi-novu-local" });
      expect((await run(["--cwd", dir, "stack", "init", "dev"], old)).code).toBe(0);
      expect((await run(["--cwd", dir, "config", "set", "--secret", "novu:secretKey", "nv-old-stack"], old)).code).toBe(0);
      expect(fs.existsSync(path.join(state, "passphrase"))).toBe(false);

      const now = await run(["--cwd", dir, "config", "get", "novu:secretKey"], env(state));
      expect(now).toMatchObject({ code: 0, stdout: "nv-old-stack\n" });
      expect(now.stderr).toContain('encrypted with the published passphrase "pulumi-novu-local"');
      expect(fs.statSync(path.join(state, "passphrase")).mode & 0o777).toBe(0o600);
      expect((await run(["--cwd", dir, "stack", "ls"], env(state))).stderr).toContain("published passphrase");
    });
  });

  it("keeps the stack a project selected under the default backend's earlier URL (no `?metadata=skip`)", async () => {
    const state = path.join(tmp, "selected-state");
    const dir = fs.mkdtempSync(path.join(tmp, "project-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: selected-check\nruntime: nodejs\n");
    const { PULUMI_BACKEND_URL: _b, PULUMI_HOME: _h, ...rest } = process.env;
    const earlier = { ...rest, PULUMI_NOVU_STATE_DIR: state, PULUMI_BACKEND_URL: `file://${path.join(state, "backend")}`, PULUMI_HOME: path.join(state, "home") };
    fs.mkdirSync(path.join(state, "backend"), { recursive: true });
    expect((await run(["--cwd", dir, "stack", "init", "dev"], earlier)).code).toBe(0);
    expect(await run(["--cwd", dir, "stack", "--show-name"], { ...rest, PULUMI_NOVU_STATE_DIR: state })).toMatchObject({ code: 0, stdout: "dev\n" });
    // Also for a team that exports its own PULUMI_HOME and keeps the default backend.
    const ownHome = path.join(tmp, "own-home");
    expect((await run(["--cwd", dir, "stack", "select", "dev"], { ...earlier, PULUMI_HOME: ownHome })).code).toBe(0);
    expect(await run(["--cwd", dir, "stack", "--show-name"], { ...rest, PULUMI_NOVU_STATE_DIR: state, PULUMI_HOME: ownHome })).toMatchObject({ code: 0, stdout: "dev\n" });
  });

  it("says in one line what to install when no CLI is on PATH, none is cached and Go is missing", async () => {
    const r = await run(["version"], { PATH: path.dirname(process.execPath), HOME: tmp, PULUMI_NOVU_CACHE_DIR: path.join(tmp, "empty-cache") });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^pulumi-novu: Pulumi CLI v\d+\.\d+\.\d+ is not on PATH and not cached, and Go is not installed to build it: install Go >= 1\.25/)]);
  });
});
