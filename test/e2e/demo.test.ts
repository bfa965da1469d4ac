/** `npm run demo` works end to end and ends with the summary of what Novu holds. */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../tools/package-root";

it("runs the demo: up, a no-op up, drift caught by refresh, repair, summary", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-novu-demo-"));
  try {
    const root = packageRoot(__dirname);
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, "dist/dev/demo.js")], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: "", PULUMI_NOVU_DEMO_DIR: dir },
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toContain("[4/7] pulumi up again: nothing changed");
    // The stack, its ledger (docs/reliability.md, "Interrupted deployments") and the three integrations.
    expect(stdout).toMatch(/→ 5 same\n/);
    expect(stdout).toMatch(/→ refresh: 4 same, 1 update/);
    expect(stdout).toMatch(/identifier\s+provider\s+channel\s+active\s+primary\s+priority/);
    for (const row of [/transactional-email\s+sendgrid\s+email\s+true\s+true/, /alerts-sms\s+twilio\s+sms\s+true\s+true/, /ops-chat\s+slack\s+chat\s+true\s+false/]) {
      expect(stdout).toMatch(row);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 10 * 60_000);
