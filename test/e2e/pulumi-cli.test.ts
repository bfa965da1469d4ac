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
    expect(byDefault.stdout).toContain(`Backend URL: file://${path.join(state, "backend")}`);
    const exported = await run(["--cwd", root, "whoami", "--verbose"], { ...process.env, PULUMI_NOVU_STATE_DIR: state, PULUMI_BACKEND_URL: `file://${own}` });
    expect(exported.stdout).toContain(`Backend URL: file://${own}`);
  });

  it("says in one line what to install when no CLI is on PATH, none is cached and Go is missing", async () => {
    const r = await run(["version"], { PATH: path.dirname(process.execPath), HOME: tmp, PULUMI_NOVU_CACHE_DIR: path.join(tmp, "empty-cache") });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^pulumi-novu: Pulumi CLI v\d+\.\d+\.\d+ is not on PATH and not cached, and Go is not installed to build it: install Go >= 1\.25/)]);
  });
});
