/** The package's functions, decided without a server (planning/lookups.ts). */
import { LookupError } from "../../provider/errors";
import { readListing } from "../../provider/client/listing";
import {
  environmentResult,
  filterIntegrations,
  foundIntegration,
  getIntegrationArgs,
  getIntegrationsArgs,
  selectIntegration,
} from "../../provider/planning/lookups";
import type { Reach } from "../../provider/planning/placement";
import { foundIntegrationSchema, getIntegrationsResultSchema } from "../../provider/schemas/functions";

const DEV = "66a0000000000000000000d1";
const PROD = "66a0000000000000000000d2";
const REACH: Reach = { apiUrl: "https://api.novu.co", environment: { id: DEV, name: "Development", organizationId: "org1" } };

function item(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    _id: "6b1000000000000000000001",
    _environmentId: DEV,
    _organizationId: "org1",
    providerId: "sendgrid",
    channel: "email",
    name: "SendGrid",
    identifier: "mail",
    active: true,
    ...overrides,
  };
}

const LISTING = readListing([
  item({ credentials: { apiKey: "SG.echoed" }, configurations: { inboundWebhookEnabled: true, inboundWebhookSigningKey: "whsec-echoed" } }),
  item({ _id: "6b1000000000000000000002", _environmentId: PROD, credentials: {} }),
  item({ _id: "6b1000000000000000000003", identifier: "sms", providerId: "twilio", channel: "sms", active: false }),
  item({ _id: "6b1000000000000000000004", identifier: "gone", deleted: true }),
  { _id: "6b1000000000000000000005", _environmentId: DEV, identifier: "novu-anthropic", providerId: "novu-anthropic", kind: "agent", name: "Agent", active: true },
])!;

/** The LookupError a call throws, for its argument and message. */
function lookupError(call: () => unknown): LookupError {
  try {
    call();
  } catch (err) {
    if (err instanceof LookupError) return err;
    throw err;
  }
  throw new Error("no LookupError");
}

describe("getIntegration", () => {
  it("finds one integration by identifier in the environment given", () => {
    expect(selectIntegration(getIntegrationArgs({ identifier: "mail", environmentId: PROD }), LISTING)._id).toBe("6b1000000000000000000002");
  });

  it("finds one integration by integrationId", () => {
    expect(selectIntegration(getIntegrationArgs({ integrationId: "6b1000000000000000000003" }), LISTING).identifier).toBe("sms");
  });

  it("asks for environmentId when the identifier is in several environments", () => {
    const err = lookupError(() => selectIntegration(getIntegrationArgs({ identifier: "mail" }), LISTING));
    expect(err.argument).toBe("environmentId");
    expect(err.message).toBe(`getIntegration: identifier "mail" matches 2 integrations (environments ${DEV}, ${PROD}): set environmentId to choose one`);
  });

  it("names the argument when nothing matches, a deleted integration included", () => {
    const err = lookupError(() => selectIntegration(getIntegrationArgs({ identifier: "gone" }), LISTING));
    expect(err.argument).toBe("identifier");
    expect(err.message).toBe('getIntegration: no integration with identifier "gone" in what the provider\'s key can list');
  });

  it("names an integration it cannot read, with the reason, rather than calling it absent", () => {
    const err = lookupError(() => selectIntegration(getIntegrationArgs({ identifier: "novu-anthropic" }), LISTING));
    expect(err.message).toMatch(/identifier "novu-anthropic": integration "novu-anthropic" \(6b1000000000000000000005\) cannot be read by pulumi-novu: it is an "agent"-kind integration/);
  });

  it("wants exactly one of identifier and integrationId", () => {
    expect(lookupError(() => getIntegrationArgs({})).message).toBe("getIntegration: give `identifier` or `integrationId` to say which integration");
    expect(lookupError(() => getIntegrationArgs({ identifier: "a", integrationId: "b" })).argument).toBe("integrationId");
  });

  it("names an argument it does not know", () => {
    const err = lookupError(() => getIntegrationArgs({ identifer: "mail" }));
    expect(err.message).toBe("getIntegration: identifer: is not an argument of getIntegration");
  });

  it("returns Novu's view without credentials or the signing key, even from a server that echoes them", () => {
    const found = foundIntegration(LISTING.integrations[0]!, REACH);
    expect(foundIntegrationSchema.parse(found)).toEqual(found);
    expect(found).toMatchObject({ integrationId: "6b1000000000000000000001", environmentName: "Development", apiUrl: "https://api.novu.co", configurations: { inboundWebhookEnabled: true } });
    expect(JSON.stringify(found)).not.toMatch(/SG\.echoed|whsec-echoed|credentials/);
  });
});

describe("getIntegrations", () => {
  it("returns every listed integration that is not deleted, and the ones it cannot manage apart with the reason", () => {
    const result = filterIntegrations(getIntegrationsArgs({}), LISTING, REACH);
    expect(getIntegrationsResultSchema.parse(result)).toEqual(result);
    expect(result.integrations.map((i) => i.integrationId)).toEqual(["6b1000000000000000000001", "6b1000000000000000000002", "6b1000000000000000000003"]);
    expect(result.skipped).toEqual([
      expect.objectContaining({ identifier: "novu-anthropic", integrationId: "6b1000000000000000000005", reason: expect.stringMatching(/"agent"-kind/) }),
    ]);
    // The environment's name is known only for the key's own environment.
    expect(result.integrations[1]!.environmentName).toBeUndefined();
  });

  it("filters by channel, providerId, active and environmentId together", () => {
    expect(filterIntegrations(getIntegrationsArgs({ channel: "sms", active: false }), LISTING, REACH).integrations.map((i) => i.identifier)).toEqual(["sms"]);
    expect(filterIntegrations(getIntegrationsArgs({ providerId: "sendgrid", environmentId: PROD }), LISTING, REACH).integrations.map((i) => i.integrationId)).toEqual([
      "6b1000000000000000000002",
    ]);
  });

  it("leaves skipped integrations out once a channel or active filter is given, and filters them by providerId", () => {
    expect(filterIntegrations(getIntegrationsArgs({ channel: "email" }), LISTING, REACH).skipped).toEqual([]);
    expect(filterIntegrations(getIntegrationsArgs({ providerId: "sendgrid" }), LISTING, REACH).skipped).toEqual([]);
    expect(filterIntegrations(getIntegrationsArgs({ providerId: "novu-anthropic" }), LISTING, REACH).skipped).toHaveLength(1);
  });

  it("names a channel it does not know", () => {
    expect(lookupError(() => getIntegrationsArgs({ channel: "fax" })).message).toMatch(/^getIntegrations: channel: /);
  });
});

describe("getEnvironment", () => {
  it("is what the key reaches", () => {
    expect(environmentResult(REACH)).toEqual({ environmentId: DEV, name: "Development", organizationId: "org1", apiUrl: "https://api.novu.co" });
  });

  it("says so when the server does not tell which environment the key reaches", () => {
    expect(lookupError(() => environmentResult({ apiUrl: "http://old.example" })).message).toMatch(/does not say which environment the key reaches/);
  });
});
