/**
 * The Integration's operations, the same for both front-ends: the dynamic provider (dynamic/runtime.ts,
 * inside Pulumi's dynamic-provider host) and the native plugin (native/integration-handler.ts). Request
 * flow for one resource:
 *
 *   configure(stack config) → check(inputs: validation, no HTTP) → diff(state, inputs)
 *     → create: POST, then set-primary if wanted            (a taken identifier: takeOver, one PUT of what differs)
 *     → update: one PUT with only what changed, then set-primary if wanted
 *     → read:   list (shared by all resources read at once), find by id
 *     → delete: DELETE (404 = already gone)
 *
 * What the process holds for every resource (settings, the one client, the shared list, the
 * placement guard) is runtime/provider-process.ts; Novu's own moves of a primary are
 * runtime/primary-watch.ts. Each of create/update/read/delete has one deadline
 * (`novu:operationTimeoutMs`) for all its calls. Retries, the rate limiter shared by the process, and
 * the lookups that keep a retried create from making a second integration are the client's
 * (client/novu-client.ts, docs/reliability.md). A write that half succeeded (POST or PUT done, a later
 * call failed) is reported with the resource's id and new state, so the engine records it and the
 * next `up` only finishes the job.
 *
 * Property bags are plain values (secrets unwrapped). The dynamic host's carry `__provider`; it is
 * stripped before anything is sent. The method shapes are the dynamic provider's (check/diff/create/
 * read/update/delete results); the native handler translates them for the gRPC protocol.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Deadline } from "../client/deadline";
import { unmanageableLabel } from "../client/listing";
import { IntegrationStateError, NovuApiError, PartialWriteError, PlacementError } from "../errors";
import { adoptedNotice, adoptionPreview, isNewResource, retainedNotice } from "../planning/adoption";
import { checkIntegrationInputs, parseInputs } from "../planning/check";
import { detailedDiff, type PropertyChange } from "../planning/detailed-diff";
import { holdersOf, isIdentifierTaken } from "../planning/identifier-holders";
import { importedInputs, importedState } from "../planning/import";
import { classifyFound, identifierTakenNotOurs, identifierTakenWithoutLedger } from "../planning/ledger";
import { notProvablyGoneMessage, provablyGone } from "../planning/placement";
import { createBody, planUpdate, rulesAfterCreate } from "../planning/plan";
import { type AdoptionPreviewInputs, adoptionPreviewInputs, diffForPreview, primaryPreviewInputs } from "../planning/preview-inputs";
import { deactivationWarning, deletedPrimaryWarning } from "../planning/primary-moves";
import { flatten, type IntegrationState, inputsOf, refreshed, retainedOnDelete, stateOf, storedOutputs } from "../planning/state";
import type { IntegrationResponse, UnmanageableIntegration } from "../schemas/api";
import type { IntegrationInputs } from "../schemas/integration-inputs";
import { PrimaryWatch } from "./primary-watch";
import type { ProviderProcess } from "./provider-process";
import { warn } from "./warnings";

const PROVIDER_KEY = "__provider";

type Bag = Record<string, unknown>;

function strip(bag: Bag): Bag {
  const { [PROVIDER_KEY]: _ignored, ...rest } = bag;
  return rest;
}

export interface OperationsOptions {
  /**
   * Whether the front-end keeps the stack's ledger (dynamic/ledger.ts), which tells an integration
   * a killed `up` made from one that existed before. The native front-end has none.
   */
  readonly ledger: boolean;
}

/** How a create came to hold its integration (POSTed, adopted, resumed): what its state records, and how messages name it. */
interface Origin {
  /** Recorded as adopted: the integration existed before this stack, so `destroy` leaves it in Novu (unless `deleteAdopted`). */
  readonly adopted: boolean;
  /** After "was created" in a half-done write's message. */
  readonly note: string;
}

const ADOPTED: Origin = { adopted: true, note: " (adopted)" };
const RESUMED: Origin = { adopted: false, note: " (by an interrupted deployment of this stack)" };
const POSTED: Origin = { adopted: false, note: "" };

export class IntegrationOperations {
  private readonly primaries: PrimaryWatch;

