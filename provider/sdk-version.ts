/**
 * The @pulumi/pulumi versions pulumi-novu supports. The package declares `^3.259.0`, but a project
 * can still end up with another SDK (an override, a forced install, a second copy); then the
 * program stops at once with what to run, instead of failing later in the engine.
 */
export const SUPPORTED_PULUMI = { minimum: "3.259.0", belowMajor: 4 } as const;

function parse(version: string): [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Undefined when `version` is supported, else the message to stop with. */
export function unsupportedPulumiSdk(version: string): string | undefined {
  const have = parse(version);
  const min = parse(SUPPORTED_PULUMI.minimum)!;
  const tooOld = have !== undefined && (have[0] < min[0] || (have[0] === min[0] && (have[1] < min[1] || (have[1] === min[1] && have[2] < min[2]))));
  if (have && !tooOld && have[0] < SUPPORTED_PULUMI.belowMajor) return undefined;
  return (
    `pulumi-novu needs @pulumi/pulumi >= ${SUPPORTED_PULUMI.minimum} and < ${SUPPORTED_PULUMI.belowMajor}.0.0, but this project has ${version}: ` +
    `run \`npm install @pulumi/pulumi@^${SUPPORTED_PULUMI.minimum}\`, and use a Pulumi CLI of the same version (\`npx pulumi-novu install-cli\`)`
  );
}
