/**
 * The property-level diff a native provider reports to the engine: which input changes, whether it
 * is an update or a replacement, and for `credentials` and `configurations` which key is added,
 * changed or removed. Paths name keys, never values, so a preview of a credential rotation says
 * `credentials.apiKey` changed and the engine prints `[secret] => [secret]` for it.
 *
 * Pure, and built on planUpdate/diffIntegration (plan.ts): the same decisions as the dynamic
 * front-end's diff, only more detailed.
 */
import { sameValue } from "./canonical";
import { diffIntegration, planUpdate } from "./plan";
import { unknownChanges } from "./preview-inputs";
import type { IntegrationState } from "./state";
import type { IntegrationInputs } from "../schemas/integration-inputs";

export type PropertyChange = "add" | "update" | "delete" | "add-replace" | "update-replace" | "delete-replace";

export interface DetailedDiff {
  readonly changes: boolean;
  readonly replaces: readonly string[];
  readonly deleteBeforeReplace: boolean;
  /** Input property path (`credentials.apiKey`, `name`) → its change. */
  readonly properties: Readonly<Record<string, PropertyChange>>;
}

/** Maps of plain values compared key by key (credentials, configurations). */
function keyedChanges(prefix: string, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): Record<string, PropertyChange> {
  const out: Record<string, PropertyChange> = {};
  const olds = before ?? {};
  const news = after ?? {};
  for (const key of new Set([...Object.keys(olds), ...Object.keys(news)])) {
    const path = `${prefix}.${key}`;
    if (!(key in olds) || olds[key] === undefined) out[path] = "add";
    else if (!(key in news) || news[key] === undefined) out[path] = "delete";
    else if (!sameValue(olds[key], news[key])) out[path] = "update";
  }
  return out;
}

/** `unknown`: inputs a preview does not know yet (preview-inputs.ts); each shows as changing, or replacing. */
export function detailedDiff(current: IntegrationState, desired: IntegrationInputs, unknown: readonly string[] = []): DetailedDiff {
  const outcome = diffIntegration(current, desired, false);
  const pending = unknownChanges(unknown);
  const plan = planUpdate(current, desired);
  const properties: Record<string, PropertyChange> = {};
  for (const name of outcome.replaces) properties[name] = current[name as keyof IntegrationState] === undefined ? "add-replace" : "update-replace";
  for (const name of plan.changed) {
    if (name === "credentials") Object.assign(properties, keyedChanges("credentials", current.credentials, desired.credentials));
    else if (name === "configurations") {
      const keyed = keyedChanges("configurations", current.configurations, desired.configurations);
      Object.assign(properties, Object.keys(keyed).length > 0 ? keyed : { configurations: "update" });
    } else if (name === "deleteAdopted") properties.deleteAdopted = current.deleteAdopted === undefined ? "add" : "update";
    else properties[name] = "update";
  }
  for (const name of pending.changed) properties[name] = pending.replaces.includes(name) ? "update-replace" : "update";
  const replaces = [...new Set([...outcome.replaces, ...pending.replaces])];
  return { changes: outcome.changes || pending.changed.length > 0, replaces, deleteBeforeReplace: outcome.deleteBeforeReplace || pending.replaces.length > 0, properties };
}
