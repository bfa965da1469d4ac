/**
 * A diff's desired inputs during a preview. The engine diffs every resource of a preview, and a
 * value another resource has not computed yet arrives as its UNKNOWN placeholder: a credential
 * from a resource being created, an identifier from another output, or (dynamic front-end) an
 * internal input computed by the program from a resource that changes in the same deployment.
 * Such a value is neither valid nor invalid yet, so it must never fail the diff: the diff says
 * "this input will change" (a replacement when the input replaces), and `check` at `up` validates
 * the real value. Pure.
 */
import { parseInputs, UNKNOWN } from "./check";
import { diffIntegration, type DiffOutcome, REPLACE_PROPERTIES } from "./plan";
import { inputsOf, type IntegrationState } from "./state";
import { z } from "zod";
import { INTERNAL_INPUTS, type IntegrationInputs, integrationInputsSchema } from "../schemas/integration-inputs";

export interface DesiredForDiff {
  /** The inputs, with each input that is not known yet replaced by what the state has, so it compares equal. */
  readonly desired: IntegrationInputs;
  /** Top-level inputs that hold an unknown value somewhere (internal ones included). */
  readonly unknown: readonly string[];
}

function holdsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(holdsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsUnknown);
  return false;
}

/** `parse` validates the known inputs (and throws for an invalid one, which check has reported already). */
export function desiredForDiff(current: IntegrationState, news: Record<string, unknown>, parse: (bag: Record<string, unknown>) => IntegrationInputs): DesiredForDiff {
  const unknown = Object.keys(news).filter((k) => holdsUnknown(news[k]));
  if (unknown.length === 0) return { desired: parse(news), unknown };
  const known: Record<string, unknown> = { ...news };
  const stateInputs = inputsOf(current) as Record<string, unknown>;
  for (const key of unknown) {
    if (stateInputs[key] !== undefined && !(INTERNAL_INPUTS as readonly string[]).includes(key)) known[key] = stateInputs[key];
    else delete known[key];
  }
  return { desired: parse(known), unknown };
}

/** Public inputs among `unknown`: they count as changed; internal ones never take part in a diff. */
export function unknownChanges(unknown: readonly string[]): { readonly changed: readonly string[]; readonly replaces: readonly string[] } {
  const changed = unknown.filter((k) => !(INTERNAL_INPUTS as readonly string[]).includes(k));
  return { changed, replaces: changed.filter((k) => (REPLACE_PROPERTIES as readonly string[]).includes(k)) };
}

/**
 * The diff of a resource's state against its new inputs, where some inputs may not be known yet.
 * Both front-ends diff through this (the native detailed diff is planning/detailed-diff.ts over
 * the same `desired` and `unknown`).
 */
export function diffForPreview(
  current: IntegrationState,
  news: Record<string, unknown>,
  providerCodeChanged: boolean,
): { desired: IntegrationInputs; outcome: DiffOutcome; unknown: readonly string[] } {
  const { desired, unknown } = desiredForDiff(current, news, parseInputs);
  const base = diffIntegration(current, desired, providerCodeChanged);
  const pending = unknownChanges(unknown);
  const replaces = [...new Set([...base.replaces, ...pending.replaces])];
  const outcome: DiffOutcome = {
    changes: base.changes || pending.changed.length > 0,
    replaces,
    // An unknown identifier may well be the same one: the old integration must go first then.
    deleteBeforeReplace: replaces.length > 0 && (unknown.includes("identifier") || desired.identifier === current.identifier),
    changed: [...new Set([...base.changed, ...pending.changed])],
  };
  return { desired, outcome, unknown };
}

/**
 * What check's previews of a new resource read: adoption (`adopt: true`: which integration holds
 * the identifier) and a primary move (`primary: true`: which one holds the channel's primary). Each
 * is parsed from check's inputs only when every input it reads is known: while one is still the
 * engine's unknown placeholder, that preview says nothing, and `up` acts on the real values.
 */
const adoptionPreviewSchema = z.object(
  integrationInputsSchema.pick({ adopt: true, identifier: true, providerId: true, channel: true, environmentId: true, deleteAdopted: true }).shape,
);
const primaryPreviewSchema = z.object(
  integrationInputsSchema.pick({ primary: true, identifier: true, channel: true, environmentId: true, __declaredPrimaryPeers: true }).shape,
);

export type AdoptionPreviewInputs = z.output<typeof adoptionPreviewSchema>;
export type PrimaryPreviewInputs = z.output<typeof primaryPreviewSchema>;

export function adoptionPreviewInputs(inputs: Record<string, unknown>): AdoptionPreviewInputs | undefined {
  return whenKnown(adoptionPreviewSchema, inputs);
}

export function primaryPreviewInputs(inputs: Record<string, unknown>): PrimaryPreviewInputs | undefined {
  return whenKnown(primaryPreviewSchema, inputs);
}

function whenKnown<S extends z.ZodObject>(schema: S, inputs: Record<string, unknown>): z.output<S> | undefined {
  if (Object.keys(schema.shape).some((key) => inputs[key] === UNKNOWN)) return undefined;
  const parsed = schema.safeParse(inputs);
  return parsed.success ? parsed.data : undefined;
}