  constructor(
    private readonly process: ProviderProcess,
    private readonly options: OperationsOptions = { ledger: true },
  ) {
    this.primaries = new PrimaryWatch(process);
  }

  async check(olds: Bag, news: Bag): Promise<pulumi.dynamic.CheckResult> {
    // Only imported inputs lack the `credentials` key (check always fills it in): see CheckOptions.
    const credentialsUnmanaged = !isNewResource(strip(olds)) && olds.credentials === undefined && isEmpty(news.credentials);
    const { inputs, failures } = checkIntegrationInputs(strip(news), { credentialsUnmanaged });
    // Recorded without the key, so the next check still knows Novu keeps its own. Every other
    // integration is recorded with `credentials` (at least {}), so an inactive one made without
    // credentials is still asked for them when a later change activates it.
    if (credentialsUnmanaged) delete inputs.credentials;
    // Here rather than in a front-end's program code, so both front-ends (and Pulumi YAML) say it.
    if (news.removeNovuBranding !== undefined) warn(REMOVE_NOVU_BRANDING_IGNORED);
    if (failures.length === 0 && isNewResource(strip(olds))) {
      // The key and URL, checked once per process, so a preview that only creates fails where `up` would.
      const unreachable = await this.process.placement.verify();
      if (unreachable) return { inputs, failures: [{ property: "", reason: unreachable }] };
      // With values unknown during a preview, check hands back the raw inputs: each preview reads only known ones.
      const adoption = adoptionPreviewInputs(inputs);
      if (adoption?.adopt) {
        const refused = await this.previewAdoption(adoption);
        if (refused) return { inputs, failures: [refused] };
      }
      const primaryMove = primaryPreviewInputs(inputs);
      if (primaryMove?.primary) await this.primaries.preview(primaryMove, primaryMove.environmentId);
    }
    return { inputs, failures };
  }

  /**
   * Beside the dynamic provider's result, `detailedDiff`: which input path changes and how
   * (planning/detailed-diff.ts), for the native front-end's DiffResponse.
   */
  async diff(_id: string, olds: Bag, news: Bag): Promise<pulumi.dynamic.DiffResult & { readonly detailedDiff: Readonly<Record<string, PropertyChange>> }> {
    const stored = stateOf(olds);
    const placement = await this.process.placement.check(stored);
    // A deliberate move: forget it where it lives (delete() leaves it there) and create it anew.
    if (placement.kind === "moved") {
      await this.process.placement.announce();
      return { changes: true, replaces: ["environmentId"], deleteBeforeReplace: true, detailedDiff: { environmentId: "update-replace" } };
    }
    const current = news.primary === true ? await this.primaries.live(stored) : stored;
    const { desired, outcome, unknown } = diffForPreview(current, strip(news), olds[PROVIDER_KEY] !== news[PROVIDER_KEY]);
    if (outcome.replaces.length === 0) {
      // Moves of the primary that Novu makes on its side, which the diff itself does not show.
      const settled = !["primary", "identifier", "channel", "environmentId", "__declaredPrimaryPeers"].some((k) => unknown.includes(k));
      if (settled && desired.primary && !current.primary) await this.primaries.preview(desired, desired.environmentId ?? current.environmentId);
      const deactivating = unknown.includes("active") ? undefined : deactivationWarning(current, desired.active);
      if (deactivating) warn(deactivating);
    }
    // Once per process: which environment and server the writes this diff plans go to.
    if (outcome.changes) await this.process.placement.announce();
    const detailed = detailedDiff(current, desired, unknown).properties;
    return { changes: outcome.changes, replaces: [...outcome.replaces], deleteBeforeReplace: outcome.deleteBeforeReplace, detailedDiff: detailed };
  }

