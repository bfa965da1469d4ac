/**
 * Bringing an existing Novu setup under management: `pulumi-novu generate` writes the stack config,
 * the user runs the credential commands it lists, and `pulumi up` adopts every integration with no
 * create and no delete; the next preview is clean.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../tools/package-root";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { withPulumi } from "../helpers/pulumi";

const execFileAsync = promisify(execFile);
const root = packageRoot(__dirname);

/** Splits a command line the way a POSIX shell does for single-quoted words. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe("pulumi-novu generate → fill → up adopts", () => {
  const ctx = withPulumi();
  const emu: EmulatorHandle = withEmulator();

  it("round-trips a dashboard-made environment into a stack that adopts it", async () => {
    // Clicked together in the dashboard (through the API, as the dashboard does).
    const made = async (body: Record<string, unknown>) => (await emu.api("POST", "/v1/integrations", body)).body.data;
    await made({ providerId: "sendgrid", channel: "email", active: true, credentials: { apiKey: "SG.old", from: "a@acme.dev", senderName: "Acme" } });
    await made({ providerId: "mailgun", channel: "email", active: true, identifier: "acme-tenant-mail", conditions: [{ value: "AND", children: [{ on: "tenant", field: "identifier", operator: "EQUAL", value: "acme" }] }] });
    await made({ providerId: "twilio", channel: "sms", active: true, name: "Twilio alerts" });
    await made({ providerId: "slack", channel: "chat", active: false, identifier: "ops.chat" });
    await made({ providerId: "novu", channel: "in_app", active: true });
    const before = (await emu.control.state()).map((i) => i._id).sort();

    const project = path.join(ctx.dir, "adopted");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), `name: adopted\nruntime: nodejs\nmain: ${path.relative(project, path.join(root, "dist/program/index.js"))}\n`);
    const stackFile = path.join(project, "Pulumi.prod.yaml");
    const generated = await execFileAsync(process.execPath, [path.join(root, "dist/tools/cli.js"), "generate", "--api-url", emu.url, "--out", stackFile], {
      cwd: project,
      env: { ...process.env, NODE_OPTIONS: "", NOVU_SECRET_KEY: emu.environments.development.apiKey },
    });
    expect(generated.stderr).toMatch(/wrote 5 integration\(s\) to .*Pulumi\.prod\.yaml/);
    const text = fs.readFileSync(stackFile, "utf8");
    expect(text).toContain("adopted:integrations:");
    expect(text.match(/^\s+adopt: true$/gm)).toHaveLength(5);

    const s = await ctx.projectStack(project, "prod", {
      "novu:apiUrl": { value: emu.url },
      "novu:secretKey": { value: emu.environments.development.apiKey, secret: true },
    });
    // Run the commands the file lists for the required credentials, exactly as written.
    const required = text.split("\n").filter((l) => l.includes("pulumi config set") && l.trimEnd().endsWith("*"));
    expect(required.length).toBeGreaterThan(5);
    for (const line of required) {
      const args = words(line.replace(/^#\s*/, "").replace(/\s+\*$/, "").replace(/'<(\w+)>'/, "'filled-$1'")).slice(1);
      const result = await ctx.runCli([...args, "--stack", "prod"], project);
      expect(result).toMatchObject({ code: 0 });
    }

    await emu.control.clearRequests();
    await s.up();
    const writes = (await emu.control.requests()).filter((r) => r.method !== "GET");
    expect(writes.filter((r) => r.method === "POST" && r.path === "/v1/integrations")).toEqual([]);
    expect(writes.filter((r) => r.method === "DELETE")).toEqual([]);
    expect((await emu.control.state()).filter((i) => !i.deleted).map((i) => i._id).sort()).toEqual(before);
    expect((await emu.control.state()).find((i) => i.identifier === "acme-tenant-mail")!.credentials).toMatchObject({ domain: "filled-domain", apiKey: "filled-apiKey" });

    await emu.control.clearRequests();
    expect((await s.preview()).changeSummary).toEqual({ same: 7 });
    expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);
  });
});
