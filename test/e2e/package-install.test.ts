/**
 * pulumi-novu installs like a published package: `npm pack`, then a separate Pulumi project that
 * `npm install`s the tarball and `require("pulumi-novu")`s it runs `pulumi up` and `destroy`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../tools/package-root";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { novuConfig, withPulumi } from "../helpers/pulumi";

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });

describe("the packed tarball in a separate Pulumi project", () => {
  const ctx = withPulumi();
  const emu: EmulatorHandle = withEmulator();
  let tarball: string;
  let project: string;

  beforeAll(async () => {
    const out = path.join(ctx.dir, "pack");
    fs.mkdirSync(out);
    const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", out], packageRoot(__dirname)));
    tarball = path.join(out, packed[0].filename);
    project = path.join(ctx.dir, "consumer");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: consumer\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, main: "index.js", dependencies: { "pulumi-novu": `file:${tarball}` } }),
    );
    fs.writeFileSync(
      path.join(project, "index.js"),
      [
        'const { Integration } = require("pulumi-novu");',
        'const sms = new Integration("alerts-sms", {',
        '  providerId: "twilio", channel: "sms", primary: true,',
        '  credentials: { accountSid: "AC-consumer", token: "tw-consumer-token", from: "+15550001" },',
        "});",
        "exports.integrationId = sms.integrationId;",
        "",
      ].join("\n"),
    );
    npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], project);
  }, 45 * 60_000);

  it("ships compiled JavaScript and type declarations, and no sources or tests", () => {
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n");
    expect(files).toEqual(expect.arrayContaining(["package/dist/provider/index.js", "package/dist/provider/index.d.ts", "package/dist/provider/dynamic/runtime.js"]));
    // `pulumi-novu/native`: the generated SDK, compiled, with the package.json its utilities read the plugin version from.
    expect(files).toEqual(expect.arrayContaining(["package/dist/sdk/nodejs/index.js", "package/dist/sdk/nodejs/index.d.ts", "package/dist/sdk/nodejs/package.json"]));
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => f.startsWith("package/test/"))).toEqual([]);
  });

  it("runs up and destroy with require('pulumi-novu')", async () => {
    const stack = await ctx.projectStack(project, "dev", novuConfig(emu.url, emu.environments.development.apiKey));
    const up = await stack.up();
    const id = up.outputs.integrationId!.value as string;
    const stored = (await emu.control.state()).find((i) => i._id === id);
    expect(stored).toMatchObject({ providerId: "twilio", channel: "sms", identifier: "alerts-sms", primary: true, active: true });
    await stack.destroy();
    expect((await emu.control.state()).find((i) => i._id === id)?.deleted).toBe(true);
  });
});
