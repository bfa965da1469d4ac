/**
 * What `pulumi-novu recover` reads from a stack's checkpoint (`pulumi stack export`): the native
 * integrations' pending creates, the provider each was created through, and the integration ids the
 * stack already owns. Only these fields are parsed; the checkpoint itself is never written back
 * (Pulumi's own commands drop pending creates).
 */
import { z } from "zod";
import type { InterruptedCreate } from "../../provider/planning/recovery";
import { INTEGRATION_TOKEN as INTEGRATION_TYPE, PROVIDER_TOKEN as PROVIDER_TYPE } from "../../provider/native/schema";
import { isSecret } from "../../provider/native/wire";
import { isDefaultProviderName, nameOf, providerUrnOf } from "../../provider/planning/urn";
import { withNameDefaults } from "../../provider/schemas/integration-inputs";

export { INTEGRATION_TYPE };

const resourceSchema = z.looseObject({
  urn: z.string(),
  type: z.string(),
  id: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  parent: z.string().optional(),
  provider: z.string().optional(),
  /** When the engine recorded the resource (Pulumi ≥ 3.105). */
  created: z.string().optional(),
});
const operationSchema = z.looseObject({ resource: resourceSchema, type: z.string() });
export const exportedStackSchema = z.looseObject({
  version: z.number(),
  deployment: z.looseObject({
    resources: z.array(resourceSchema).nullish(),
    pending_operations: z.array(operationSchema).nullish(),
  }),
});
export type ExportedStack = z.infer<typeof exportedStackSchema>;
type StateResource = z.infer<typeof resourceSchema>;

/** A pending create of a native Integration, with what `pulumi import` needs to put it back where it was. */
export interface PendingIntegrationCreate extends InterruptedCreate {
  readonly parent?: string;
  /** `urn::id` of the provider it was being created through. */
  readonly provider?: string;
}

/** A provider's settings as the checkpoint holds them (secrets in plain text: only from `--show-secrets`, kept in memory). */
export interface ProviderInState {
  readonly ref: string;
  /** A default provider reads stack config; an explicit one its arguments. */
  readonly isDefault: boolean;
  readonly settings: Readonly<Record<string, string>>;
}

export function pendingIntegrationCreates(stack: ExportedStack): PendingIntegrationCreate[] {
  return (stack.deployment.pending_operations ?? [])
    .filter((op) => op.type === "creating" && op.resource.type === INTEGRATION_TYPE)
    .map(({ resource }) => {
      const name = nameOf(resource.urn);
      // The native check fills in the default; an older checkpoint may not have it.
      const inputs = withNameDefaults(plain(resource.inputs ?? {}) as Record<string, unknown>, name);
      const text = (key: string): string | undefined => (typeof inputs[key] === "string" ? (inputs[key] as string) : undefined);
      return {
        urn: resource.urn,
        name,
        identifier: text("identifier") ?? name,
        providerId: text("providerId") ?? "",
        channel: text("channel") ?? "",
        ...(text("environmentId") ? { environmentId: text("environmentId") } : {}),
        ...(resource.parent ? { parent: resource.parent } : {}),
        ...(resource.provider ? { provider: resource.provider } : {}),
      };
    });
}

/** Pending creates of every other type: never touched, but named, since they are the user's to settle. */
export function otherPendingCreates(stack: ExportedStack): string[] {
  return (stack.deployment.pending_operations ?? []).filter((op) => op.type === "creating" && op.resource.type !== INTEGRATION_TYPE).map((op) => op.resource.urn);
}

/** The id the state records under each resource URN (resources without one are left out). */
export function recordedIds(stack: ExportedStack): ReadonlyMap<string, string> {
  return new Map((stack.deployment.resources ?? []).filter((r) => r.id).map((r) => [r.urn, r.id!]));
}

/** Integration ids some resource of the stack owns. */
export function ownedIntegrationIds(stack: ExportedStack): ReadonlySet<string> {
  return new Set((stack.deployment.resources ?? []).filter((r) => r.type === INTEGRATION_TYPE && r.id).map((r) => r.id!));
}

/** The provider a reference (`urn::id`) names, with its settings. Undefined when the checkpoint has no such provider. */
export function providerInState(stack: ExportedStack, ref: string | undefined): ProviderInState | undefined {
  if (!ref) return undefined;
  const urn = providerUrnOf(ref);
  const found: StateResource | undefined = (stack.deployment.resources ?? []).find((r) => r.urn === urn && r.type === PROVIDER_TYPE);
  if (!found) return undefined;
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(plain(found.inputs ?? {}) as Record<string, unknown>)) {
    if (typeof value === "string") settings[key] = value;
  }
  return { ref, isDefault: isDefaultProviderName(nameOf(urn)), settings };
}

const STACK_TYPE = "pulumi:pulumi:Stack";

export function stackUrn(stack: ExportedStack): string | undefined {
  return (stack.deployment.resources ?? []).find((r) => r.type === STACK_TYPE)?.urn;
}

/** When the stack's root resource was recorded: its first `up` began then. */
export function stackCreated(stack: ExportedStack): string | undefined {
  return (stack.deployment.resources ?? []).find((r) => r.type === STACK_TYPE)?.created;
}


/**
 * A secret in Pulumi's state format, `{ [SIG]: SECRET_SIG, plaintext: "<json>" }` under
 * `--show-secrets`: the engine's signature (native/wire.ts), with the value as JSON text.
 */
export function isStateSecret(value: unknown): boolean {
  return isSecret(value);
}

/** A state value with every secret in it replaced by its plain value (from `--show-secrets` only). */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (isStateSecret(record)) return typeof record.plaintext === "string" ? plain(JSON.parse(record.plaintext)) : undefined;
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}
