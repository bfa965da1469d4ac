/**
 * The cached CLI's version is checked by running it once, then remembered beside it for as long
 * as the binary is the same file: `npm run pulumi` should not start Pulumi twice per command.
 * The "CLI" here is a real executable that prints a version and counts its runs.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { locatePulumiCli } from "../../tools/pulumi-cli/locate";
import { requiredPulumiVersion } from "../../tools/pulumi-cli/version";

const saved = { cache: process.env.PULUMI_NOVU_CACHE_DIR, path: process.env.PATH };
let dir: string;
let counter: string;
let binary: string;

function writeCli(version: string): void {
  fs.writeFileSync(binary, `#!/bin/sh\necho run >> "${counter}"\necho v${version}\n`, { mode: 0o755 });
}
const runs = () => (fs.existsSync(counter) ? fs.readFileSync(counter, "utf8").trim().split("\n").length : 0);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "locate-cache-"));
  const binDir = path.join(dir, `pulumi-v${requiredPulumiVersion()}`, "bin");
  fs.mkdirSync(binDir, { recursive: true });
  counter = path.join(dir, "runs");
  binary = path.join(binDir, "pulumi");
  writeCli(requiredPulumiVersion());
  process.env.PULUMI_NOVU_CACHE_DIR = dir;
  // No other `pulumi` on PATH may win over the cache.
  process.env.PATH = path.dirname(process.execPath) + path.delimiter + "/usr/bin:/bin";
});
afterEach(() => {
  process.env.PULUMI_NOVU_CACHE_DIR = saved.cache;
  process.env.PATH = saved.path;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the cached Pulumi CLI", () => {
  it("is asked its version once, not on every command", async () => {
    expect((await locatePulumiCli({ build: false })).source).toBe("cache");
    expect((await locatePulumiCli({ build: false })).source).toBe("cache");
    expect(runs()).toBe(1);
  });

  it("is asked again when the binary changes, and refused when it is another version", async () => {
    await locatePulumiCli({ build: false });
    writeCli("3.1.0");
    fs.utimesSync(binary, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    await expect(locatePulumiCli({ build: false })).rejects.toThrow(/is not on PATH and not cached/);
    expect(runs()).toBe(2);
  });
});
