/**
 * `npm run catalogue`: rewrites provider/novu-catalogue.json from the installed `@novu/shared`
 * (after upgrading it). test/unit/catalogue.test.ts says when this is needed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "../../tools/package-root";
import { catalogueFromNovuShared } from "./from-novu-shared";

const file = path.join(packageRoot(__dirname), "provider", "novu-catalogue.json");
const catalogue = catalogueFromNovuShared();
fs.writeFileSync(file, JSON.stringify(catalogue, null, 2) + "\n");
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}: ${catalogue.providers.length} providers, ${catalogue.secureCredentials.length} secure credential keys\n`);
