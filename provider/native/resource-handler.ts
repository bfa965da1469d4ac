/**
 * What the native service (service.ts) asks of a resource type. The service looks up the handler
 * registered for a request's type token (resources.ts), the way Invoke looks up a function's in
 * runtime/lookup-operations.ts: a new resource type is a new handler there, not an edit of the
 * service. The service unwraps each request's property bags (wire.ts: plain values, and which
 * top-level properties were secret) and wraps the answer's again, keeping those secret; a handler
 * sees and answers plain values and decides everything else. A create or update that half happened
 * throws PartialWriteError (errors.ts), which the service answers as ErrorResourceInitFailed.
 */
import type { PropertyChange } from "../planning/detailed-diff";
import type { ProviderProcess } from "../runtime/provider-process";
import type { DeploymentClaims } from "./deployment-claims";

export type Bag = Record<string, unknown>;

/** Every request names the resource it is about. */
export interface ResourceRequest {
  /** The resource's URN: its name in the program is the last part (planning/urn.ts). */
  readonly urn: string;
}

export interface CheckRequest extends ResourceRequest {
  /** The inputs recorded before; empty for a resource being created. */
  readonly olds: Bag;
  /** The program's inputs, with the engine's placeholder for values not known yet (a preview). */
  readonly news: Bag;
}

export interface CheckFailure {
  /** Left empty by our handlers: the engine would print the property's value beside it (DESIGN.md). */
  readonly property: string;
  /** Starts with the property path. */
  readonly reason: string;
}

export interface CheckAnswer {
  /** The inputs the engine passes to diff, create and update, defaults filled in. */
  readonly inputs: Bag;
  /** Any failure stops the preview or `up` before a write. */
  readonly failures: readonly CheckFailure[];
}

export interface DiffRequest extends ResourceRequest {
  readonly id: string;
  /** The resource's recorded outputs (its state). */
  readonly olds: Bag;
  /** The checked inputs. */
  readonly news: Bag;
}

export interface DiffAnswer {
  readonly changes: boolean;
  /** Top-level inputs whose change replaces the resource. */
  readonly replaces: readonly string[];
  /** Whether the old resource must go before its replacement is created. */
  readonly deleteBeforeReplace: boolean;
  /** Each changed input path and how (`credentials.apiKey: update`): what `preview --diff` shows key by key. */
  readonly detailedDiff: Readonly<Record<string, PropertyChange>>;
}

export interface CreateRequest extends ResourceRequest {
  /** The checked inputs. */
  readonly news: Bag;
}

export interface CreateAnswer {
  readonly id: string;
  /** The outputs the engine records as the resource's state. */
  readonly outputs: Bag;
}

export interface ReadRequest extends ResourceRequest {
  readonly id: string;
  /** The recorded outputs; empty for `pulumi import`, which knows only the id. */
  readonly state: Bag;
  /** The recorded inputs, if any. */
  readonly inputs: Bag;
}

export interface ReadAnswer {
  /** Empty: the resource no longer exists, and the engine drops it from the state. */
  readonly id: string;
  /** The resource's outputs as they are now. */
  readonly outputs?: Bag;
  /** The inputs that reproduce them, so the next preview diffs against what is there (and an import has inputs). */
  readonly inputs?: Bag;
}

export interface UpdateRequest extends ResourceRequest {
  readonly id: string;
  /** The recorded outputs. */
  readonly olds: Bag;
  /** The checked inputs. */
  readonly news: Bag;
}

export interface UpdateAnswer {
  /** The outputs the engine records as the resource's state. */
  readonly outputs: Bag;
}

export interface DeleteRequest extends ResourceRequest {
  readonly id: string;
  /** The recorded outputs. */
  readonly state: Bag;
}

export interface ResourceHandler {
  check(request: CheckRequest): Promise<CheckAnswer>;
  diff(request: DiffRequest): Promise<DiffAnswer>;
  create(request: CreateRequest): Promise<CreateAnswer>;
  read(request: ReadRequest): Promise<ReadAnswer>;
  update(request: UpdateRequest): Promise<UpdateAnswer>;
  delete(request: DeleteRequest): Promise<void>;
}

/** What a plugin process gives each resource type's handler, made once per process. */
export interface HandlerContext {
  /** Settings, the one Novu client, the shared list, the placement guard. */
  readonly process: ProviderProcess;
  /** Claims of this deployment's other provider processes; absent without the engine's address. */
  readonly claims?: DeploymentClaims;
}

export type ResourceHandlerFactory = (context: HandlerContext) => ResourceHandler;
