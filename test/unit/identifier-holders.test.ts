import { holdersOf, isIdentifierTaken } from "../../provider/planning/identifier-holders";
import type { IntegrationResponse } from "../../provider/schemas/api";

const ENV = "e".repeat(24);
const OTHER = "f".repeat(24);
const novu = (id: string, identifier: string, over: Partial<IntegrationResponse> = {}) =>
  ({ _id: id, _environmentId: ENV, identifier, deleted: false, ...over }) as IntegrationResponse;

describe("a live integration with this identifier", () => {
  const listed = [novu("gone", "mail", { deleted: true }), novu("here", "mail"), novu("there", "mail", { _environmentId: OTHER }), novu("sms", "sms")];

  it("is one not deleted, in the named environment", () => {
    expect(holdersOf({ identifier: "mail", environmentId: ENV }, listed).map((i) => i._id)).toEqual(["here"]);
  });

  it("is any environment's when none is named (an organization-wide list)", () => {
    expect(holdersOf({ identifier: "mail" }, listed).map((i) => i._id)).toEqual(["here", "there"]);
  });

  it("collides with a create when Novu answers 409 naming the identifier", () => {
    expect(isIdentifierTaken(409, "Integration with identifier mail already exists")).toBe(true);
    expect(isIdentifierTaken(409, "Conflict")).toBe(false);
    expect(isIdentifierTaken(400, "identifier must be a string")).toBe(false);
  });
});
