/**
 * The generated Go SDK (sdk/go) end to end: a Go program (test/e2e/go-sdk) runs an inline
 * program through the Go Automation API, serving its own language runtime (no Go language host
 * is needed), and the real CLI drives the native novu plugin (bin/pulumi-resource-novu) against
 * the emulator. The program is built once per change of its sources (or of sdk/go) into the
 * cache outside the checkout, with the CLI build's flags.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../tools/package-root";
import { goBinary } from "../../tools/sdkgen/go-binary";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { withPulumi } from "../helpers/pulumi";

const root = packageRoot(__dirname);
const ctx = withPulumi();
const emu: EmulatorHandle = withEmulator();

interface StepResult {
  readonly step: string;
  readonly changes?: Record<string, number>;
  readonly outputs?: Record<string, unknown>;
}

let program: string;
beforeAll(() => {
  program = goBinary({
    moduleDir: path.join(root, "test", "e2e", "go-sdk"),
    name: "go-sdk-e2e",
    buildFlags: ["-trimpath", "-tags", "osusergo,grpcnotrace"],
    alsoReads: [path.join(root, "sdk", "go")],
  });
}, 15 * 60_000);

/** One step of the Go program (up, preview --expect-no-changes, destroy) in the stack's work dir. */
function step(name: "up" | "preview" | "destroy", integrationName: string): Promise<StepResult> {
  const env = {
    ...process.env,
    ...ctx.envVars,
    NOVU_E2E_API_URL: emu.url,
    NOVU_E2E_SECRET_KEY: emu.environments.development.apiKey,
    NOVU_E2E_PLUGIN_DIR: path.join(root, "bin"),
    NOVU_E2E_NAME: integrationName,
  };
  return new Promise((resolve, reject) => {
    execFile(program, [name, path.join(ctx.dir, "go-sdk")], { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`go-sdk-e2e ${name} failed:\n${stderr}\n${stdout}`));
      else resolve(JSON.parse(stdout) as StepResult);
    });
  });
}

async function listed(): Promise<{ _id: string; identifier: string; name: string }[]> {
  return (await emu.api("GET", "/v1/integrations")).body.data;
}

describe("the generated Go SDK through the real CLI", () => {
  it("creates an integration, previews clean, renames it in place, reads it through getEnvironment and getIntegration, and destroys it", async () => {
    fs.mkdirSync(path.join(ctx.dir, "go-sdk"), { recursive: true });

    const created = await step("up", "Go mail");
    // The stack and the integration.
    expect(created.changes).toMatchObject({ create: 2 });
    expect(created.outputs).toMatchObject({ identifier: "go-mail", name: "Go mail", foundName: "Go mail", environmentName: "Development" });
    const [integration] = await listed();
    expect(integration).toMatchObject({ _id: created.outputs!.integrationId, identifier: "go-mail", name: "Go mail" });

    const settled = await step("preview", "Go mail");
    expect(settled.changes).not.toHaveProperty("create");
    expect(settled.changes).not.toHaveProperty("update");

    const renamed = await step("up", "Go mail 2");
    expect(renamed.changes).toMatchObject({ update: 1 });
    expect(renamed.outputs).toMatchObject({ integrationId: created.outputs!.integrationId, name: "Go mail 2", foundName: "Go mail 2" });
    expect(await listed()).toEqual([expect.objectContaining({ _id: integration._id, name: "Go mail 2" })]);

    // The credential the Go program marked secret is encrypted in state, as a user's export shows it.
    const exported = await ctx.runCli(["stack", "export", "--stack", "dev"], path.join(ctx.dir, "go-sdk"));
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain("go-mail");
    expect(exported.stdout).not.toContain("SG.go-sdk");

    const destroyed = await step("destroy", "Go mail 2");
    expect(destroyed.changes).toMatchObject({ delete: 2 });
    expect(await listed()).toEqual([]);
  });
});
