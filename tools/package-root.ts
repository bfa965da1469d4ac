import * as fs from "node:fs";
import * as path from "node:path";

/** The pulumi-novu package directory, whether running from source (tools/) or from dist/tools/. */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-novu") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`pulumi-novu: cannot find the package root above ${from}`);
    dir = parent;
  }
}
