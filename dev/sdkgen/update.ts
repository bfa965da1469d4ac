/**
 * `npm run sdkgen`: regenerates sdk/<language> from schema.json with Pulumi's own code generators
 * (generators.ts). Each folder is replaced whole, so a file the generator no longer writes goes
 * too. test/sdk/sdks.test.ts fails until this is run after `npm run schema` changed the schema.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SCHEMA_FILE } from "../../provider/native/published-schema";
import { packageRoot } from "../../tools/package-root";
import { generateSdks, SDK_LANGUAGES } from "./generators";

const root = packageRoot(__dirname);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-novu-sdkgen-"));
try {
  generateSdks(path.join(root, SCHEMA_FILE), scratch, (line) => process.stderr.write(`sdkgen: ${line}\n`));
  for (const language of SDK_LANGUAGES) {
    const target = path.join(root, "sdk", language);
    fs.rmSync(target, { recursive: true, force: true });
    fs.cpSync(path.join(scratch, language), target, { recursive: true });
  }
  process.stdout.write(`wrote ${SDK_LANGUAGES.map((l) => `sdk/${l}`).join(", ")} from ${SCHEMA_FILE}\n`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
