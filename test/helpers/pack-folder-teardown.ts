/** The e2e project's globalTeardown: see test/helpers/pack-folder.ts. */
export { teardown as default } from "./pack-folder";
