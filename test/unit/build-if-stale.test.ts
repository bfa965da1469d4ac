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

  it("compiles again when a source is deleted or a config file changes, and removes what the deleted source compiled to", () => {
    fs.writeFileSync(path.join(dir, "provider", "b.ts"), "export const b = 1;\n");
    run();
    expect(fs.existsSync(built("b.js"))).toBe(true);
    fs.rmSync(built("a.js"));
    fs.rmSync(path.join(dir, "provider", "b.ts"));
    later(path.join(dir, "provider"));
    run();
    expect(fs.existsSync(built("a.js"))).toBe(true);
    // It would ship in the package (files: dist/) and could still be required.
    expect(fs.existsSync(built("b.js"))).toBe(false);

    fs.rmSync(built("a.js"));
    later(path.join(dir, "tsconfig.build.json"));
    run();
    expect(fs.existsSync(built("a.js"))).toBe(true);
  });

  it("compiles the generated SDK first, with its package.json beside it, and again when it is regenerated", () => {
    fs.mkdirSync(path.join(dir, "sdk", "nodejs"), { recursive: true });
    fs.writeFileSync(path.join(dir, "sdk", "nodejs", "index.ts"), "declare const require: (m: string) => { version: string };\nexport const version: string = require('./package.json').version;\n");
    fs.writeFileSync(path.join(dir, "sdk", "nodejs", "package.json"), JSON.stringify({ name: "sdk", version: "1.0.0" }));
    fs.writeFileSync(
      path.join(dir, "tsconfig.sdk.json"),
      JSON.stringify({ compilerOptions: { rootDir: "sdk/nodejs", outDir: "dist/sdk/nodejs", declaration: true, types: [] }, files: ["sdk/nodejs/index.ts"] }),
    );
    // The package imports the SDK's compiled declarations (as ours does through `pulumi-novu/native`): the SDK is compiled first.
    fs.writeFileSync(path.join(dir, "provider", "a.ts"), 'import { version } from "../dist/sdk/nodejs/index";\nexport const a = version;\n');
    run();
    const sdk = path.join(dir, "dist", "sdk", "nodejs");
    expect(JSON.parse(fs.readFileSync(path.join(sdk, "package.json"), "utf8")).version).toBe("1.0.0");
    expect(execFileSync(process.execPath, ["-p", `require(${JSON.stringify(path.join(sdk, "index.js"))}).version`], { encoding: "utf8" }).trim()).toBe("1.0.0");

    fs.writeFileSync(path.join(dir, "sdk", "nodejs", "package.json"), JSON.stringify({ name: "sdk", version: "1.1.0" }));
    later(path.join(dir, "sdk", "nodejs", "package.json"));
    run();
    expect(JSON.parse(fs.readFileSync(path.join(sdk, "package.json"), "utf8")).version).toBe("1.1.0");
  });

  it("fails, and builds again next time, when the compile fails", () => {
    fs.writeFileSync(path.join(dir, "provider", "a.ts"), "export const a: number = 'x';\n");
    expect(run).toThrow();
    fs.writeFileSync(path.join(dir, "provider", "a.ts"), "export const a = 3;\n");
    run();
    expect(fs.readFileSync(built("a.js"), "utf8")).toContain("exports.a = 3");
  });
});
