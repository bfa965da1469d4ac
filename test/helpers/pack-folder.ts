/**
 * The e2e project's globalSetup (jest.config.js): one folder for the run's packed tarball
 * (test/helpers/packed-tarball.ts), made before the workers start so they all see it, and removed by
 * the globalTeardown.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PACK_FOLDER_VARIABLE } from "./packed-tarball";

export default function setup(): void {
  process.env[PACK_FOLDER_VARIABLE] = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-novu-pack-"));
}

export function teardown(): void {
  const folder = process.env[PACK_FOLDER_VARIABLE];
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
}
