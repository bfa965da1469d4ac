/**
 * The Integration operations both front-ends run: the dynamic provider (dynamic/runtime.ts, inside
 * Pulumi's dynamic-provider host) and the native plugin (native/service.ts). Request flow for one resource:
 *
 *   configure(stack config) → check(inputs: validation, no HTTP) → diff(state, inputs)
 *     → create: POST, then set-primary if wanted            (adopt: list, then PUT what differs)
 *     → update: one PUT with only what changed, then set-primary if wanted
 *     → read:   list (shared by all resources read at once), find by id
 *     → delete: DELETE (404 = already gone)
 *
 * Each of create/update/read/delete has one deadline (`novu:operationTimeoutMs`) for all its calls.
 * Retries, the rate limiter shared by the process, and the lookups that keep a retried create from
 * making a second integration are the client's (client/novu-client.ts, docs/reliability.md). A
 * write that half succeeded (POST or PUT done, set-primary failed) is reported with the resource's
 * id and new state, so the engine records it and the next `up` only finishes the job.
 *
 * Property bags are plain values (secrets unwrapped). The dynamic host's carry `__provider`; it is
 * stripped before anything is sent. The method shapes are the dynamic provider's (check/diff/create/
 * read/update/delete results); the native service translates them to the gRPC protocol.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Deadline } from "../client/deadline";
import type { NovuClient } from "../client/novu-client";
import { RateLimiter } from "../client/rate-limiter";
import { IntegrationStateError, NovuApiError, NovuProviderError, PlacementError } from "../errors";
import { checkIntegrationInputs } from "../planning/check";
import { notProvablyGoneMessage, provablyGone, type Reach } from "../planning/placement";
import { holdersOf, isIdentifierTaken } from "../planning/identifier-holders";
import { classifyFound, identifierTakenWithoutLedger } from "../planning/ledger";
import { createBody, diffIntegration, type DiffOutcome, planUpdate, rulesAfterCreate } from "../planning/plan";
import { desiredForDiff, unknownChanges } from "../planning/preview-inputs";
import { detailedDiff, type PropertyChange } from "../planning/detailed-diff";
import { type Claimant, currentPrimary, deactivationWarning, deletedPrimaryWarning, demotedNotice, takeoverWarning } from "../planning/primary-moves";
import { adoptedNotice, adoptionPreview, isNewResource, retainedNotice } from "../planning/adoption";
import { UNKNOWN } from "../planning/check";
import { importedInputs, importedState } from "../planning/import";
import { flatten, type IntegrationState, inputsOf, refreshed, retainedOnDelete, stateOf, storedOutputs } from "../planning/state";
import type { IntegrationListing, IntegrationResponse, UnmanageableIntegration } from "../schemas/api";
import { unmanageableLabel } from "../client/listing";
import { type IntegrationInputs, integrationInputsSchema } from "../schemas/integration-inputs";
import { apiUrlSetting, type ConfigSource, type ProviderConfig, type ProviderSettings, readProviderSettings, settingsInUse } from "./provider-config";
import { PlacementGuard } from "./placement-guard";
import { secrets } from "./redact";

const PROVIDER_KEY = "__provider";

type Bag = Record<string, unknown>;

function strip(bag: Bag): Bag {
  const { [PROVIDER_KEY]: _ignored, ...rest } = bag;
  return rest;
}

export interface RuntimeOptions {
  /**
   * Whether the front-end keeps the stack's ledger (dynamic/ledger.ts), which tells an integration
   * a killed `up` made from one that existed before. The native front-end has none.
   */
  readonly ledger: boolean;
}

export class IntegrationRuntime implements pulumi.dynamic.ResourceProvider {
  constructor(private readonly options: RuntimeOptions = { ledger: true }) {}

  private config?: ProviderConfig;
  private settings?: ProviderSettings;
  private novu?: NovuClient;
  /** Stops work on integrations of another environment or server (docs/environments.md). */
  private readonly placement = new PlacementGuard(() => {
    const novu = this.client();
    const { apiUrl, movedFrom, operationTimeoutMs } = this.config!;
    return { apiUrl, movedFrom, operationTimeoutMs, settings: settingsInUse(this.settings!), client: () => novu };
  });
  /**
   * One list call serves every read that starts within LIST_SHARE_MS of it (a refresh reads all
   * resources within moments, at the engine's pace), until this process writes.
   */
  private listing?: { readonly startedAt: number; readonly result: Promise<IntegrationListing> };
  /** The primary each claimant (by identifier) was seen to take at check/diff, for the notice after set-primary. */
  private readonly primaryHolders = new Map<string, IntegrationResponse>();

