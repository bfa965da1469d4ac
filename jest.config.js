// Tiers (DESIGN.md, "Testing"): `fast` — pure logic (unit), the emulator, and the runtime tier
// (the providers' operations in-process against the emulator over a real socket), seconds in all;
// `sdk` — the committed schema and generated SDKs against a fresh generation, compiled; `e2e` — a
// real Pulumi CLI and engine, one file per worker on a 2-core machine (see test/helpers/pulumi.ts);
// the soak rounds (22 killed deployments, test/soak/) have a config of their own, jest.soak.config.js
// (`npm run test:soak`), which CI runs after `npm test`, beside the oldest-Pulumi suite: a project
// here would make `npm test -- <file>` read the file as a project name. `npx jest --selectProjects
// fast` runs one tier alone.
const shared = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // v8 coverage: istanbul would inject counters into closures Pulumi serializes.
  coverageProvider: "v8",
};

module.exports = {
  projects: [
    { ...shared, displayName: "fast", roots: ["<rootDir>/test"], testMatch: ["<rootDir>/test/{unit,emulator,runtime}/**/*.test.ts"] },
    { ...shared, displayName: "sdk", roots: ["<rootDir>/test"], testMatch: ["<rootDir>/test/sdk/**/*.test.ts"] },
    {
      ...shared,
      displayName: "e2e",
      roots: ["<rootDir>/test"],
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      // One packed tarball per run for the files that install pulumi-novu as a user does.
      globalSetup: "<rootDir>/test/helpers/pack-folder.ts",
      globalTeardown: "<rootDir>/test/helpers/pack-folder-teardown.ts",
    },
  ],
  // Generous: CI machines have run the e2e suites 2× slower than an idle 2-core machine. A test
  // that hangs still fails, and one that is only slow does not.
  testTimeout: 600_000,
  maxWorkers: 2,
  verbose: true,
};