  /** `resourceName`: the resource's name in the program, when the front-end knows it (for the advice on a taken identifier). */
  async create(news: Bag, context: { readonly resourceName?: string } = {}): Promise<pulumi.dynamic.CreateResult> {
    const inputs = parseInputs(strip(news));
    const deadline = this.process.deadline();
    if (inputs.adopt) {
      const existing = await this.findByIdentifier(inputs, deadline);
      if (existing) {
        warn(adoptedNotice(inputs, existing));
        return this.takeOver(existing, inputs, deadline, ADOPTED);
      }
    }
    let created: IntegrationResponse;
    try {
      // Never two integrations for one resource: the client looks the identifier up before retrying a lost POST.
      created = await this.process.write((novu) => novu.createIntegration(createBody(inputs), { deadline }));
    } catch (err) {
      if (err instanceof NovuApiError && isIdentifierTaken(err.status, err.serverMessage)) {
        const listed = await this.process.list(deadline);
        if (!this.options.ledger) throw new IntegrationStateError(`${err.message}. ${identifierTakenWithoutLedger(inputs, listed, context.resourceName)}`, { cause: err });
        // An interrupted `up` of this stack may have made it (planning/ledger.ts).
        const found = classifyFound(inputs, inputs.__ledgerEntry, listed);
        if (found.kind === "ours") {
          warn(
            `integration "${inputs.identifier}" (${found.integration._id}) was created by an interrupted deployment of this stack; continuing with it. ` +
              "If this run warned about pending operations, run `pulumi refresh --clear-pending-creates --yes` once to clear them",
          );
          return this.takeOver(found.integration, inputs, deadline, RESUMED);
        }
        throw new IntegrationStateError(`${err.message}. ${identifierTakenNotOurs(inputs.identifier, found.reason)}`, { cause: err });
      }
      throw err;
    }
    return this.finish(created, inputs, POSTED, deadline);
  }

  /**
   * `previousInputs`: the inputs recorded before (the native front-end has them; the dynamic host
   * gives only outputs). An integration whose stack never declared credentials (`pulumi import`)
   * stays so after a refresh, or every later check would demand the provider's required keys.
   */
  async read(id: string, props: Bag, previousInputs?: Bag): Promise<pulumi.dynamic.ReadResult> {
    const previous = stateOf(props);
    const placement = await this.process.placement.check(previous);
    if (placement.kind === "moved") {
      warn(`integration "${previous.identifier}" (${id}) is left in ${placement.from} as it is, unmanaged (novu:movedFrom); the next \`pulumi up\` creates it anew`);
      return { id: "" };
    }
    const all = await this.process.listAll();
    const listed = all.integrations;
    const found = listed.find((i) => i._id === id);
    const unmanageable = found ? undefined : all.unmanageable.find((u) => u.integrationId === id);
    // Listed in a shape we cannot manage is not gone: dropping it from state would make the next `up` create a twin.
    if (unmanageable) throw new IntegrationStateError(unmanageableMessage(`refresh integration "${previous.identifier}"`, unmanageable));
    if (!found || found.deleted) {
      if (!provablyGone(previous, placement, listed)) throw new PlacementError(notProvablyGoneMessage(previous));
      warn(`integration "${previous.identifier}" (${id}) no longer exists in Novu; it is removed from the state and the next \`pulumi up\` creates it again`);
      return { id: "" };
    }
    const state = await this.process.placement.stamp(refreshed(found, previous));
    const inputs: Bag = { ...inputsOf(state) };
    if (previousInputs && !("credentials" in previousInputs)) delete inputs.credentials;
    return { id, props: storedOutputs(state), inputs };
  }

  async update(id: string, olds: Bag, news: Bag): Promise<pulumi.dynamic.UpdateResult> {
    const stored = stateOf(olds);
    await this.process.placement.check(stored);
    const desired = parseInputs(strip(news));
    const current = desired.primary ? await this.primaries.live(stored) : stored;
    const plan = planUpdate(current, desired);
    const deadline = this.process.deadline();
    let response: IntegrationResponse | undefined;
    // A PUT is idempotent: the client simply sends it again after a lost answer.
    if (plan.body) response = await this.process.write((novu) => novu.updateIntegration(id, plan.body!, { deadline, identifier: current.identifier }));
    // Novu's answer to the PUT says whether it is primary now; without a PUT, the state does.
    if (desired.primary && !(response?.primary ?? current.primary)) {
      const updated = response;
      try {
        response = await this.process.write((novu) => novu.setPrimary(id, { deadline, identifier: desired.identifier }));
        this.primaries.announce(desired);
      } catch (err) {
        if (!updated) throw err;
        // The PUT is done: record it, so that the next `up` only makes it primary.
        throw new PartialWriteError(
          `integration "${desired.identifier}" (${id}) was updated but making it primary failed: ${(err as Error).message}; the next \`pulumi up\` will retry`,
          id,
          storedOutputs(flatten(updated, desired, current)),
          { cause: err },
        );
      }
    }
    const state = response ? flatten(response, desired, current) : { ...current, ...stateInputs(desired, current) };
    return { outs: storedOutputs(await this.process.placement.stamp(state)) };
  }

