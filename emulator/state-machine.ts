/**
 * The primary/priority rules of email and sms integrations (§6), as pure functions over the table
 * of stored integrations. They copy the real repository helpers literally, including the outcomes
 * the server does not guard against (§6.5: groups with zero or two primaries, primaries with
 * conditions, gaps and duplicates in priorities).
 *
 * A group is (organization, environment, channel); only active, non-deleted members take part.
 * Ties in priority keep insertion order (Mongo's natural order), hence the stable sort.
 */
import type { StoredIntegration } from "./schemas";

export type Table = readonly StoredIntegration[];

export interface Group {
  readonly organizationId: string;
  readonly environmentId: string;
  readonly channel: string;
}

export function groupOf(integration: StoredIntegration): Group {
  return {
    organizationId: integration._organizationId,
    environmentId: integration._environmentId,
    channel: integration.channel ?? "",
  };
}

/** Active members of the group, highest priority first (`find(...).sort({priority: -1})`). */
export function activeMembersByPriority(table: Table, group: Group, excludeId?: string): StoredIntegration[] {
  return table
    .filter(
      (i) =>
        !i.deleted &&
        i.active &&
        i._organizationId === group.organizationId &&
        i._environmentId === group.environmentId &&
        i.channel === group.channel &&
        i._id !== excludeId,
    )
    .sort((a, b) => b.priority - a.priority);
}

/** `findHighestPriorityIntegration`: includes Novu-provided integrations. */
export function findHighestPriority(table: Table, group: Group): StoredIntegration | undefined {
  return activeMembersByPriority(table, group)[0];
}

/** Applies raw field changes to one stored integration, touching `updatedAt` like Mongoose timestamps. */
export function patch(table: Table, id: string, changes: Partial<StoredIntegration>, now: Date): Table {
  return table.map((i) => (i._id === id ? { ...i, ...changes, updatedAt: now.toISOString() } : i));
}

/**
 * `recalculatePriorityForAllActive({_id?, …group})`: `_id` (if given) ranks first whether or not it
 * is active, then the other active members by current priority; priorities become N…1.
 */
export function recalculatePriorityForAllActive(table: Table, group: Group, firstId: string | undefined, now: Date): Table {
  const others = activeMembersByPriority(table, group, firstId).map((i) => i._id);
  const ids = firstId === undefined ? others : [firstId, ...others];
  let next = table;
  ids.forEach((id, index) => {
    next = patch(next, id, { priority: ids.length - index }, now);
  });
  return next;
}

export interface Placement {
  readonly table: Table;
  readonly priority: number;
  readonly primary: boolean;
}

/**
 * §6.1, a new active email/sms integration: below an existing primary (which is bumped by one),
 * otherwise on top and primary — even when other, non-primary members are active.
 */
export function placeNewActiveIntegration(table: Table, group: Group, now: Date): Placement {
  const highest = findHighestPriority(table, group);
  if (highest?.primary) {
    return {
      table: patch(table, highest._id, { priority: highest.priority + 1 }, now),
      priority: highest.priority,
      primary: false,
    };
  }
  return { table, priority: highest ? highest.priority + 1 : 1, primary: true };
}

/**
 * §6.2, false → true: the same bump as create, but `primary` keeps its stored value, so activating
 * never makes an integration primary (not even the only active one).
 */
export function placeReactivatedIntegration(table: Table, integration: StoredIntegration, now: Date): Placement {
  const highest = findHighestPriority(table, groupOf(integration));
  if (highest?.primary) {
    return {
      table: patch(table, highest._id, { priority: highest.priority + 1 }, now),
      priority: highest.priority,
      primary: integration.primary,
    };
  }
  return { table, priority: highest ? highest.priority + 1 : 1, primary: integration.primary };
}

/**
 * §6.2, true → false: re-number with this one first, then it drops to 0/false. Nobody is promoted,
 * so deactivating the primary leaves the group without one.
 */
export function removeDeactivatedIntegration(table: Table, integration: StoredIntegration, now: Date): Placement {
  return {
    table: recalculatePriorityForAllActive(table, groupOf(integration), integration._id, now),
    priority: 0,
    primary: false,
  };
}

/**
 * §5.5 step 5: every active primary of the group is demoted (an inactive `primary: true` survives),
 * the target becomes active, primary and condition-free, and takes the top of a re-numbering.
 */
export function makePrimary(table: Table, target: StoredIntegration, now: Date): Table {
  const group = groupOf(target);
  let next = table;
  for (const member of activeMembersByPriority(table, group)) {
    if (member.primary) next = patch(next, member._id, { primary: false }, now);
  }
  next = patch(next, target._id, { active: true, primary: true, conditions: [] }, now);
  return recalculatePriorityForAllActive(next, group, target._id, now);
}
