/**
 * `GET /v1/integrations` and `GET /v1/integrations/active` (§5.1, §5.2): insertion order, deleted
 * ones hidden, scoped to the key's environment (current server) or to the organization (2026-04).
 */
import type { StoredIntegration } from "../schemas";
import type { Table } from "../state-machine";
import type { UseCaseContext } from "./context";

export function getIntegrations(table: Table, context: UseCaseContext, options: { activeOnly: boolean }): StoredIntegration[] {
  const { organizationId, environmentId } = context.principal;
  return table.filter(
    (i) =>
      !i.deleted &&
      i._organizationId === organizationId &&
      (context.scoping === "organization" || i._environmentId === environmentId) &&
      (!options.activeOnly || i.active),
  );
}
