/** The pure parts of `pulumi package add` in our Node.js language host: Link's package.json edit and answer, the install command. */
import * as path from "node:path";
import { choosePackageManager, installCommand } from "../../tools/language-host/install-dependencies";
import { fileSpec, importInstructions, importName, importStyle, withDependency } from "../../tools/language-host/link";

describe("Link", () => {
  it("adds the SDK as a file: dependency, keeping the file's other keys, indentation and final newline", () => {
    const before = '{\n    "name": "acme",\n    "main": "index.ts",\n    "dependencies": {\n        "pulumi-novu": "^0.1.0",\n        "@pulumi/pulumi": "^3.276.0"\n    },\n    "devDependencies": {\n        "typescript": "^5.9.3"\n    }\n}\n';
    const after = withDependency(before, "@pulumi-novu/novu", "file:sdks/novu");
    expect(after).toBe(
      '{\n    "name": "acme",\n    "main": "index.ts",\n    "dependencies": {\n        "@pulumi-novu/novu": "file:sdks/novu",\n        "@pulumi/pulumi": "^3.276.0",\n        "pulumi-novu": "^0.1.0"\n    },\n    "devDependencies": {\n        "typescript": "^5.9.3"\n    }\n}\n',
    );
  });

  it("makes a dependencies object when the project has none, and replaces an earlier link of the same SDK", () => {
    expect(JSON.parse(withDependency('{"name":"acme"}', "@pulumi-novu/novu", "file:sdks/novu"))).toEqual({
      name: "acme",
      dependencies: { "@pulumi-novu/novu": "file:sdks/novu" },
    });
    const relinked = withDependency('{\n  "dependencies": {\n    "@pulumi-novu/novu": "file:old"\n  }\n}', "@pulumi-novu/novu", "file:sdks/novu");
    expect(relinked).toBe('{\n  "dependencies": {\n    "@pulumi-novu/novu": "file:sdks/novu"\n  }\n}');
  });

  it("refuses a package.json that is not an object", () => {
    expect(() => withDependency("[]", "x", "file:x")).toThrow("package.json is not a JSON object");
  });

  it("points the file: dependency from the package.json's folder to the SDK, with / separators", () => {
    expect(fileSpec("/p", path.join("/p", "sdks", "novu"))).toBe("file:sdks/novu");
    expect(fileSpec("/p/app", path.join("/p", "sdks", "novu"))).toBe("file:../sdks/novu");
  });

  it("tells how to import the SDK, as Pulumi's Node.js host words it", () => {
    const novu = [{ name: "novu", npmName: "@pulumi-novu/novu" }];
    expect(importInstructions(novu, { typescript: true, moduleSyntax: true })).toBe(
      'You can import the SDK in your TypeScript code with:\n\n  import * as novu from "@pulumi-novu/novu";\n',
    );
    expect(importInstructions(novu, { typescript: false, moduleSyntax: false })).toBe(
      'You can import the SDK in your JavaScript code with:\n\n  const novu = require("@pulumi-novu/novu");\n',
    );
  });

  it("names the import like Pulumi's Camel: hyphens dropped, the next letter upper-cased, a leading capital run lower-cased", () => {
    expect(importName("novu")).toBe("novu");
    expect(importName("my-provider")).toBe("myProvider");
    expect(importName("AWSNative")).toBe("awsnative");
    expect(importName("Novu")).toBe("novu");
  });

  it("imports with module syntax in TypeScript (on unless turned off) and in an ES module package, with require otherwise", () => {
    expect(importStyle({}, false, {})).toEqual({ typescript: true, moduleSyntax: true });
    expect(importStyle({ typescript: false }, false, {})).toEqual({ typescript: false, moduleSyntax: false });
    expect(importStyle({ typescript: false }, true, {})).toEqual({ typescript: true, moduleSyntax: true });
    expect(importStyle({ typescript: false }, false, { type: "module" })).toEqual({ typescript: false, moduleSyntax: true });
  });
});

describe("InstallDependencies", () => {
  it("uses the packagemanager runtime option, else (auto) the lockfile's manager, else npm", () => {
    expect(choosePackageManager("pnpm", ["yarn.lock"])).toBe("pnpm");
    expect(choosePackageManager(undefined, ["yarn.lock"])).toBe("yarn");
    expect(choosePackageManager(undefined, ["pnpm-lock.yaml"])).toBe("pnpm");
    expect(choosePackageManager(undefined, ["bun.lockb"])).toBe("bun");
    expect(choosePackageManager(undefined, [], { PULUMI_PREFER_YARN: "true" })).toBe("yarn");
    expect(choosePackageManager(undefined, [])).toBe("npm");
    expect(choosePackageManager("auto", ["pnpm-lock.yaml"])).toBe("pnpm");
    expect(() => choosePackageManager("deno", [])).toThrow('packagemanager option must be one of auto, npm, yarn, pnpm or bun, got "deno"');
  });

  it("runs npm install without npm's warnings about the package.json's missing fields", () => {
    expect(installCommand("npm")).toEqual(["npm", "install", "--loglevel=error"]);
    expect(installCommand("yarn")).toEqual(["yarn", "install"]);
  });
});
