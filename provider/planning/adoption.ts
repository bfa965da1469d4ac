/**
 * What the user is told about adoption (`adopt: true`): the engine shows an adopted integration as
 * `+ create` / `created`, because to Pulumi it is a new resource, so the provider says what really
 * happens, at preview (check) and at `up` (create), and why `destroy` leaves it in Novu. Pure.
 */
import type { IntegrationResponse } from "../schemas/api";
import type { IntegrationInputs } from "../schemas/integration-inputs";
import type { IntegrationState } from "./state";

/** Whether check's `olds` are those of a resource that does not exist yet (a create). */
export function isNewResource(olds: Record<string, unknown>): boolean {
  return olds.providerId === undefined && olds.identifier === undefined;
}

/** Preview: what `create` will do with an `adopt: true` resource, given the integration the lookup found. */
export function adoptionPreview(inputs: Pick<IntegrationInputs, "identifier" | "deleteAdopted">, existing: IntegrationResponse | undefined): string {
  if (!existing) return `integration "${inputs.identifier}" does not exist in Novu yet: \`up\` will create it (adopt: true finds nothing to adopt)`;
  return `integration "${inputs.identifier}" exists in Novu (${existing.providerId} ${existing.channel}, ${existing._id}): \`up\` will adopt it, not create it${retentionNote(inputs.deleteAdopted)}`;
}

/** `up`: the create found the integration and adopted it. */
export function adoptedNotice(inputs: Pick<IntegrationInputs, "identifier" | "deleteAdopted">, existing: IntegrationResponse): string {
  return `integration "${inputs.identifier}" already existed in Novu (${existing._id}): adopted, not created${retentionNote(inputs.deleteAdopted)}`;
}

/** Delete of an adopted integration without `deleteAdopted: true`: nothing is sent. */
export function retainedNotice(state: Pick<IntegrationState, "identifier" | "integrationId">): string {
  return (
    `integration "${state.identifier}" (${state.integrationId}) was adopted, not created, by this stack: it is left in Novu and only removed from the stack. ` +
    "To delete it with the stack, set `deleteAdopted: true` on it and run `pulumi up` before `pulumi destroy`"
  );
}

function retentionNote(deleteAdopted: boolean): string {
  return deleteAdopted
    ? "; deleteAdopted: true, so `pulumi destroy` will delete it from Novu"
    : "; `pulumi destroy` will leave it in Novu (set `deleteAdopted: true` to let destroy delete it)";
}
