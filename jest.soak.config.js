// The soak rounds (test/soak/): deployments killed at seeded random moments, then recovered with the
// documented commands. Apart from jest.config.js so that `npm test` never runs them; CI runs
// `npm run test:soak` after `npm test` (.ci/run).
const base = require("./jest.config.js");

module.exports = {
  ...base,
  projects: [{ ...base.projects.find((p) => p.displayName === "e2e"), displayName: "soak", testMatch: ["<rootDir>/test/soak/**/*.test.ts"] }],
};
