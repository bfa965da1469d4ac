import { aboutTheResource } from "../../provider/dynamic/runtime";
import { currentResource } from "../../provider/runtime/engine-log";

const URN = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/novu:Integration::mail";

describe("the dynamic front-end names the resource a method is about (its warnings are shown under it)", () => {
  it("runs create, update and check about the URN their inputs carry, and keeps it in the outputs", async () => {
    const seen: (string | undefined)[] = [];
    const create = aboutTheResource("create", async () => (seen.push(currentResource()), { id: "1", outs: { identifier: "mail" } }));
    expect(await create({ __urn: URN })).toEqual({ id: "1", outs: { identifier: "mail", __urn: URN } });
    const update = aboutTheResource("update", async () => (seen.push(currentResource()), { outs: {} }));
    expect(await update("1", {}, { __urn: URN })).toEqual({ outs: { __urn: URN } });
    const check = aboutTheResource("check", async () => (seen.push(currentResource()), { inputs: {} }));
    await check({}, { __urn: URN });
    expect(seen).toEqual([URN, URN, URN]);
  });

  it("runs read and delete about the URN kept in the outputs, and read keeps it", async () => {
    const read = aboutTheResource("read", async () => ({ id: "1", props: { identifier: "mail", __urn: URN } }));
    expect(await read("1", { __urn: URN })).toEqual({ id: "1", props: { identifier: "mail", __urn: URN } });
    let during: string | undefined;
    const del = aboutTheResource("delete", async () => void (during = currentResource()));
    await del("1", { __urn: URN });
    expect(during).toBe(URN);
  });

  it("leaves state written before (no URN) as it was: its warnings are shown under the stack", async () => {
    let during: string | undefined = "unset";
    const read = aboutTheResource("read", async () => ((during = currentResource()), { id: "1", props: { identifier: "mail" } }));
    expect(await read("1", { identifier: "mail" })).toEqual({ id: "1", props: { identifier: "mail" } });
    expect(during).toBeUndefined();
  });
});