  async configure(req: { readonly config?: ConfigSource }): Promise<void> {
    // Invalid or missing settings fail here, so a preview fails where `up` would.
    this.settings = readProviderSettings(req.config);
    this.config = this.settings.config;
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
      const unreachable = await this.placement.verify();
      if (unreachable) return { inputs, failures: [{ property: "", reason: unreachable }] };
      const parsed = inputs as unknown as IntegrationInputs;
      // `=== true`: with values unknown during a preview, check hands back the raw inputs.
      if (parsed.adopt === true) {
        const refused = await this.previewAdoption(parsed);
        if (refused) return { inputs, failures: [refused] };
      }
      if (parsed.primary === true) await this.previewPrimaryMove(parsed, parsed.environmentId);
    }
    return { inputs, failures };
  }

  /**
   * Beside the dynamic provider's result, `detailedDiff`: which input path changes and how
   * (planning/detailed-diff.ts), for the native front-end's DiffResponse.
   */
  async diff(_id: string, olds: Bag, news: Bag): Promise<pulumi.dynamic.DiffResult & { readonly detailedDiff: Readonly<Record<string, PropertyChange>> }> {
    const stored = stateOf(olds);
    const placement = await this.placement.check(stored);
    // A deliberate move: forget it where it lives (delete() leaves it there) and create it anew.
    if (placement.kind === "moved") {
      await this.placement.announce();
      return { changes: true, replaces: ["environmentId"], deleteBeforeReplace: true, detailedDiff: { environmentId: "update-replace" } };
    }
    const current = news.primary === true ? await this.withLivePrimary(stored) : stored;
    const { desired, outcome, unknown } = diffForPreview(current, strip(news), olds[PROVIDER_KEY] !== news[PROVIDER_KEY]);
    if (outcome.replaces.length === 0) {
      // Moves of the primary that Novu makes on its side, which the diff itself does not show.
      const settled = !["primary", "identifier", "channel", "environmentId", "__declaredPrimaryPeers"].some((k) => unknown.includes(k));
      if (settled && desired.primary && !current.primary) await this.previewPrimaryMove(desired, desired.environmentId ?? current.environmentId);
      const deactivating = unknown.includes("active") ? undefined : deactivationWarning(current, desired.active);
      if (deactivating) warn(deactivating);
    }
    // Once per process: which environment and server the writes this diff plans go to.
    if (outcome.changes) await this.placement.announce();
    const detailed = detailedDiff(current, desired, unknown).properties;
    return { changes: outcome.changes, replaces: [...outcome.replaces], deleteBeforeReplace: outcome.deleteBeforeReplace, detailedDiff: detailed };
  }

  /** `resourceName`: the resource's name in the program, when the front-end knows it (for the advice on a taken identifier). */
  async create(news: Bag, context: { readonly resourceName?: string } = {}): Promise<pulumi.dynamic.CreateResult> {
    const inputs = parseInputs(strip(news));
    const novu = this.client();
    const deadline = novu.deadline();
    if (inputs.adopt) {
      const existing = await this.findByIdentifier(inputs, deadline);
      if (existing) {
        warn(adoptedNotice(inputs, existing));
        return this.adopt(existing, inputs, deadline);
      }
    }
    let created: IntegrationResponse;
    try {
      // Never two integrations for one resource: the client looks the identifier up before retrying a lost POST.
      created = await this.write(() => novu.createIntegration(createBody(inputs), { deadline }));
    } catch (err) {
      if (err instanceof NovuApiError && isIdentifierTaken(err.status, err.serverMessage)) {
        const listed = await this.list(deadline);
        if (!this.options.ledger) throw new IntegrationStateError(`${err.message}. ${identifierTakenWithoutLedger(inputs, listed, context.resourceName)}`);
        // An interrupted `up` of this stack may have made it (planning/ledger.ts).
        const found = classifyFound(inputs, inputs.__ledgerEntry, listed);
        if (found.kind === "ours") return this.resumeInterruptedCreate(found.integration, inputs, deadline);
        throw new IntegrationStateError(
          `${err.message}. An integration with identifier "${inputs.identifier}" already exists and this stack did not create it (${found.reason}): ` +
            "set `adopt: true` to bring it under management, or choose another identifier.",
        );
      }
      throw err;
    }
    return this.finish(created, inputs, undefined, deadline);
  }

  /**
   * `previousInputs`: the inputs recorded before (the native front-end has them; the dynamic host
   * gives only outputs). An integration whose stack never declared credentials (`pulumi import`)
   * stays so after a refresh, or every later check would demand the provider's required keys.
   */
  async read(id: string, props: Bag, previousInputs?: Bag): Promise<pulumi.dynamic.ReadResult> {
    const previous = stateOf(props);
    const placement = await this.placement.check(previous);
    if (placement.kind === "moved") {
      warn(`integration "${previous.identifier}" (${id}) is left in ${placement.from} as it is, unmanaged (novu:movedFrom); the next \`pulumi up\` creates it anew`);
      return { id: "" };
    }
    const all = await this.listAll(this.client().deadline());
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
    const state = await this.placement.stamp(refreshed(found, previous));
    const inputs: Bag = { ...inputsOf(state) };
    if (previousInputs && !("credentials" in previousInputs)) delete inputs.credentials;
    return { id, props: storedOutputs(state), inputs };
  }

  async update(id: string, olds: Bag, news: Bag): Promise<pulumi.dynamic.UpdateResult> {
    const stored = stateOf(olds);
    await this.placement.check(stored);
    const desired = parseInputs(strip(news));
    const current = desired.primary ? await this.withLivePrimary(stored) : stored;
    const plan = planUpdate(current, desired);
    const novu = this.client();
    const deadline = novu.deadline();
    let response: IntegrationResponse | undefined;
    // A PUT is idempotent: the client simply sends it again after a lost answer.
    if (plan.body) response = await this.write(() => novu.updateIntegration(id, plan.body!, { deadline, identifier: current.identifier }));
    // Novu's answer to the PUT says whether it is primary now; without a PUT, the state does.
    if (desired.primary && !(response?.primary ?? current.primary)) {
      const updated = response;
      try {
        response = await this.write(() => novu.setPrimary(id, { deadline, identifier: desired.identifier }));
        this.announcePrimaryMove(desired);
      } catch (err) {
        if (!updated) throw err;
        // The PUT is done: record it, so that the next `up` only makes it primary.
        throw partialFailure(id, flatten(updated, desired, current), `integration "${desired.identifier}" (${id}) was updated but making it primary failed: ${(err as Error).message}; the next \`pulumi up\` will retry`);
      }
    }
    const state = response ? flatten(response, desired, current) : { ...current, ...stateInputs(desired, current) };
    return { outs: storedOutputs(await this.placement.stamp(state)) };
  }

  async delete(id: string, props: Bag): Promise<void> {
    const state = stateOf(props);
    const placement = await this.placement.check(state);
    if (placement.kind === "moved") {
      warn(`integration "${String(props.identifier)}" (${id}) is left in ${placement.from} as it is, unmanaged (novu:movedFrom)`);
      return;
    }
    if (retainedOnDelete(state)) {
      warn(retainedNotice({ ...state, integrationId: id }));
      return;
    }
    const novu = this.client();
    const deadline = novu.deadline();
    const leftWithout = deletedPrimaryWarning(state);
    // The state's `primary` can be stale (Novu moves a primary on its side when another takes it),
    // so whether this one leaves its channel without a primary is asked of Novu, and only when the state says it might.
    // The answer only shapes a warning: a failed lookup never stops the delete (the state's word is used).
    const listed = leftWithout === undefined ? undefined : await this.list(deadline).catch(() => undefined);
    const wasPrimary = leftWithout !== undefined && (listed === undefined || listed.some((i) => i._id === id && i.primary));
    try {
      const identifier = typeof props?.identifier === "string" ? props.identifier : undefined;
      await this.write(() => novu.deleteIntegration(id, { deadline, identifier }));
    } catch (err) {
      if (err instanceof NovuApiError && err.status === 404) return;
      throw err;
    }
    if (wasPrimary) warn(leftWithout);
  }

  /**
   * The state of a `primary: true` resource, with `primary` as Novu has it now. Novu moves a primary
   * on its side when another integration takes it (two created together, a click in the
   * dashboard), so the state of the one that lost it still says primary until a refresh, and its
   * diff would find nothing to do. Asked only when the state says it holds the primary; one list per
   * process serves every resource. If Novu cannot be asked, the state's word is used.
   */
  private async withLivePrimary(current: IntegrationState): Promise<IntegrationState> {
    if (!current.primary) return current;
    try {
      const live = (await this.list(this.client().deadline())).find((i) => i._id === current.integrationId);
      return live && !live.deleted && !live.primary ? { ...current, primary: false } : current;
    } catch (err) {
      warn(`could not ask Novu whether "${current.identifier}" is still the ${current.channel} primary: ${(err as Error).message}`);
      return current;
    }
  }

  /** After POST (or adoption): the rules a create did not store, then set-primary if wanted. A failure still records the created id. */
  private async finish(created: IntegrationResponse, inputs: IntegrationInputs, note: string | undefined, deadline: Deadline, adopted = false): Promise<pulumi.dynamic.CreateResult> {
    let response = created;
    const rules = rulesAfterCreate(created, inputs);
    if (rules) {
      try {
        response = await this.write(() => this.client().updateIntegration(created._id, rules, { deadline, identifier: inputs.identifier }));
      } catch (err) {
        // Recorded without its rules: the next `up` sends them.
        throw partialFailure(
          created._id,
          { ...flatten(created, inputs), adopted },
          `integration "${inputs.identifier}" (${created._id}) was created${note ?? ""} but saving its rules failed: ${(err as Error).message}; the next \`pulumi up\` will retry`,
        );
      }
    }
    let final = response;
    if (inputs.primary && !response.primary) {
      try {
        final = await this.write(() => this.client().setPrimary(response._id, { deadline, identifier: inputs.identifier }));
      } catch (err) {
        // Recorded as created but not initialised: the next `up` updates it instead of creating again.
        throw partialFailure(
          response._id,
          { ...flatten(response, inputs), adopted },
          `integration "${inputs.identifier}" (${response._id}) was created${note ?? ""} but making it primary failed: ${(err as Error).message}; the next \`pulumi up\` will retry`,
        );
      }
    }
    if (final !== response) this.announcePrimaryMove(inputs);
    return { id: final._id, outs: { ...storedOutputs(await this.placement.stamp(flatten(final, inputs))), adopted } };
  }

  private async adopt(existing: IntegrationResponse, inputs: IntegrationInputs, deadline: Deadline): Promise<pulumi.dynamic.CreateResult> {
    // Credentials cannot be read back, so adoption writes the declared ones (if any) once.
    const current: IntegrationState = { ...flatten(existing, inputs), credentials: {} };
    const plan = planUpdate(current, { ...inputs, credentials: inputs.credentials });
    const body = plan.body && Object.keys(inputs.credentials).length === 0 ? withoutCredentials(plan.body) : plan.body;
    let response = existing;
    if (body && Object.keys(body).length > 0) response = await this.write(() => this.client().updateIntegration(existing._id, body, { deadline, identifier: existing.identifier }));
    // Only here: the integration existed before this stack (not a create of ours found again).
    return this.finish(response, inputs, " (adopted)", deadline, true);
  }

  /**
   * A resource about to call set-primary: one lookup (the shared list) finds the integration it will
   * demote, warned about when the deployment does not declare it, and kept for announcePrimaryMove.
   */
  private async previewPrimaryMove(inputs: IntegrationInputs, environmentId: string | undefined): Promise<void> {
    if ([inputs.identifier, inputs.channel, environmentId, inputs.__declaredPrimaryPeers].some((v) => (v as unknown) === UNKNOWN)) return;
    const claimant: Claimant = { identifier: inputs.identifier, channel: inputs.channel, environmentId };
    try {
      const holder = currentPrimary(claimant, await this.list(this.client().deadline()));
      if (!holder) {
        this.primaryHolders.delete(inputs.identifier);
        return;
      }
      this.primaryHolders.set(inputs.identifier, holder);
      const warning = takeoverWarning(claimant, holder, inputs.__declaredPrimaryPeers);
      if (warning) warn(warning);
    } catch (err) {
      warn(`could not look up the ${inputs.channel} primary that "${inputs.identifier}" will take: ${(err as Error).message}`);
    }
  }

  /** After set-primary: name what was demoted (looked up by previewPrimaryMove in this process). */
  private announcePrimaryMove(inputs: IntegrationInputs): void {
    const holder = this.primaryHolders.get(inputs.identifier);
    if (!holder) return;
    this.primaryHolders.delete(inputs.identifier);
    warn(demotedNotice({ identifier: inputs.identifier, channel: inputs.channel, environmentId: inputs.environmentId }, holder, inputs.__declaredPrimaryPeers));
  }

  /**
   * Preview of a new `adopt: true` resource: one lookup (the shared list) says whether it will be
   * adopted. An integration that cannot be adopted (another provider, several environments) is a
   * check failure on `identifier`, so preview stops where `up` would.
   */
  private async previewAdoption(inputs: IntegrationInputs): Promise<{ property: string; reason: string } | undefined> {
    if ([inputs.identifier, inputs.providerId, inputs.channel, inputs.environmentId].some((v) => (v as unknown) === UNKNOWN)) return undefined;
    try {
      warn(adoptionPreview(inputs, await this.findByIdentifier(inputs, this.client().deadline())));
      return undefined;
    } catch (err) {
      if (err instanceof IntegrationStateError) return { property: "identifier", reason: `identifier: ${err.message}` };
      warn(`could not look up integration "${inputs.identifier}" to preview its adoption: ${(err as Error).message}`);
      return undefined;
    }
  }

  /**
   * The integration an interrupted `up` of this stack created: made ours like an adoption (a PUT of
   * what differs, credentials included, since Novu does not show them), but recorded as created.
   */
  private async resumeInterruptedCreate(existing: IntegrationResponse, inputs: IntegrationInputs, deadline: Deadline): Promise<pulumi.dynamic.CreateResult> {
    const { body } = planUpdate({ ...flatten(existing, inputs), credentials: {} }, inputs);
    const payload = body && Object.keys(inputs.credentials).length === 0 ? withoutCredentials(body) : body;
    warn(
      `integration "${inputs.identifier}" (${existing._id}) was created by an interrupted deployment of this stack; continuing with it. ` +
        "If this run warned about pending operations, run `pulumi refresh --clear-pending-creates --yes` once to clear them",
    );
    let response = existing;
    if (payload && Object.keys(payload).length > 0) response = await this.write(() => this.client().updateIntegration(existing._id, payload, { deadline }));
    return this.finish(response, inputs, " (by an interrupted deployment of this stack)", deadline);
  }

  /**
   * `pulumi import` (native front-end: a Read with only the id): the integration as state and as
   * the inputs that reproduce it (planning/import.ts); undefined when the key's environment has none.
   */
  async importById(id: string): Promise<{ state: IntegrationState; inputs: IntegrationInputs } | undefined> {
    const all = await this.listAll(this.client().deadline());
    const found = all.integrations.find((i) => i._id === id && !i.deleted);
    if (!found) {
      const unmanageable = all.unmanageable.find((u) => u.integrationId === id);
      if (unmanageable) throw new IntegrationStateError(unmanageableMessage(`import integration ${id}`, unmanageable));
      return undefined;
    }
    return { state: await this.placement.stamp(importedState(found)), inputs: importedInputs(found) };
  }

  /** The environment the key reaches (the one request per process the placement guard makes); undefined if Novu cannot say. */
  async keyEnvironmentId(): Promise<string | undefined> {
    try {
      return (await this.placement.reached()).environment?.id;
    } catch {
      return undefined;
    }
  }

  /** The shared list for the package's functions (runtime/lookup-operations.ts): a function's read costs no call of its own. */
  sharedListing(): Promise<IntegrationListing> {
    return this.listAll(this.client().deadline());
  }

  /** What the key reaches (the placement guard's one request per process), for the functions. */
  reached(): Promise<Reach> {
    return this.placement.reached();
  }

  /** The ledger's one list call (dynamic/ledger.ts), shared with the reads of this process. */
  listForLedger(): Promise<IntegrationResponse[]> {
    return this.list(this.client().deadline());
  }

  private async findByIdentifier(inputs: IntegrationInputs, deadline: Deadline): Promise<IntegrationResponse | undefined> {
    const all = await this.listAll(deadline);
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

  /** The integrations pulumi-novu can manage, from the shared list. */
  private async list(deadline: Deadline): Promise<IntegrationResponse[]> {
    return (await this.listAll(deadline)).integrations;
  }

  /** The shared list, with the integrations it cannot manage (agents, unknown channels) set aside. */
  private listAll(deadline: Deadline): Promise<IntegrationListing> {
    const now = Date.now();
    if (!this.listing || now - this.listing.startedAt > LIST_SHARE_MS) {
      const listing = { startedAt: now, result: this.client().listAllIntegrations({ deadline }) };
      this.listing = listing;
      // A failed list is not handed to later reads: they try again.
      listing.result.catch(() => {
        if (this.listing === listing) this.listing = undefined;
      });
    }
    return this.listing.result;
  }

  private async write<T>(call: () => Promise<T>): Promise<T> {
    this.listing = undefined;
    return call();
  }

  private client(): NovuClient {
    if (!this.config) {
      this.settings = readProviderSettings(undefined);
      this.config = this.settings.config;
    }
    if (!this.novu) {
      // Loaded on first use: a preview that only creates sends no request, so it skips loading undici.
      const { NovuClient } = require("../client/novu-client") as typeof import("../client/novu-client");
      // One client, hence one HTTP agent and one rate limiter, for every resource of the process.
      this.novu = new NovuClient({
        apiUrl: this.config.apiUrl,
        apiUrlSetting: apiUrlSetting(this.settings!.apiUrl),
        secretKey: this.config.secretKey,
        requestTimeoutMs: this.config.requestTimeoutMs,
        operationTimeoutMs: this.config.operationTimeoutMs,
        retry: { maxRetries: this.config.maxRetries },
        limiter: new RateLimiter({ perSecond: this.config.maxRequestsPerSecond }),
        userAgent: `pulumi-novu/${PACKAGE_VERSION}`,
      });
    }
    return this.novu;
  }
}

