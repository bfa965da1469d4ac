/** provider/runtime/engine-address.ts: one reading of the engine's address for every process the engine starts. */
import { engineAddressFrom, isDynamicProviderHost, parseAddress } from "../../provider/runtime/engine-address";

describe("the engine's address", () => {
  it.each([
    ["127.0.0.1:38547", { text: "127.0.0.1:38547", host: "127.0.0.1", port: 38547 }],
    ["localhost:1", { text: "localhost:1", host: "localhost", port: 1 }],
    ["[::1]:4000", { text: "[::1]:4000", host: "::1", port: 4000 }],
  ])("reads %s", (text, address) => {
    expect(parseAddress(text)).toEqual(address);
  });

  it.each([undefined, "", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "--inspect"])("ignores %p, which is no address", (text) => {
    expect(parseAddress(text)).toBeUndefined();
  });

  it("is the argument after verbose logging and tracing flags, as the dynamic host, the plugin and the language host get it", () => {
    expect(engineAddressFrom(["-v=9", "--logtostderr", "--tracing", "127.0.0.1:9411", "127.0.0.1:38547"])?.text).toBe("127.0.0.1:38547");
    expect(engineAddressFrom(["--logtostderr", "-v=9", "--tracing", "http://t", "127.0.0.1:1234"])?.text).toBe("127.0.0.1:1234");
    expect(engineAddressFrom(["127.0.0.1:38547"])).toEqual({ text: "127.0.0.1:38547", host: "127.0.0.1", port: 38547 });
    expect(engineAddressFrom([])).toBeUndefined();
  });

  it("knows Pulumi's dynamic-provider host by its script", () => {
    expect(isDynamicProviderHost(["node", "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:1"])).toBe(true);
    expect(isDynamicProviderHost(["node", "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider", "127.0.0.1:1"])).toBe(true);
    expect(isDynamicProviderHost(["node", "/work/node_modules/jest/bin/jest.js"])).toBe(false);
  });
});
