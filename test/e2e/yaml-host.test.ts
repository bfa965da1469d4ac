/**
 * The CLI we locate runs Pulumi YAML programs (`runtime: yaml`): its bin dir gets
 * `pulumi-language-yaml`, built from the Go module proxy when missing (tools/pulumi-cli/locate.ts),
 * and that host, not one found elsewhere, runs a YAML project with stack config. What Pulumi YAML
 * itself computes (its built-in functions) is Pulumi's to test, not ours.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { withPulumi } from "../helpers/pulumi";

const PROJECT = `name: yaml-host
runtime: yaml
description: A Pulumi YAML program with stack config and no resources.
config:
  greeting:
    type: string
outputs:
  message: \${greeting}, YAML
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

  it("run through the CLI with that host: up reads the stack config, stack output shows the result", async () => {
    await cli("stack", "init", "dev");
    await cli("config", "set", "greeting", "Hello", "--stack", "dev");
    const up = await cli("up", "--yes", "--stack", "dev");
    expect(up.stdout).toMatch(/message\s*:\s*"Hello, YAML"/);
    // The host next to the CLI ran, not one found elsewhere on PATH.
    expect(up.stdout + up.stderr).not.toMatch(/using pulumi-language-yaml from/);

    expect(JSON.parse((await cli("stack", "output", "--json", "--stack", "dev")).stdout)).toEqual({ message: "Hello, YAML" });
  });
});
