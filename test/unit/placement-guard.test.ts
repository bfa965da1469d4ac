/**
 * The placement guard's quick check of new integrations: one question to Novu per process whatever
 * the number of resources (a failure included), a short budget, and one notice of where it writes.
 */
import type { NovuClient } from "../../provider/client/novu-client";
import { NovuGaveUpError } from "../../provider/client/errors";
import { NovuApiError, NovuNetworkError } from "../../provider/errors";
import { setNoticeSink } from "../../provider/runtime/notice";
import { PlacementGuard, VERIFY_BUDGET_MS, VERIFY_RETRIES } from "../../provider/runtime/placement-guard";
import { SETTINGS_FROM_CONFIG } from "./fixtures";

const DEV = { _id: "66a0000000000000000000d1", name: "Development", _organizationId: "66a000000000000000000001" };
const SETTINGS = SETTINGS_FROM_CONFIG;

function guardWith(answer: () => Promise<unknown>) {
  const calls: { maxRetries?: number; budgetMs?: number }[] = [];
  const client = {
    currentEnvironment: (options: { maxRetries?: number; deadline?: { budgetMs: number } }) => {
      calls.push({ maxRetries: options.maxRetries, budgetMs: options.deadline?.budgetMs });
      return answer();
    },
  } as unknown as NovuClient;
  const guard = new PlacementGuard(() => ({ apiUrl: "http://127.0.0.1:4311/", movedFrom: undefined, settings: SETTINGS, operationTimeoutMs: 120_000, client: () => client }));
  return { guard, calls };
}

const notices: string[] = [];
beforeEach(() => {
  notices.length = 0;
  setNoticeSink((m) => notices.push(m));
});

describe("PlacementGuard.verify", () => {
  it("asks once, quickly, for any number of new integrations, and says once where the stack writes", async () => {
    const { guard, calls } = guardWith(async () => DEV);
    expect(await Promise.all([guard.verify(), guard.verify(), guard.verify()])).toEqual([undefined, undefined, undefined]);
    expect(await guard.verify()).toBeUndefined();
    await guard.announce();
    expect(calls).toEqual([{ maxRetries: VERIFY_RETRIES, budgetMs: VERIFY_BUDGET_MS }]);
    expect(notices).toEqual([
      `writes to Novu environment "Development" (${DEV._id}) of organization ${DEV._organizationId} at http://127.0.0.1:4311 (key from stack config novu:secretKey; URL from stack config novu:apiUrl)`,
    ]);
  });

  it("keeps a failure for the process: a refused key is one request and one reason, naming the setting and the fix", async () => {
    const { guard, calls } = guardWith(async () => {
      throw new NovuApiError("read the key's environment", 401, "API Key not found");
    });
    const first = await guard.verify();
    expect(await guard.verify()).toBe(first);
    expect(calls).toHaveLength(1);
    expect(first).toBe(
      "novu:secretKey: Novu at http://127.0.0.1:4311 refused the key from stack config novu:secretKey (401: API Key not found), so `pulumi up` would fail too. " +
        "Use the key of the environment this stack manages: `pulumi config set --secret novu:secretKey <key>`",
    );
    expect(notices).toEqual([]);
  });

  it("reports a URL nothing answers at with the network error and the attempts it took", async () => {
    const refused = new NovuNetworkError("read the key's environment", "ECONNREFUSED", "http://127.0.0.1:4311", "novu:apiUrl");
    const { guard } = guardWith(async () => {
      throw new NovuGaveUpError("read the key's environment", "retries-exhausted", 3, 900, refused, "2 retries allowed for this call");
    });
    expect(await guard.verify()).toBe(
      `novu:apiUrl: ${refused.message} (3 attempts in 0.9 s; the URL is from stack config novu:apiUrl), so \`pulumi up\` would fail too. ` +
        "If the URL is wrong: `pulumi config set novu:apiUrl <URL of the Novu API>`",
    );
  });
});
