import { unsupportedPulumiSdk } from "../../provider/sdk-version";

describe("supported @pulumi/pulumi versions", () => {
  it("accepts 3.259.0 and later 3.x", () => {
    for (const v of ["3.259.0", "3.259.1", "3.276.0", "3.300.2"]) expect(unsupportedPulumiSdk(v)).toBeUndefined();
  });

  it("names the version and the command for older, next-major and unreadable ones", () => {
    for (const v of ["3.258.9", "3.100.0", "2.30.0", "4.0.0", "dev"]) {
      expect(unsupportedPulumiSdk(v)).toBe(
        `pulumi-novu needs @pulumi/pulumi >= 3.259.0 and < 4.0.0, but this project has ${v}: run \`npm install @pulumi/pulumi@^3.259.0\`, and use a Pulumi CLI of the same version (\`npx pulumi-novu install-cli\`)`,
      );
    }
  });
});