/** `<what>: integration "x" (id) cannot be managed by pulumi-novu: <why>`. */
function unmanageableMessage(what: string, u: UnmanageableIntegration): string {
  return `${what}: integration ${unmanageableLabel(u)} cannot be managed by pulumi-novu: ${u.reason}`;
}

const PACKAGE_VERSION: string = require("pulumi-novu/package.json").version;

/**
 * How long one list answers reads. The provider process lives for one CLI command, and a refresh
 * is a snapshot of that moment anyway; a longer refresh lists again every 10 s.
 */
const LIST_SHARE_MS = 10_000;

/** Novu's update API documents the flag; current servers ignore it (it moved to organization settings). */
const REMOVE_NOVU_BRANDING_IGNORED = "removeNovuBranding is ignored by current Novu servers (it moved to organization settings); it has no effect";

/**
 * The dynamic-provider host has no channel to the engine's diagnostics; the engine shows a
 * plugin's stderr to the user. Never pass credentials or the key here.
 */
function warn(message: string): void {
  warningSink(secrets.redact(message));
}

/** Where warnings go: stderr by default (the dynamic host's only channel, which the CLI shows). */
let warningSink: (message: string) => void = (message) => process.stderr.write(`warning: pulumi-novu: ${message}\n`);

/**
 * The native plugin's channel: the engine does not show a native plugin's stderr, so its warnings
 * go through the engine's Log RPC (runtime/engine-log.ts). Messages arrive already redacted.
 */
