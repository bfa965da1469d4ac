/**
 * The native front-end's `novu:index:Integration`: the shared Integration operations
 * (runtime/integration-operations.ts) behind the redaction boundary, with what only a native
 * plugin knows: the resource's name from its URN (the identifier's default, the advice on a taken
 * identifier), the primary claims of every resource of the provider and of the deployment's other
 * providers, `pulumi import` (a Read with only the id), and the detailed diff the engine shows.
 */
import { UNKNOWN } from "../planning/check";
import type { PropertyChange } from "../planning/detailed-diff";
import { declaredImportInputs } from "../planning/import";
import { claimPrimary, primaryConflictMessage } from "../planning/primary-claims";
import { storedOutputs } from "../planning/state";
import { nameOf } from "../planning/urn";
import { IntegrationOperations } from "../runtime/integration-operations";
import type { ProviderProcess } from "../runtime/provider-process";
import { guardMethod, guardProvider } from "../runtime/redact";
import { withNameDefaults } from "../schemas/integration-inputs";
import type { DeploymentClaims } from "./deployment-claims";
import type {
  Bag,
  CheckAnswer,
  CheckFailure,
  CheckRequest,
  CreateAnswer,
  CreateRequest,
  DeleteRequest,
  DiffAnswer,
  DiffRequest,
  HandlerContext,
  ReadAnswer,
  ReadRequest,
  ResourceHandler,
  UpdateAnswer,
  UpdateRequest,
} from "./resource-handler";

export function integrationHandler({ process, claims }: HandlerContext): ResourceHandler {
  return new IntegrationHandler(process, claims);
}

class IntegrationHandler implements ResourceHandler {
  private readonly ops;
  private readonly importById;

  constructor(
    private readonly process: ProviderProcess,
    private readonly claims: DeploymentClaims | undefined,
  ) {
    // No ledger resource beside a native program's integrations: a taken identifier is explained without it.
    const operations = new IntegrationOperations(process, { ledger: false });
    this.ops = guardProvider({
      check: (olds: Bag, news: Bag) => operations.check(olds, news),
      diff: (id: string, olds: Bag, news: Bag) => operations.diff(id, olds, news),
      create: (news: Bag, resourceName: string) => operations.create(news, { resourceName }),
      read: (id: string, state: Bag, inputs: Bag) => operations.read(id, state, inputs),
      update: (id: string, olds: Bag, news: Bag) => operations.update(id, olds, news),
      delete: (id: string, state: Bag) => operations.delete(id, state),
    });
    this.importById = guardMethod((id: string) => operations.importById(id));
  }

  async check({ urn, olds, news }: CheckRequest): Promise<CheckAnswer> {
    const name = nameOf(urn);
    const declared: Bag = withNameDefaults(news, name);
    // Two resources of this provider claiming one channel's primary: the second fails at preview,
    // as in the dynamic front-end (one plugin process serves one provider instance for one command).
    const claim = primaryClaimOf(declared);
    if (claim) {
      const conflict = claimPrimary(this, name, claim.channel, claim.environmentId);
      if (conflict) declared.__primaryClaimConflict = conflict;
    }
    const result = await this.ops.check(olds, declared);
    const failures: CheckFailure[] = [...(result.failures ?? [])];
    // Against the deployment's other providers too, once the inputs are otherwise fine (it asks which environment the key reaches).
    if (claim && failures.length === 0) {
      const conflict = await this.claimAcrossProviders(urn, claim.channel, claim.environmentId);
      if (conflict) failures.push({ property: "", reason: `primary: ${conflict}` });
    }
    return { inputs: { ...((result.inputs ?? declared) as Bag) }, failures };
  }

  async diff({ id, olds, news }: DiffRequest): Promise<DiffAnswer> {
    const result = await this.ops.diff(id, olds, news);
    const replaces = result.replaces ?? [];
    const detailedDiff: Record<string, PropertyChange> = { ...result.detailedDiff };
    // The engine shows a replacement by the detailed diff's kinds: every replacing input is one.
    for (const name of replaces) if (!detailedDiff[name]?.endsWith("replace")) detailedDiff[name] = "update-replace";
    return { changes: result.changes ?? false, replaces, deleteBeforeReplace: result.deleteBeforeReplace ?? false, detailedDiff };
  }

  async create({ urn, news }: CreateRequest): Promise<CreateAnswer> {
    const result = await this.ops.create(news, nameOf(urn));
    return { id: result.id, outputs: result.outs as Bag };
  }

  async read({ id, state, inputs }: ReadRequest): Promise<ReadAnswer> {
    if (Object.keys(state).length === 0) {
      // `pulumi import`: only the id is known. The engine needs inputs back, as the generated code declares them.
      const found = await this.importById(id);
      return found ? { id, outputs: storedOutputs(found.state), inputs: declaredImportInputs(found.inputs) as Bag } : { id: "" };
    }
    const result = await this.ops.read(id, state, inputs);
    return result.id ? { id: result.id, outputs: (result.props ?? {}) as Bag, inputs: result.inputs as Bag | undefined } : { id: "" };
  }

  async update({ id, olds, news }: UpdateRequest): Promise<UpdateAnswer> {
    const result = await this.ops.update(id, olds, news);
    return { outputs: (result.outs ?? {}) as Bag };
  }

  async delete({ id, state }: DeleteRequest): Promise<void> {
    await this.ops.delete(id, state);
  }

  /**
   * The same claim as `claimPrimary`, against every provider of the deployment: two explicit
   * providers whose keys reach one environment would otherwise take its primary from each other at
   * every `up`. Keyed by the environment the key reaches (one request per process, as placement asks).
   */
  private async claimAcrossProviders(urn: string, channel: string, explicitEnvironment: string | undefined): Promise<string | undefined> {
    if (!this.claims) return undefined;
    const environmentId = explicitEnvironment ?? (await this.process.keyEnvironmentId());
    if (!environmentId) return undefined;
    let holder: string | undefined;
    try {
      holder = this.claims.claim(`${environmentId}/${channel}`, urn);
    } catch {
      return undefined; // Best effort: a temp folder we cannot write only loses this check.
    }
    return holder ? primaryConflictMessage(nameOf(holder), nameOf(urn), channel, environmentId, true) : undefined;
  }
}

/** A resource's claim of its channel's primary, when it makes one with a known channel (the environment: explicit, if known). */
function primaryClaimOf(declared: Bag): { channel: string; environmentId: string | undefined } | undefined {
  if (declared.primary !== true || typeof declared.channel !== "string" || declared.channel === UNKNOWN) return undefined;
  const environmentId = typeof declared.environmentId === "string" && declared.environmentId !== UNKNOWN ? declared.environmentId : undefined;
  return { channel: declared.channel, environmentId };
}
