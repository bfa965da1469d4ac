/**
 * The optional state file: written atomically after every write, loaded at start.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, StateFileError, type RunningEmulator } from "../../emulator";
import { emulatorHandle } from "../helpers/emulator";
import { createIntegration, listIntegrations } from "./fixtures";

let dir: string;
let file: string;
const running: RunningEmulator[] = [];

async function start(stateFile = file) {
  const emulator = await startEmulator({ stateFile });
  running.push(emulator);
  return emulatorHandle(emulator);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "novu-emulator-state-"));
  file = join(dir, "nested", "state.json");
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe("stateFile", () => {
  it("writes the seeded state at start", async () => {
    const emu = await start();
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved).toMatchObject({ version: 1, organizationId: emu.organizationId, integrations: [] });
    expect(saved.environments.map((e: any) => e.name)).toEqual(["Development", "Production"]);
  });

  it("saves every write and loads it in the next run", async () => {
    const first = await start();
    const kept = await createIntegration(first, { providerId: "sendgrid", channel: "email", active: true, credentials: { apiKey: "SG.x" } });
    const gone = await createIntegration(first, { providerId: "mailgun", channel: "email" });
    await first.api("DELETE", `/v1/integrations/${gone._id}`);
    await first.control.patchIntegration(kept._id, { name: "Patched" });
    expect(JSON.parse(readFileSync(file, "utf8")).integrations).toHaveLength(2);
    await first.running.close();

    const second = await start();
    expect(second.environments).toEqual(first.environments);
    const list = await listIntegrations(second);
    expect(list.map((i) => [i._id, i.name, i.primary])).toEqual([[kept._id, "Patched", true]]);
    expect((await second.control.state()).find((i) => i._id === kept._id)?.credentials).toEqual({ apiKey: "SG.x" });
    expect((await second.api("DELETE", `/v1/integrations/${gone._id}`)).status).toBe(404);
  });

  it("replaces the file atomically, leaving no temporary files", async () => {
    const emu = await start();
    await Promise.all(Array.from({ length: 20 }, (_, n) => createIntegration(emu, { providerId: "sendgrid", channel: "email", identifier: `i-${n}` })));
    expect(readdirSync(join(dir, "nested"))).toEqual(["state.json"]);
    expect(JSON.parse(readFileSync(file, "utf8")).integrations).toHaveLength(20);
  });

  it("saves the empty state on reset", async () => {
    const emu = await start();
    await createIntegration(emu, { providerId: "sendgrid", channel: "email" });
    await emu.control.reset();
    expect(JSON.parse(readFileSync(file, "utf8")).integrations).toEqual([]);
  });

  it("refuses to start from a file that is not a state file", async () => {
    writeFileSync(join(dir, "broken.json"), JSON.stringify({ version: 2 }));
    await expect(startEmulator({ stateFile: join(dir, "broken.json") })).rejects.toBeInstanceOf(StateFileError);
    writeFileSync(join(dir, "garbage.json"), "{not json");
    await expect(startEmulator({ stateFile: join(dir, "garbage.json") })).rejects.toThrow(/garbage\.json/);
  });

  it("keeps state in memory only when no file is given", async () => {
    const first = emulatorHandle(await startEmulator());
    running.push(first.running);
    await createIntegration(first, { providerId: "sendgrid", channel: "email" });
    const second = emulatorHandle(await startEmulator());
    running.push(second.running);
    expect(await listIntegrations(second)).toEqual([]);
  });
});
