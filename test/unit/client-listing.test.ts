/**
 * The tolerant reader: the client lists integrations from a real local HTTP server that answers
 * as Novu's current server does (agents without a channel) and as a later one might (unknown
 * channels and kinds, extra fields, fields left out). Nothing it cannot manage fails the list.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { NovuResponseError } from "../../provider/errors";
import { NovuClient } from "../../provider/client/novu-client";

const ENV = "66a000000000000000000e01";
const ORG = "66a000000000000000000001";

const delivery = {
  _id: "66a0000000000000000000a1",
  _environmentId: ENV,
  _organizationId: ORG,
  providerId: "sendgrid",
  channel: "email",
  kind: "delivery",
  name: "SendGrid",
  identifier: "mail",
  active: true,
  primary: true,
  priority: 1,
  deleted: false,
  conditions: [],
  credentials: {},
  createdAt: "2026-09-01T00:00:00.000Z",
};

/** Today's server: an AI-agent integration is listed with no channel. */
const agent = {
  _id: "66a0000000000000000000a2",
  _environmentId: ENV,
  _organizationId: ORG,
  providerId: "novu-anthropic",
  kind: "agent",
  name: "Novu Anthropic",
  identifier: "novu-anthropic-x1",
  active: true,
  primary: false,
  priority: 0,
  deleted: false,
  conditions: [],
  credentials: {},
};

let server: http.Server;
let url: string;
let answer: unknown;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function listAll(items: unknown) {
  answer = { data: items };
  const client = new NovuClient({ apiUrl: url, secretKey: "nv-listing-test", retry: { maxRetries: 0 } });
  try {
    return await client.listAllIntegrations();
  } finally {
    await client.close();
  }
}

describe("listing integrations as Novu lists them today and tomorrow", () => {
  it("sets an agent-kind integration without a channel aside, naming why, and keeps the rest", async () => {
    const listing = await listAll([delivery, agent]);
    expect(listing.integrations.map((i) => i.identifier)).toEqual(["mail"]);
    expect(listing.unmanageable).toEqual([
      {
        integrationId: agent._id,
        environmentId: ENV,
        identifier: "novu-anthropic-x1",
        providerId: "novu-anthropic",
        reason: 'it is an "agent"-kind integration; pulumi-novu manages delivery integrations only',
      },
    ]);
  });

  it("sets aside a channel it does not know and a kind it does not know", async () => {
    const whatsapp = { ...delivery, _id: "66a0000000000000000000a3", identifier: "wa", providerId: "whatsapp-business", channel: "whatsapp-business" };
    const runtime = { ...delivery, _id: "66a0000000000000000000a4", identifier: "rt", kind: "workflow-runtime" };
    const listing = await listAll([whatsapp, runtime, delivery]);
    expect(listing.integrations.map((i) => i.identifier)).toEqual(["mail"]);
    expect(listing.unmanageable.map((u) => [u.identifier, u.reason])).toEqual([
      ["wa", expect.stringMatching(/^its channel "whatsapp-business" is not one this version of pulumi-novu knows \(in_app, email, sms, chat, push, tool\)$/)],
      ["rt", 'it is a "workflow-runtime"-kind integration; pulumi-novu manages delivery integrations only'],
    ]);
  });

  it("reads a delivery integration with fields it does not know, and one that leaves optional fields out", async () => {
    const extra = { ...delivery, rules: { and: [] }, agentIds: ["a"], restrictToUserEnvironment: true, meta: { v: 2 } };
    const { _id, _environmentId, _organizationId, providerId, channel, name, identifier, active } = delivery;
    const bare = { _id: "66a0000000000000000000a5", _environmentId, _organizationId, providerId, channel, name, identifier: "bare", active };
    const listing = await listAll([extra, bare]);
    expect(listing.unmanageable).toEqual([]);
    expect(listing.integrations.map((i) => [i.identifier, i.primary, i.priority, i.deleted, i.conditions])).toEqual([
      [identifier, true, 1, false, []],
      ["bare", false, 0, false, []],
    ]);
    void _id;
  });

  it("reads a tool-channel integration and an integration of a server from before `kind`", async () => {
    const { kind: _kind, ...beforeKinds } = delivery;
    const tool = { ...delivery, _id: "66a0000000000000000000a6", providerId: "tool-webhook", channel: "tool", identifier: "hook", primary: false };
    const listing = await listAll([beforeKinds, tool]);
    expect(listing.integrations.map((i) => `${i.identifier}:${i.channel}`)).toEqual(["mail:email", "hook:tool"]);
  });

  it("sets aside an item missing what it needs to manage it, naming the field, and never fails the list", async () => {
    const { name: _name, ...nameless } = delivery;
    const listing = await listAll([nameless, "not an integration", agent]);
    expect(listing.integrations).toEqual([]);
    expect(listing.unmanageable.map((u) => u.reason)).toEqual([
      expect.stringMatching(/^Novu's answer lacks what pulumi-novu needs to manage it \(name: /),
      "it is not an integration object pulumi-novu can read",
      expect.stringContaining('"agent"-kind'),
    ]);
  });

  it("lists only what it manages through listIntegrations", async () => {
    answer = { data: [agent, delivery] };
    const client = new NovuClient({ apiUrl: url, secretKey: "nv-listing-test", retry: { maxRetries: 0 } });
    try {
      expect((await client.listIntegrations()).map((i) => i._id)).toEqual([delivery._id]);
    } finally {
      await client.close();
    }
  });

  it("still fails on an answer that is not a list at all", async () => {
    await expect(listAll({ integrations: [] })).rejects.toBeInstanceOf(NovuResponseError);
  });
});
