import { expectDeclaration, isLateDeclaration, settledDeclarations } from "../../provider/resource/deployment-declarations";

const entry = (name: string) => ({ name, identifier: name, channel: "email", environmentId: undefined, primary: false });

describe("deployment declarations", () => {
  it("settles with every declaration made while the program runs, and waits for pending values", async () => {
    const deployment = {};
    expectDeclaration(deployment)(entry("a"));
    const later = expectDeclaration(deployment);
    setTimeout(() => later(entry("b")), 20);
    const names = (await settledDeclarations(deployment)).map((d) => d.name);
    expect(names).toEqual(["a", "b"]);
  });

  it("keeps deployments apart and marks declarations that come after settling as late", async () => {
    const first = {};
    const second = {};
    expectDeclaration(first)(entry("a"));
    expectDeclaration(second)(entry("z"));
    expect((await settledDeclarations(first)).map((d) => d.name)).toEqual(["a"]);
    expectDeclaration(first)(entry("late"));
    expect(isLateDeclaration(first, "late")).toBe(true);
    expect(isLateDeclaration(first, "a")).toBe(false);
    expect((await settledDeclarations(second)).map((d) => d.name)).toEqual(["z"]);
  });

  it("settles when a value never becomes known", async () => {
    const deployment = {};
    expectDeclaration(deployment)(undefined);
    expect(await settledDeclarations(deployment)).toEqual([]);
  });
});
