import {
  type Location,
  normaliseApiUrl,
  type Reach,
  placementOf,
  provablyGone,
  respelledNotice,
  targetNotice,
  unreachableReason,
} from "../../provider/planning/placement";
import { SETTINGS_FROM_CONFIG } from "./fixtures";

const DEV = "66a0000000000000000000d1";
const PROD = "66a0000000000000000000f1";
const ORG = "66a000000000000000000001";
const here: Location = { identifier: "mail", environmentId: DEV, organizationId: ORG, environmentManaged: false, apiUrl: "https://api.novu.co", environmentName: "Development" };
const reach = (environmentId: string | undefined, apiUrl = "https://api.novu.co"): Reach => ({
  apiUrl,
  environment: environmentId ? { id: environmentId, name: environmentId === DEV ? "Development" : "Production", organizationId: ORG } : undefined,
});

describe("placementOf", () => {
  it("is here when the key reaches the integration's environment on its server", () => {
    expect(placementOf(here, reach(DEV), undefined)).toEqual({ kind: "here", verified: true });
  });

  it("stops on another environment, naming both and both fixes", () => {
    const p = placementOf(here, reach(PROD), undefined);
    expect(p.kind).toBe("elsewhere");
    const message = (p as { message: string }).message;
    expect(message).toContain(`environment "Development" (${DEV}), but novu:secretKey is a key of environment "Production" (${PROD})`);
    expect(message).toContain(`pulumi config set novu:movedFrom ${DEV}`);
  });

  it("knows a server by what the key reaches there, not by how its URL is spelled", () => {
    const local: Location = { ...here, apiUrl: "http://localhost:4311" };
    expect(placementOf(local, reach(DEV, "http://127.0.0.1:4311"), undefined)).toEqual({ kind: "here", verified: true, respelledFrom: "http://localhost:4311" });
    // Another spelling never turns a wrong key into a move, nor hides it.
    expect(placementOf(local, reach(PROD, "http://127.0.0.1:4311"), undefined)).toMatchObject({
      kind: "elsewhere",
      message: expect.stringContaining(`environment "Development" (${DEV}), but novu:secretKey is a key of environment "Production" (${PROD})`),
    });
    // Naming the old spelling as the place left behind does not recreate what is already here.
    expect(placementOf(local, reach(DEV, "http://127.0.0.1:4311"), "http://localhost:4311/")).toMatchObject({ kind: "here", respelledFrom: "http://localhost:4311" });
  });

  it("stops on another server: another organization behind the URL, naming the setting that points there", () => {
    const eu = { apiUrl: "https://eu.api.novu.co", environment: { id: "77b0000000000000000000d1", name: "Development", organizationId: "77b000000000000000000001" }, apiUrlFrom: "NOVU_API_URL" };
    const p = placementOf(here, eu, undefined);
    expect(p).toMatchObject({ kind: "elsewhere", message: expect.stringContaining("lives on the Novu server https://api.novu.co, but NOVU_API_URL now points to https://eu.api.novu.co.") });
    expect((p as { message: string }).message).toContain("`pulumi config set novu:apiUrl https://api.novu.co`");
  });

  it("stops on another URL when the server does not say what the key reaches (no GET /v1/environments/me)", () => {
    const p = placementOf(here, reach(undefined, "http://127.0.0.1:4311"), undefined);
    expect(p).toMatchObject({ kind: "elsewhere", message: expect.stringContaining("this server does not say which organization the key belongs to") });
  });

  it("moves only when novu:movedFrom names the place it lives", () => {
    const eu = { apiUrl: "https://eu.api.novu.co", environment: { id: "77b0000000000000000000d1", name: "Development", organizationId: "77b000000000000000000001" } };
    expect(placementOf(here, reach(PROD), DEV)).toEqual({ kind: "moved", from: DEV });
    expect(placementOf(here, reach(PROD), "66a0000000000000000000aa").kind).toBe("elsewhere");
    expect(placementOf(here, eu, "https://api.novu.co/")).toEqual({ kind: "moved", from: "https://api.novu.co" });
    expect(placementOf(here, eu, "https://other.example").kind).toBe("elsewhere");
    expect(placementOf(here, reach(DEV), DEV)).toEqual({ kind: "here", verified: true });
  });

  it("does not compare the server of state written before it was recorded", () => {
    const { apiUrl: _a, ...old } = here;
    expect(placementOf(old, reach(DEV, "http://127.0.0.1:4010"), undefined)).toEqual({ kind: "here", verified: true });
  });

  it("leaves a declared environmentId to Novu's own checks, but not another organization", () => {
    expect(placementOf({ ...here, environmentManaged: true }, reach(PROD), undefined).kind).toBe("here");
    const otherOrg = { apiUrl: here.apiUrl!, environment: { id: DEV, name: "Development", organizationId: "66a0000000000000000000ff" } };
    expect(placementOf(here, otherOrg, undefined).kind).toBe("elsewhere");
  });

  it("is unverified when the server does not say which environment the key reaches", () => {
    expect(placementOf(here, reach(undefined), undefined)).toEqual({ kind: "here", verified: false });
  });
});