  async delete(id: string, props: Bag): Promise<void> {
    const state = stateOf(props);
    const placement = await this.process.placement.check(state);
    if (placement.kind === "moved") {
      warn(`integration "${String(props.identifier)}" (${id}) is left in ${placement.from} as it is, unmanaged (novu:movedFrom)`);
      return;
    }
    if (retainedOnDelete(state)) {
      warn(retainedNotice({ ...state, integrationId: id }));
      return;
    }
    const deadline = this.process.deadline();
    const leftWithout = deletedPrimaryWarning(state);
    // The state's `primary` can be stale (Novu moves a primary on its side when another takes it),
    // so whether this one leaves its channel without a primary is asked of Novu, and only when the state says it might.
    // The answer only shapes a warning: a failed lookup never stops the delete (the state's word is used).
    const listed = leftWithout === undefined ? undefined : await this.process.list(deadline).catch(() => undefined);
    const wasPrimary = leftWithout !== undefined && (listed === undefined || listed.some((i) => i._id === id && i.primary));
    try {
      const identifier = typeof props?.identifier === "string" ? props.identifier : undefined;
      await this.process.write((novu) => novu.deleteIntegration(id, { deadline, identifier }));
    } catch (err) {
      if (err instanceof NovuApiError && err.status === 404) return;
      throw err;
    }
    if (wasPrimary) warn(leftWithout);
  }

  /**
   * `pulumi import` (native front-end: a Read with only the id): the integration as state and as
   * the inputs that reproduce it (planning/import.ts); undefined when the key's environment has none.
   */
  async importById(id: string): Promise<{ state: IntegrationState; inputs: IntegrationInputs } | undefined> {
    const all = await this.process.listAll();
    const found = all.integrations.find((i) => i._id === id && !i.deleted);
    if (!found) {
      const unmanageable = all.unmanageable.find((u) => u.integrationId === id);
      if (unmanageable) throw new IntegrationStateError(unmanageableMessage(`import integration ${id}`, unmanageable));
      return undefined;
    }
    return { state: await this.process.placement.stamp(importedState(found)), inputs: importedInputs(found) };
  }

  /** After a POST (or a takeover): the rules a create did not store, then set-primary if wanted. A failure still records the created id. */
  private async finish(created: IntegrationResponse, inputs: IntegrationInputs, origin: Origin, deadline: Deadline): Promise<pulumi.dynamic.CreateResult> {
    const { adopted, note } = origin;
    let response = created;
    const rules = rulesAfterCreate(created, inputs);
    if (rules) {
      try {
        response = await this.process.write((novu) => novu.updateIntegration(created._id, rules, { deadline, identifier: inputs.identifier }));
      } catch (err) {
        // Recorded without its rules: the next `up` sends them.
        throw new PartialWriteError(
          `integration "${inputs.identifier}" (${created._id}) was created${note} but saving its rules failed: ${(err as Error).message}; the next \`pulumi up\` will retry`,
          created._id,
          storedOutputs({ ...flatten(created, inputs), adopted }),
          { cause: err },
        );
      }
    }
    let final = response;
    if (inputs.primary && !response.primary) {
      try {
        final = await this.process.write((novu) => novu.setPrimary(response._id, { deadline, identifier: inputs.identifier }));
      } catch (err) {
        // Recorded as created but not initialised: the next `up` updates it instead of creating again.
        throw new PartialWriteError(
          `integration "${inputs.identifier}" (${response._id}) was created${note} but making it primary failed: ${(err as Error).message}; the next \`pulumi up\` will retry`,
          response._id,
          storedOutputs({ ...flatten(response, inputs), adopted }),
          { cause: err },
        );
      }
    }
    if (final !== response) this.primaries.announce(inputs);
    return { id: final._id, outs: { ...storedOutputs(await this.process.placement.stamp(flatten(final, inputs))), adopted } };
  }

