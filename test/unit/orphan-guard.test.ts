/** provider/runtime/orphan-guard.ts: which process it guards (reading the engine's address: engine-address.test.ts). */
import { exitWhenOrphaned } from "../../provider/runtime/orphan-guard";

describe("the orphan guard", () => {
  it("does nothing outside Pulumi's dynamic-provider host (a test or a program importing the runtime)", () => {
    const listeners = process.stderr.listenerCount("error");
    exitWhenOrphaned(["node", "/work/node_modules/jest/bin/jest.js", "127.0.0.1:1"]);
    expect(process.stderr.listenerCount("error")).toBe(listeners);
  });
});
