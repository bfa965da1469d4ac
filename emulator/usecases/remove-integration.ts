/**
 * `DELETE /v1/integrations/{integrationId}` (§5.6): a soft delete, a re-numbering of the remaining
 * active email/sms members (the primary is not reassigned), and the caller's environment's
 * remaining integrations as the result.
 */
import { supportsPrimary } from "../catalogue";
import { NotFoundError } from "../errors";
import type { StoredIntegration } from "../schemas";
import { groupOf, patch, recalculatePriorityForAllActive, type Table } from "../state-machine";
import {
  assertIntegrationIdIsObjectId,
  assertIntegrationInScope,
  findInOrganization,
  type UseCaseContext,
  type UseCaseResult,
} from "./context";

export function removeIntegration(
  table: Table,
  context: UseCaseContext,
  integrationId: string,
): UseCaseResult<StoredIntegration[]> {
  assertIntegrationIdIsObjectId("RemoveIntegrationCommand", integrationId);
  const target = findInOrganization(table, context, integrationId);
  if (!target) throw new NotFoundError(`Entity with id ${integrationId} not found`);
  assertIntegrationInScope(context, target, "delete");

  let next = patch(table, target._id, { deleted: true, deletedAt: context.now.toISOString() }, context.now);
  if (supportsPrimary(target.channel)) {
    next = recalculatePriorityForAllActive(next, groupOf(target), undefined, context.now);
  }

  // The caller's environment, which is not necessarily the deleted integration's.
  const remaining = next.filter(
    (i) => !i.deleted && i._organizationId === context.principal.organizationId && i._environmentId === context.principal.environmentId,
  );
  return { table: next, result: remaining };
}
