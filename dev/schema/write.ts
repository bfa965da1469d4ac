/**
 * `npm run schema`: rewrites schema.json from the zod schemas (provider/native/published-schema.ts).
 * test/unit/schema-file.test.ts fails until it is run after a schema change; `npm run sdkgen` then
 * regenerates the SDKs from the new file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SCHEMA_FILE, schemaFileText } from "../../provider/native/published-schema";
import { packageRoot } from "../../tools/package-root";

const file = path.join(packageRoot(__dirname), SCHEMA_FILE);
const text = schemaFileText();
const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
if (before !== text) fs.writeFileSync(file, text);
process.stdout.write(`${before === text ? "unchanged" : "wrote"} ${path.relative(process.cwd(), file) || file}\n`);
