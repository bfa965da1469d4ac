import { type Location, normaliseApiUrl, type Reach, placementOf, provablyGone } from "../../provider/planning/placement";

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

  it("stops on another server even when the environment ids agree", () => {
    const p = placementOf(here, reach(DEV, "https://eu.api.novu.co"), undefined);
    expect(p).toMatchObject({ kind: "elsewhere", message: expect.stringContaining("lives on the Novu server https://api.novu.co") });
  });

  it("moves only when novu:movedFrom names the place it lives", () => {
    expect(placementOf(here, reach(PROD), DEV)).toEqual({ kind: "moved", from: DEV });
    expect(placementOf(here, reach(PROD), "66a0000000000000000000aa").kind).toBe("elsewhere");
    expect(placementOf(here, reach(DEV, "https://eu.api.novu.co"), "https://api.novu.co/")).toEqual({ kind: "moved", from: "https://api.novu.co" });
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
