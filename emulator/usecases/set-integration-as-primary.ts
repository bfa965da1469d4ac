/**
 * `POST /v1/integrations/{integrationId}/set-primary` (§5.5): an already-primary integration is
 * returned untouched (even an inactive one); otherwise it is activated, its conditions cleared, the
 * other active primaries demoted, and the group re-numbered with it on top.
 */
import { supportsPrimary } from "../catalogue";
import { BadRequestError, NotFoundError } from "../errors";
import type { StoredIntegration } from "../schemas";
import { makePrimary, type Table } from "../state-machine";
import {
  assertIntegrationIdIsObjectId,
  assertIntegrationInScope,
  findInOrganization,
  type UseCaseContext,
  type UseCaseResult,
} from "./context";

export function setIntegrationAsPrimary(
  table: Table,
  context: UseCaseContext,
  integrationId: string,
): UseCaseResult<StoredIntegration> {
  assertIntegrationIdIsObjectId("SetIntegrationAsPrimaryCommand", integrationId);
  const target = findInOrganization(table, context, integrationId);
  // Note the wording: PUT and DELETE say "Entity with id … not found".
  if (!target) throw new NotFoundError(`Integration with id ${integrationId} not found`);
  assertIntegrationInScope(context, target, "set as primary");
  if (!supportsPrimary(target.channel)) {
    throw new BadRequestError(`Channel ${target.channel} does not support primary`);
  }
  if (target.primary) return { table, result: target };

  const next = makePrimary(table, target, context.now);
  return { table: next, result: next.find((i) => i._id === target._id) as StoredIntegration };
}
