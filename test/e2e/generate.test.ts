/**
 * Bringing an existing Novu setup under management: `pulumi-novu generate` writes the stack config,
 * the user runs the credential commands it lists, and `pulumi up` adopts every integration with no
 * create and no delete; the next preview is clean; `pulumi destroy` leaves adopted integrations in
 * Novu unless opted in with `deleteAdopted: true`.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { packageRoot } from "../../tools/package-root";
import { type EmulatorHandle, withEmulator } from "../helpers/emulator";
import { integrationsStack } from "../helpers/integrations-stack";
import { withPulumi } from "../helpers/pulumi";

const root = packageRoot(__dirname);

/** Splits a command line the way a POSIX shell does for single-quoted words. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** `pulumi-novu generate` as a user runs it, with the development key; never throws on a non-zero exit. */
function generate(cwd: string, args: string[], key: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, "dist/tools/cli.js"), "generate", ...args], { cwd, env: { ...process.env, NODE_OPTIONS: "", NOVU_SECRET_KEY: key } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: unknown }).code as number) ?? 1 : 0, stdout, stderr });
    });
  });
}


describe("pulumi-novu generate → fill → up adopts", () => {
  const ctx = withPulumi();
  const emu: EmulatorHandle = withEmulator({ resetBeforeEach: true });
  /** Requests on integrations, leaving out the provider asking which environment its key reaches. */
  const integrationRequests = async () => (await emu.control.requests()).filter((r) => r.path !== "/v1/environments/me");

  it("round-trips a dashboard-made environment into a stack that adopts it, and destroys only what it opted in to delete", async () => {
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
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), `name: adopted\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: ${path.relative(project, path.join(root, "dist/program/index.js"))}\n`);
    // The README's order: the stack (and its encrypted key) exists before generate writes into its file.
    const s = await ctx.projectStack(project, "prod", {
      "novu:apiUrl": { value: emu.url },
      "novu:secretKey": { value: emu.environments.development.apiKey, secret: true },
    });
    const stackFile = path.join(project, "Pulumi.prod.yaml");
    const initial = parse(fs.readFileSync(stackFile, "utf8"));
    expect(initial.encryptionsalt).toEqual(expect.any(String));
    const generated = await generate(project, ["--api-url", emu.url, "--out", stackFile], emu.environments.development.apiKey);
    expect(generated).toMatchObject({ code: 0 });
    expect(generated.stderr).toMatch(/merged 5 integration\(s\) into .*Pulumi\.prod\.yaml/);
    const text = fs.readFileSync(stackFile, "utf8");
    expect(text).toContain("adopted:integrations:");
    expect(text.match(/^\s+adopt: true$/gm)).toHaveLength(5);
    expect(text.match(/^\s+deleteAdopted: false$/gm)).toHaveLength(5);
    // Everything the file held is still there: the salt and the encrypted key the stack needs.
    expect(parse(text)).toMatchObject({ encryptionsalt: initial.encryptionsalt, config: { "novu:secretKey": initial.config["novu:secretKey"], "novu:apiUrl": emu.url } });
    expect(text).not.toContain(emu.environments.development.apiKey);

    // Run the commands the file lists for the required credentials, exactly as written.
    const required = text.split("\n").filter((l) => l.includes("pulumi config set") && l.trimEnd().endsWith("*"));
    expect(required.length).toBeGreaterThan(5);
    for (const line of required) {
      const args = words(line.replace(/^#\s*/, "").replace(/\s+\*$/, "").replace(/'<(\w+)>'/, "'filled-$1'")).slice(1);
      const result = await ctx.runCli([...args, "--stack", "prod"], project);
      expect(result).toMatchObject({ code: 0 });
    }

    // Preview and up say that each integration is adopted (the engine itself shows "+ create").
    const preview = await s.preview();
    expect(preview.stdout).toMatch(/warning: pulumi-novu: integration "acme-tenant-mail" exists in Novu \(mailgun email, [0-9a-f]{24}\): `up` will adopt it, not create it; `pulumi destroy` will leave it in Novu/);
    const adopting = (out: string, re: RegExp) => new Set([...out.matchAll(re)].map((m) => m[1]));
    expect(adopting(preview.stdout, /integration "([^"]+)" exists in Novu \([^)]*\): `up` will adopt it, not create it/g).size).toBe(5);
    await emu.control.clearRequests();
    // The pull request's preview was the line above.
    const up = await s.up({ preview: false });
    expect(adopting(up.stdout, /integration "([^"]+)" already existed in Novu \([0-9a-f]{24}\): adopted, not created/g).size).toBe(5);
    const writes = (await emu.control.requests()).filter((r) => r.method !== "GET");
    expect(writes.filter((r) => r.method === "POST" && r.path === "/v1/integrations")).toEqual([]);
    expect(writes.filter((r) => r.method === "DELETE")).toEqual([]);
    expect((await emu.control.state()).filter((i) => !i.deleted).map((i) => i._id).sort()).toEqual(before);
    expect((await emu.control.state()).find((i) => i.identifier === "acme-tenant-mail")!.credentials).toMatchObject({ domain: "filled-domain", apiKey: "filled-apiKey" });

    await emu.control.clearRequests();
    expect((await s.preview()).changeSummary).toEqual({ same: 7 });
    // Nothing is new, so nothing is looked up beyond which environment the key reaches and one list:
    // whether the primaries the stack declares are still theirs (Novu moves a primary on its side).
    expect((await integrationRequests()).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/integrations"]);

    // Running generate again does not touch the stack file without --force.
    const stackText = fs.readFileSync(stackFile, "utf8");
    const again = await generate(project, ["--api-url", emu.url, "--out", stackFile], emu.environments.development.apiKey);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already declares `adopted:integrations`; nothing was written. Re-run with --force");
    expect(fs.readFileSync(stackFile, "utf8")).toBe(stackText);
    const forced = await generate(project, ["--api-url", emu.url, "--out", stackFile, "--force"], emu.environments.development.apiKey);
    expect(forced).toMatchObject({ code: 0 });
    expect(parse(fs.readFileSync(stackFile, "utf8"))).toMatchObject({ encryptionsalt: initial.encryptionsalt, config: { "novu:secretKey": initial.config["novu:secretKey"] } });
    // --force rewrote the declarations from Novu, keeping the credentials set above (Novu cannot give them back).
    expect(parse(fs.readFileSync(stackFile, "utf8")).config["adopted:integrations"]["acme-tenant-mail"].credentials.apiKey).toEqual({ secure: expect.any(String) });

    // Opting one integration in to deletion, as destroy's message below says: a state-only change, one update, no request.
    const tenantMail = (await emu.control.state()).find((i) => i.identifier === "acme-tenant-mail")!;
    expect(await ctx.runCli(["config", "set", "--path", "adopted:integrations.acme-tenant-mail.deleteAdopted", "true", "--stack", "prod"], project)).toMatchObject({ code: 0 });
    await emu.control.clearRequests();
    expect((await s.up()).summary.resourceChanges).toMatchObject({ update: 1 });
    expect((await emu.control.requests()).filter((r) => r.method !== "GET")).toEqual([]);

    // destroy deletes that one, leaves the rest of what was adopted in Novu, and says so and what to set.
    await emu.control.clearRequests();
    const destroyed = await s.destroy();
    expect(destroyed.stdout).toMatch(/integration "(?!acme-tenant-mail")[^"]+" \([0-9a-f]{24}\) was adopted, not created, by this stack: it is left in Novu .*set `deleteAdopted: true` on it and run `pulumi up` before `pulumi destroy`/);
    expect(destroyed.stdout).not.toMatch(/integration "acme-tenant-mail" \([0-9a-f]{24}\) was adopted, not created/);
    expect((await integrationRequests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /v1/integrations/${tenantMail._id}`]);
    expect((await emu.control.state()).filter((i) => !i.deleted).map((i) => i._id).sort()).toEqual(before.filter((id) => id !== tenantMail._id));
  });

  it("stops at preview, with no write, when adopt: true finds an integration of another provider", async () => {
    await emu.control.seed([{ providerId: "mailgun", channel: "email", active: true, identifier: "legacy-mail" }]);
    const s = await integrationsStack(ctx, emu, "adopt-mismatch", {
      "legacy-mail": { providerId: "sendgrid", channel: "email", adopt: true, credentials: { apiKey: "SG.x", from: "a@acme.dev", senderName: "Acme" } },
    });
    await expect(s.preview()).rejects.toThrow(/identifier: cannot adopt "legacy-mail": it is a mailgun email integration, not sendgrid email/);
    expect(await s.writes()).toEqual([]);
  });

  it("refuses an --environment-id the key cannot see, naming the ones it sees, and writes nothing", async () => {
    await emu.api("POST", "/v1/integrations", { providerId: "sendgrid", channel: "email", active: true });
    const out = path.join(ctx.dir, "Pulumi.unseen.yaml");
    const result = await generate(ctx.dir, ["--api-url", emu.url, "--environment-id", emu.environments.production.id, "--out", out], emu.environments.development.apiKey);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`the key sees no integration of environment ${emu.environments.production.id}; nothing was written. It sees integrations of: ${emu.environments.development.id}`);
    expect(fs.existsSync(out)).toBe(false);
  });
});