  /**
   * A create that found its identifier held by an integration it may take, made this resource's:
   * one PUT of what differs from the declaration (credentials too when declared, since Novu does not
   * show them: written once, unconditionally), then what follows a POST. One decision for both ways
   * a create gets here, `adopt: true` (ADOPTED: it existed before this stack) and the resume of an
   * interrupted create of this stack (RESUMED: its POST landed but no state was recorded); they differ
   * only in what the state records (and so what `destroy` does) and in how messages name them.
   */
  private async takeOver(existing: IntegrationResponse, inputs: IntegrationInputs, deadline: Deadline, origin: Origin): Promise<pulumi.dynamic.CreateResult> {
    const { body } = planUpdate({ ...flatten(existing, inputs), credentials: {} }, inputs);
    const payload = body && Object.keys(inputs.credentials).length === 0 ? withoutCredentials(body) : body;
    const response =
      payload && Object.keys(payload).length > 0
        ? await this.process.write((novu) => novu.updateIntegration(existing._id, payload, { deadline, identifier: inputs.identifier }))
        : existing;
    return this.finish(response, inputs, origin, deadline);
  }

  /**
   * Preview of a new `adopt: true` resource: one lookup (the shared list) says whether it will be
   * adopted. An integration that cannot be adopted (another provider, several environments) is a
   * check failure on `identifier`, so preview stops where `up` would.
   */
  private async previewAdoption(inputs: AdoptionPreviewInputs): Promise<{ property: string; reason: string } | undefined> {
    try {
      warn(adoptionPreview(inputs, await this.findByIdentifier(inputs, this.process.deadline())));
      return undefined;
    } catch (err) {
      if (err instanceof IntegrationStateError) return { property: "identifier", reason: `identifier: ${err.message}` };
      warn(`could not look up integration "${inputs.identifier}" to preview its adoption: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** The integration an `adopt: true` resource would take over; an error when it cannot be adopted. */
  private async findByIdentifier(inputs: AdoptionPreviewInputs, deadline: Deadline): Promise<IntegrationResponse | undefined> {
    const all = await this.process.listAll(deadline);
    const holder = all.unmanageable.find(
      (u) => u.identifier === inputs.identifier && (inputs.environmentId === undefined || u.environmentId === undefined || u.environmentId === inputs.environmentId),
    );
    if (holder) throw new IntegrationStateError(unmanageableMessage(`cannot adopt "${inputs.identifier}"`, holder));
    const matches = holdersOf(inputs, all.integrations);
    if (matches.length > 1) {
      throw new IntegrationStateError(
        `identifier "${inputs.identifier}" exists in ${matches.length} environments: set environmentId to choose which one to adopt`,
      );
    }
    const match = matches[0];
    if (match && (match.providerId !== inputs.providerId || match.channel !== inputs.channel)) {
      throw new IntegrationStateError(
        `cannot adopt "${inputs.identifier}": it is a ${match.providerId} ${match.channel} integration, not ${inputs.providerId} ${inputs.channel}`,
      );
    }
    return match;
  }
}

/** `<what>: integration "x" (id) cannot be managed by pulumi-novu: <why>`. */
function unmanageableMessage(what: string, u: UnmanageableIntegration): string {
  return `${what}: integration ${unmanageableLabel(u)} cannot be managed by pulumi-novu: ${u.reason}`;
}

/** Novu's update API documents the flag; current servers ignore it (it moved to organization settings). */
const REMOVE_NOVU_BRANDING_IGNORED = "removeNovuBranding is ignored by current Novu servers (it moved to organization settings); it has no effect";

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "object" && Object.keys(value).length === 0);
}

function withoutCredentials<T extends { credentials?: unknown; check?: boolean }>(body: T): Omit<T, "credentials" | "check"> {
  const { credentials: _c, check: _k, ...rest } = body;
  return rest;
}

/** Fields of the state that come straight from the inputs, when no call was needed. */
function stateInputs(desired: IntegrationInputs, current: IntegrationState): Partial<IntegrationState> {
  return { check: desired.check, adopt: desired.adopt, deleteAdopted: desired.deleteAdopted, nameManaged: desired.name !== undefined || current.nameManaged };
}
