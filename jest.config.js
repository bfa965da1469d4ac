// Unit tests run everywhere; e2e tests drive a real Pulumi CLI and so run one file at a time
// against a 2-core machine (see test/helpers/pulumi.ts).
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  // v8 coverage: istanbul would inject counters into closures Pulumi serializes.
  coverageProvider: "v8",
  // Generous: CI machines have run the e2e suites 2× slower than an idle 2-core machine. A test
  // that hangs still fails, and one that is only slow does not.
  testTimeout: 600_000,
  maxWorkers: 2,
  verbose: true,
};