describe("provablyGone", () => {
  it("trusts the server's answer, or else only a list that shows the integration's environment", () => {
    expect(provablyGone(here, { kind: "here", verified: true }, [])).toBe(true);
    expect(provablyGone(here, { kind: "here", verified: false }, [])).toBe(false);
    expect(provablyGone(here, { kind: "here", verified: false }, [{ _environmentId: PROD }])).toBe(false);
    expect(provablyGone(here, { kind: "here", verified: false }, [{ _environmentId: DEV }])).toBe(true);
    expect(provablyGone(here, { kind: "moved", from: DEV }, [])).toBe(false);
  });
});

it("normalises API URLs the way novu:apiUrl is read", () => {
  expect(normaliseApiUrl("HTTPS://API.Novu.co/")).toBe("https://api.novu.co");
  expect(normaliseApiUrl("http://127.0.0.1:4010/novu//")).toBe("http://127.0.0.1:4010/novu");
});

describe("what a preview says about the key and URL in use", () => {
  const fromConfig = SETTINGS_FROM_CONFIG;

  it("names the environment, organization and server written to, and where the key and URL came from", () => {
    expect(targetNotice(reach(DEV, "http://127.0.0.1:4311"), { ...fromConfig, keyFrom: "the environment variable NOVU_SECRET_KEY" })).toBe(
      `writes to Novu environment "Development" (${DEV}) of organization ${ORG} at http://127.0.0.1:4311 (key from the environment variable NOVU_SECRET_KEY; URL from stack config novu:apiUrl)`,
    );
    expect(targetNotice(reach(undefined), fromConfig)).toContain("the Novu server at https://api.novu.co (it does not say which environment the key belongs to)");
  });

  it("says a URL of the same server was recorded under another spelling, and when it is rewritten", () => {
    expect(respelledNotice("http://localhost:4311", reach(DEV, "http://127.0.0.1:4311"))).toBe(
      `the state records the Novu server as http://localhost:4311, now reached as http://127.0.0.1:4311: the key reaches organization ${ORG} ` +
        `(environment "Development" (${DEV})) through both, so they are one server. The next write or \`pulumi refresh\` records the new URL`,
    );
  });

  it("fails the check of a new integration on a refused key, naming the setting, its source and the one command", () => {
    const reason = unreachableReason({ kind: "key-refused", status: 401, serverMessage: "API Key not found" }, "http://127.0.0.1:4311", fromConfig);
    expect(reason).toBe(
      "novu:secretKey: Novu at http://127.0.0.1:4311 refused the key from stack config novu:secretKey (401: API Key not found), so `pulumi up` would fail too. " +
        "Use the key of the environment this stack manages: `pulumi config set --secret novu:secretKey <key>`",
    );
  });

  it("fails it on a URL nothing answers at, with the network error, the attempts and the fix", () => {
    const message = "read the key's environment: no answer from Novu (ECONNREFUSED): 127.0.0.1:1 refused the connection, so nothing was sent; check novu:apiUrl and that the server is running";
    const reason = unreachableReason({ kind: "no-answer", message, attempts: 3, elapsedMs: 1234 }, "http://127.0.0.1:1", fromConfig);
    expect(reason).toBe(
      `novu:apiUrl: ${message} (3 attempts in 1.2 s; the URL is from stack config novu:apiUrl), so \`pulumi up\` would fail too. ` +
        "If the URL is wrong: `pulumi config set novu:apiUrl <URL of the Novu API>`",
    );
  });
});