export function setWarningSink(sink: (message: string) => void): void {
  warningSink = sink;
}

/**
 * An error that tells the engine the write happened: it records `id` and `properties` as the
 * resource's state (a partially created or updated resource) and shows only `reasons`, so the
 * whole explanation goes there.
 */
function partialFailure(id: string, state: IntegrationState, message: string): Error {
  const error = new IntegrationStateError(message);
  return Object.assign(error, { id, properties: storedOutputs(state), reasons: [message] });
}

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

/**
 * The diff of a resource's state against its new inputs, where some inputs may not be known yet
 * (a preview: planning/preview-inputs.ts). Both front-ends diff through this.
 */
export function diffForPreview(current: IntegrationState, news: Bag, providerCodeChanged: boolean): { desired: IntegrationInputs; outcome: DiffOutcome; unknown: readonly string[] } {
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

export function parseInputs(bag: Bag): IntegrationInputs {
  const parsed = integrationInputsSchema.safeParse(bag);
  if (!parsed.success) {
    // check() has already reported these with property paths; this guards against a skipped check.
    throw new NovuProviderErrorImpl(`invalid inputs: ${parsed.error.issues.map((i) => i.path.join(".") || "(inputs)").join(", ")}`);
  }
  return parsed.data;
}

class NovuProviderErrorImpl extends NovuProviderError {
  override readonly name = "InvalidInputsError";
}
