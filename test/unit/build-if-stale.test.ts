/**
 * scripts/build-if-stale.js runs before `npm run pulumi` and friends: it must compile when any
 * source changed (or was deleted) and skip the compile when nothing did. Run against a small
 * project of its own, with the real TypeScript compiler.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../../tools/package-root";

const root = packageRoot(__dirname);
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "build-if-stale-"));
  fs.mkdirSync(path.join(dir, "scripts"));
  fs.copyFileSync(path.join(root, "scripts", "build-if-stale.js"), path.join(dir, "scripts", "build-if-stale.js"));
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "package.json"), "{}");
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { outDir: "dist", rootDir: ".", types: [] } }));
  fs.writeFileSync(path.join(dir, "tsconfig.build.json"), JSON.stringify({ extends: "./tsconfig.json", include: ["provider/**/*.ts"] }));
  fs.mkdirSync(path.join(dir, "provider"));
  fs.writeFileSync(path.join(dir, "provider", "a.ts"), "export const a = 1;\n");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = () => execFileSync(process.execPath, [path.join(dir, "scripts", "build-if-stale.js")], { cwd: dir, stdio: "pipe" });
const built = (file: string) => path.join(dir, "dist", "provider", file);
/** File times are compared, so a change must be seen as later than the last build. */
const later = (file: string) => fs.utimesSync(file, new Date(Date.now() + 2000), new Date(Date.now() + 2000));

describe("build-if-stale", () => {
  it("compiles the first time, then not again until a source changes", () => {
    run();
    expect(fs.readFileSync(built("a.js"), "utf8")).toContain("exports.a = 1");
    fs.rmSync(built("a.js"));
    run();
    expect(fs.existsSync(built("a.js"))).toBe(false);

    fs.writeFileSync(path.join(dir, "provider", "a.ts"), "export const a = 2;\n");
    later(path.join(dir, "provider", "a.ts"));
    run();
    expect(fs.readFileSync(built("a.js"), "utf8")).toContain("exports.a = 2");
  });

  it("compiles again when a source is deleted or a config file changes", () => {
    fs.writeFileSync(path.join(dir, "provider", "b.ts"), "export const b = 1;\n");
    run();
    fs.rmSync(built("a.js"));
    fs.rmSync(path.join(dir, "provider", "b.ts"));
    later(path.join(dir, "provider"));
    run();
    expect(fs.existsSync(built("a.js"))).toBe(true);

    fs.rmSync(built("a.js"));
    later(path.join(dir, "tsconfig.build.json"));
    run();
    expect(fs.existsSync(built("a.js"))).toBe(true);
  });

  it("fails, and builds again next time, when the compile fails", () => {
    fs.writeFileSync(path.join(dir, "provider", "a.ts"), "export const a: number = 'x';\n");
    expect(run).toThrow();
    fs.writeFileSync(path.join(dir, "provider", "a.ts"), "export const a = 3;\n");
    run();
    expect(fs.readFileSync(built("a.js"), "utf8")).toContain("exports.a = 3");
  });
});
