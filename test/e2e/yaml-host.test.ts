/**
 * The CLI we locate runs Pulumi YAML programs (`runtime: yaml`): its bin dir gets
 * `pulumi-language-yaml`, built from the Go module proxy when missing (tools/pulumi-cli/locate.ts),
 * and the real CLI runs `up` and `stack output` on a YAML project with stack config.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { withPulumi } from "../helpers/pulumi";

const PROJECT = `name: yaml-host
runtime: yaml
description: A Pulumi YAML program with config, variables and built-in functions, and no resources.
config:
  greeting:
    type: string
  repeat:
    type: integer
    default: 3
variables:
  words:
    fn::split: [",", "a,b,c"]
outputs:
  message: \${greeting}, YAML
  second:
    fn::select: [1, "\${words}"]
  joined:
    fn::join: ["-", ["\${greeting}", "\${words[2]}", "x"]]
  encoded:
    fn::toBase64: \${greeting}
  repeat: \${repeat}
`;

describe("Pulumi YAML programs", () => {
  const ctx = withPulumi();
  let project: string;

  beforeAll(() => {
    project = path.join(ctx.dir, "yaml-project");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), PROJECT);
  });

  const cli = async (...args: string[]) => {
    const r = await ctx.runCli(args, project);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
    return r;
  };

  it("have the YAML language host next to the CLI", () => {
    const host = path.join(path.dirname(ctx.cli.command), "pulumi-language-yaml");
    expect(fs.statSync(host).mode & 0o100).toBe(0o100);
  });

  it("run through the CLI: up computes the outputs from config and functions, stack output shows them", async () => {
    await cli("stack", "init", "dev");
    await cli("config", "set", "greeting", "Hello", "--stack", "dev");
    const up = await cli("up", "--yes", "--stack", "dev");
    expect(up.stdout).toMatch(/message\s*:\s*"Hello, YAML"/);
    // The host next to the CLI ran, not one found elsewhere on PATH.
    expect(up.stdout + up.stderr).not.toMatch(/using pulumi-language-yaml from/);

    const outputs = JSON.parse((await cli("stack", "output", "--json", "--stack", "dev")).stdout);
    expect(outputs).toEqual({
      message: "Hello, YAML",
      second: "b",
      joined: "Hello-c-x",
      encoded: Buffer.from("Hello").toString("base64"),
      repeat: 3,
    });
    expect((await cli("stack", "output", "joined", "--stack", "dev")).stdout.trim()).toBe("Hello-c-x");
  });
});
