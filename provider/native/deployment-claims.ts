/**
 * Primary claims across the provider processes of one deployment. Every explicit `novu` provider
 * is a plugin process of its own, so two providers whose keys reach the same environment, each with
 * a `primary: true` email integration, would never see each other's claim: both pass preview, then
 * take the primary from each other at every `up` and refresh. The processes of one deployment share
 * the engine (its address, and the CLI process that started them), so a claim is a file named by
 * environment and channel, in a folder named by those two; the first resource to claim a key holds
 * it and the next fails its check, naming both (planning/primary-claims.ts words it).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.join(os.tmpdir(), "pulumi-novu-claims");

const hash = (text: string, length: number) => createHash("sha256").update(text).digest("hex").slice(0, length);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class DeploymentClaims {
  private readonly dir: string;

  /** `enginePid`: the CLI process of the deployment; its folder is removed once it has ended. */
  constructor(engineAddress: string, enginePid = process.ppid, private readonly root = ROOT) {
    this.dir = path.join(root, `${enginePid}-${hash(`${engineAddress}|${enginePid}`, 16)}`);
    this.sweep();
  }

  /** Claims `key` for the resource `urn`: the URN of another resource that holds it already, else undefined. */
  claim(key: string, urn: string): string | undefined {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, hash(key, 32));
    // Written aside and linked into place, so a reader never sees a half-written claim.
    const staged = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(staged, urn);
    try {
      fs.linkSync(staged, file);
      return undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = fs.readFileSync(file, "utf8");
      return holder === urn ? undefined : holder;
    } finally {
      fs.rmSync(staged, { force: true });
    }
  }

  /** Folders of deployments whose CLI has ended (best effort: a claim folder is a few bytes). */
  private sweep(): void {
    let names: string[] = [];
    try {
      names = fs.readdirSync(this.root);
    } catch {
      return;
    }
    for (const name of names) {
      const pid = Number(name.split("-")[0]);
      if (Number.isInteger(pid) && pid > 0 && !alive(pid)) fs.rmSync(path.join(this.root, name), { recursive: true, force: true });
    }
  }
}
