import { guardMethod, guardProvider, REDACTED, SecretRedactor } from "../../provider/runtime/redact";

describe("the secret redactor", () => {
  it("replaces every remembered value, also as it looks inside JSON and URL-encoded", () => {
    const r = new SecretRedactor();
    r.remember('SG.k"ey\\1');
    r.remember("nv-key-123");
    const body = JSON.stringify({ credentials: { apiKey: 'SG.k"ey\\1' } });
    const message = `400: headers: {"authorization":"ApiKey nv-key-123"}; body: ${body}; quoted: ${JSON.stringify(body)}; url: ?k=${encodeURIComponent('SG.k"ey\\1')}`;
    const out = r.redact(message);
    expect(out).not.toContain("nv-key-123");
    expect(out).not.toContain("SG.k");
    expect(out).toContain(`ApiKey ${REDACTED}`);
  });

  it("leaves values shorter than four characters alone, so ordinary words survive", () => {
    const r = new SecretRedactor();
    r.remember("us");
    expect(r.redact("region us")).toBe("region us");
  });

  it("remembers the credentials of bags passed in and returned, and redacts thrown errors and their reasons", async () => {
    const r = new SecretRedactor();
    const create = guardMethod(async (news: { credentials: { apiKey: string } }) => {
      const error = new Error(`Novu answered 400: body ${JSON.stringify(news)}`);
      throw Object.assign(error, { reasons: [error.message] });
    }, r);
    const thrown = await create({ credentials: { apiKey: "SG.passed-in-1" } }).catch((e: unknown) => e as Error & { reasons: string[] });
    expect(thrown.message).toBe(`Novu answered 400: body {"credentials":{"apiKey":"${REDACTED}"}}`);
    expect(thrown.reasons).toEqual([thrown.message]);

    const read = guardMethod(async () => ({ id: "x", props: { credentials: { token: { nested: "returned-secret" } } } }), r);
    await read();
    expect(r.redact("a returned-secret")).toBe(`a ${REDACTED}`);
  });

  it("redacts check failures' reasons, and remembers the Novu key at configure", async () => {
    const r = new SecretRedactor();
    const guarded = guardProvider(
      {
        async configure(_req: unknown) {},
        async check() {
          return { inputs: {}, failures: [{ property: "x", reason: "x: nv-configured-key" }] };
        },
      },
      r,
    );
    await guarded.configure({ config: { get: (k: string) => (k === "novu:secretKey" ? "nv-configured-key" : undefined) } });
    expect((await guarded.check()).failures).toEqual([{ property: "x", reason: `x: ${REDACTED}` }]);
  });
});
