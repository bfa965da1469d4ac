// Tiers (DESIGN.md, "Testing"): `fast` — pure logic (unit), the emulator, and the runtime tier
// (the providers' operations in-process against the emulator over a real socket), seconds in all;
// `sdk` — the committed schema and generated SDKs against a fresh generation, compiled; `e2e` — a
// real Pulumi CLI and engine, one file per worker on a 2-core machine (see test/helpers/pulumi.ts);
// `soak` — the long randomized rounds (22 killed deployments) that CI runs beside the oldest-Pulumi
// suite, after `npm test` (`npm run test:soak`). `npx jest --selectProjects fast` runs one alone.
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
    { ...shared, displayName: "e2e", roots: ["<rootDir>/test"], testMatch: ["<rootDir>/test/e2e/**/*.test.ts"] },
    { ...shared, displayName: "soak", roots: ["<rootDir>/test"], testMatch: ["<rootDir>/test/soak/**/*.test.ts"] },
  ],
  // Generous: CI machines have run the e2e suites 2× slower than an idle 2-core machine. A test
  // that hangs still fails, and one that is only slow does not.
  testTimeout: 600_000,
  maxWorkers: 2,
  verbose: true,
};
