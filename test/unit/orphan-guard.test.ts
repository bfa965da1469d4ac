/** provider/runtime/orphan-guard.ts: which process it guards and how it reads the engine's address. */
import { engineAddressOf, exitWhenOrphaned, parseAddress } from "../../provider/runtime/orphan-guard";

describe("the orphan guard", () => {
  it.each([
    ["127.0.0.1:38547", { host: "127.0.0.1", port: 38547 }],
    ["localhost:1", { host: "localhost", port: 1 }],
    ["[::1]:4000", { host: "::1", port: 4000 }],
  ])("reads the engine's address %s", (text, address) => {
    expect(parseAddress(text)).toEqual(address);
  });

  it.each([undefined, "", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "--inspect"])("ignores %p, which is no address", (text) => {
    expect(parseAddress(text)).toBeUndefined();
  });

  it("reads the engine's address from the host's last argument, after verbose and tracing flags", () => {
    expect(engineAddressOf(["-v=9", "--logtostderr", "--tracing", "127.0.0.1:9411", "127.0.0.1:38547"])).toEqual({ host: "127.0.0.1", port: 38547 });
    expect(engineAddressOf(["127.0.0.1:38547"])).toEqual({ host: "127.0.0.1", port: 38547 });
    expect(engineAddressOf([])).toBeUndefined();
  });

  it("does nothing outside Pulumi's dynamic-provider host (a test or a program importing the runtime)", () => {
    const listeners = process.stderr.listenerCount("error");
    exitWhenOrphaned(["node", "/work/node_modules/jest/bin/jest.js", "127.0.0.1:1"]);
    expect(process.stderr.listenerCount("error")).toBe(listeners);
  });
});
