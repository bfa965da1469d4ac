/**
 * A story of edits on one running stack, as a team makes them day after day (Pulumi's own
 * `tests/integration/steps` walks one stack through its edits the same way). Each edit is a step;
 * a failure names the step it happened in, with the failed expectation, so the first broken edit is
 * the one reported.
 */
export async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    throw new Error(`step "${name}" failed:\n${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
