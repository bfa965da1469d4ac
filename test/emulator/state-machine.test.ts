/**
 * The primary/priority rules as pure functions (§6), without a server.
 */
import type { StoredIntegration } from "../../emulator/schemas";
import {
  makePrimary,
  placeNewActiveIntegration,
  placeReactivatedIntegration,
  recalculatePriorityForAllActive,
  removeDeactivatedIntegration,
  type Group,
} from "../../emulator/state-machine";

const ORG = "a".repeat(24);
const DEV = "d".repeat(24);
const PROD = "f".repeat(24);
const NOW = new Date("2026-01-01T00:00:00.000Z");
const EMAIL: Group = { organizationId: ORG, environmentId: DEV, channel: "email" };

let next = 0;
function integration(fields: Partial<StoredIntegration>): StoredIntegration {
  const id = (++next).toString(16).padStart(24, "0");
  return {
    _id: id,
    _environmentId: DEV,
    _organizationId: ORG,
    providerId: "sendgrid",
    channel: "email",
    kind: "delivery",
    credentials: {},
    active: true,
    name: "SendGrid",
    identifier: `i-${id}`,
    priority: 0,
    primary: false,
    conditions: [],
    deleted: false,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    __v: 0,
    ...fields,
  };
}

const priorities = (table: readonly StoredIntegration[]) => table.map((i) => i.priority);

describe("recalculatePriorityForAllActive", () => {
  it("numbers the active members N…1 by priority, keeping insertion order for ties", () => {
    const table = [integration({ priority: 1 }), integration({ priority: 5 }), integration({ priority: 1 })];
    expect(priorities(recalculatePriorityForAllActive(table, EMAIL, undefined, NOW))).toEqual([2, 3, 1]);
  });

  it("puts the given integration first even when it is inactive", () => {
    const table = [integration({ priority: 3 }), integration({ active: false })];
    expect(priorities(recalculatePriorityForAllActive(table, EMAIL, table[1]._id, NOW))).toEqual([1, 2]);
  });

  it("ignores deleted, inactive, other-environment and other-channel integrations", () => {
    const table = [
      integration({ priority: 9, deleted: true }),
      integration({ priority: 9, active: false }),
      integration({ priority: 9, _environmentId: PROD }),
      integration({ priority: 9, channel: "sms" }),
      integration({ priority: 9 }),
    ];
    expect(priorities(recalculatePriorityForAllActive(table, EMAIL, undefined, NOW))).toEqual([9, 9, 9, 9, 1]);
  });

  it("touches updatedAt of the re-numbered integrations", () => {
    const [renumbered] = recalculatePriorityForAllActive([integration({ priority: 4 })], EMAIL, undefined, NOW);
    expect(renumbered.updatedAt).toBe(NOW.toISOString());
  });
});

describe("placement of a new active integration (§6.1)", () => {
  it("goes below a primary and bumps it", () => {
    const primary = integration({ primary: true, priority: 2 });
    const placement = placeNewActiveIntegration([primary], EMAIL, NOW);
    expect([placement.priority, placement.primary, placement.table[0].priority]).toEqual([2, false, 3]);
  });

  it("goes on top, as primary, when the highest member is not primary", () => {
    const placement = placeNewActiveIntegration([integration({ priority: 4 })], EMAIL, NOW);
    expect([placement.priority, placement.primary]).toEqual([5, true]);
  });

  it("is primary with priority 1 in an empty group", () => {
    expect(placeNewActiveIntegration([], EMAIL, NOW)).toMatchObject({ priority: 1, primary: true });
  });
});

describe("activation and deactivation (§6.2)", () => {
  it("activating keeps the stored primary flag", () => {
    const target = integration({ active: false });
    expect(placeReactivatedIntegration([target], target, NOW)).toMatchObject({ priority: 1, primary: false });
  });

  it("deactivating ranks the integration first, then drops it to 0 without promoting anyone", () => {
    const primary = integration({ primary: true, priority: 2 });
    const other = integration({ priority: 1 });
    const placement = removeDeactivatedIntegration([primary, other], primary, NOW);
    expect([placement.priority, placement.primary]).toEqual([0, false]);
    expect(placement.table.map((i) => [i.priority, i.primary])).toEqual([
      [2, true],
      [1, false],
    ]);
  });
});

describe("makePrimary (§5.5)", () => {
  it("demotes active primaries of the group only, activates the target and clears its conditions", () => {
    const activePrimary = integration({ primary: true, priority: 1 });
    const inactivePrimary = integration({ primary: true, active: false });
    const prodPrimary = integration({ primary: true, priority: 1, _environmentId: PROD });
    const target = integration({ active: false, conditions: [{ _id: "c", children: [] }] });
    const table = makePrimary([activePrimary, inactivePrimary, prodPrimary, target], target, NOW);
    expect(table.map((i) => [i.active, i.primary, i.priority])).toEqual([
      [true, false, 1],
      [false, true, 0],
      [true, true, 1],
      [true, true, 2],
    ]);
    expect(table[3].conditions).toEqual([]);
  });
});
