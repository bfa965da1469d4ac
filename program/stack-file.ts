/**
 * A stack-config value as Pulumi.<stack>.yaml stores it (secure leaves still `{secure: …}`), for
 * telling which leaves of a secret key are plain (provider/resource/plaintext-secrets.ts). The file
 * is found as the CLI finds it: beside Pulumi.yaml, or in its `stackConfigDir`. `undefined` when
 * there is no such file or key (e.g. `--config-file` or an ESC environment supplied the value).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export function storedStackConfig(rootDir: string, stack: string, key: string): unknown {
  try {
    const project = parse(fs.readFileSync(path.join(rootDir, "Pulumi.yaml"), "utf8")) ?? {};
    const dir = typeof project.stackConfigDir === "string" ? path.resolve(rootDir, project.stackConfigDir) : rootDir;
    const file = ["yaml", "yml"].map((ext) => path.join(dir, `Pulumi.${stack}.${ext}`)).find((f) => fs.existsSync(f));
    if (!file) return undefined;
    return (parse(fs.readFileSync(file, "utf8")) ?? {}).config?.[key];
  } catch {
    return undefined;
  }
}
