/**
 * The committed SDKs (sdk/<language>) are what Pulumi's own generators make of schema.json, and
 * each compiles with its language's compiler. Generating needs the generators (dev/sdkgen), built
 * once per change of their sources into the cache outside the checkout, like the Pulumi CLI.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SCHEMA_FILE } from "../../provider/native/published-schema";
import { generateSdks, SDK_LANGUAGES } from "../../dev/sdkgen/generators";
import { buildDotnetSdk, buildGoSdk, compilePythonSdk, onPath, ROOT, scratchDir, treeDifferences, typecheckNodejsSdk } from "../helpers/sdk-checks";

describe("the generated SDKs", () => {
  it("are what Pulumi's generators make of schema.json (after `npm run schema`, run `npm run sdkgen`)", () => {
    const fresh = scratchDir("sdkgen");
    try {
      generateSdks(path.join(ROOT, SCHEMA_FILE), fresh);
      const stale = SDK_LANGUAGES.flatMap((language) =>
        fs.existsSync(path.join(ROOT, "sdk", language))
          ? treeDifferences(path.join(fresh, language), path.join(ROOT, "sdk", language)).map((d) => `sdk/${language}/${d}`)
          : [`sdk/${language}: missing`],
      );
      expect({ stale, fix: "npm run sdkgen" }).toEqual({ stale: [], fix: "npm run sdkgen" });
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });

  it("TypeScript: type-checks (tsc --noEmit with the SDK's tsconfig)", () => {
    const r = typecheckNodejsSdk();
    expect(r.ok ? "" : r.output).toBe("");
  });

  it("Go: builds (go build ./... against the Pulumi Go SDK the CLI is built from)", () => {
    const r = buildGoSdk();
    expect(r.ok ? "" : r.output).toBe("");
  });

  it("Python: compiles (python3 -m compileall)", () => {
    const r = compilePythonSdk();
    expect(r.ok ? "" : r.output).toBe("");
  });

  // No .NET SDK is installed here, so this is skipped here; it runs wherever `dotnet` is on PATH.
  (onPath("dotnet") ? it : it.skip)(".NET: builds (dotnet build)", () => {
    const r = buildDotnetSdk();
    expect(r.ok ? "" : r.output).toBe("");
  });
});
