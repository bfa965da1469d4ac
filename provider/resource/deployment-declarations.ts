/**
 * What one deployment (one run of the program) declares: every Integration's name, identifier,
 * channel, environment and primary flag, collected as the program constructs them.
 *
 * Some decisions need the whole set, not one resource: whether a primary that `up` will take
 * belongs to an integration this deployment declares, or which identifiers this stack means to
 * create. Pulumi offers no "the program has finished declaring" hook, so `settled()` resolves once
 * the event loop has gone SETTLE_ROUNDS macrotask rounds without a new declaration: a program that
 * declares its integrations synchronously (the config-driven program, a loop, the examples) is
 * complete by then. A declaration that arrives later is still recorded, and `settled()` callers
 * that ran before it do not see it; `isLate()` says so, so that callers can fall back to the
 * per-resource behaviour instead of guessing.
 *
 * Deployments are keyed by the stack resource, a new object for every run of the program (an
 * Automation API process runs its program once per operation, so per process is not enough).
 */

export interface DeclaredIntegration {
  /** The Pulumi resource name. */
  readonly name: string;
  readonly identifier: string;
  readonly channel: string;
  /** Explicit environment, or undefined for the API key's. */
  readonly environmentId: string | undefined;
  readonly primary: boolean;
}

const SETTLE_ROUNDS = 3;

class Declarations {
  readonly entries = new Map<string, DeclaredIntegration>();
  private pending = 0;
  private idleRounds = 0;
  private done = false;
  private readonly late = new Set<string>();
  readonly settledPromise: Promise<readonly DeclaredIntegration[]>;
  private resolve!: (entries: readonly DeclaredIntegration[]) => void;

  constructor() {
    this.settledPromise = new Promise((resolve) => (this.resolve = resolve));
    this.tick();
  }

  /** A resource whose values are not known yet: settling waits for it (see `resolved`). */
  expect(): void {
    this.pending += 1;
    this.idleRounds = 0;
  }

  add(entry: DeclaredIntegration, wasExpected: boolean): void {
    if (wasExpected) this.pending -= 1;
    if (this.done) this.late.add(entry.name);
    this.entries.set(entry.name, entry);
    this.idleRounds = 0;
  }

  /** An expected resource whose values never became known (e.g. unknown during preview). */
  abandon(): void {
    this.pending -= 1;
  }

  isLate(name: string): boolean {
    return this.late.has(name);
  }

  private tick(): void {
    setImmediate(() => {
      if (this.pending === 0) this.idleRounds += 1;
      if (this.idleRounds >= SETTLE_ROUNDS) {
        this.done = true;
        this.resolve([...this.entries.values()]);
        return;
      }
      this.tick();
    });
  }
}

const byDeployment = new WeakMap<object, Declarations>();
const withoutDeployment = new Map<string, Declarations>();

function declarationsOf(deployment: object | undefined): Declarations {
  if (!deployment) {
    let d = withoutDeployment.get("");
    if (!d) withoutDeployment.set("", (d = new Declarations()));
    return d;
  }
  let d = byDeployment.get(deployment);
  if (!d) byDeployment.set(deployment, (d = new Declarations()));
  return d;
}

/**
 * Call synchronously in the resource's constructor; call the returned function once the values are
 * known (inside an `apply`), or with `undefined` if they never will be.
 */
export function expectDeclaration(deployment: object | undefined): (entry: DeclaredIntegration | undefined) => void {
  const d = declarationsOf(deployment);
  d.expect();
  let called = false;
  return (entry) => {
    if (called) return;
    called = true;
    if (entry) d.add(entry, true);
    else d.abandon();
  };
}

/** Every integration the deployment declared, once the program has finished declaring (see above). */
export function settledDeclarations(deployment: object | undefined): Promise<readonly DeclaredIntegration[]> {
  return declarationsOf(deployment).settledPromise;
}

/** Whether `name` was declared after `settledDeclarations` had resolved. */
export function isLateDeclaration(deployment: object | undefined, name: string): boolean {
  return declarationsOf(deployment).isLate(name);
}

/** What the deployment has declared so far, settled or not (for callers that cannot wait for ever). */
export function declaredSoFar(deployment: object | undefined): readonly DeclaredIntegration[] {
  return [...declarationsOf(deployment).entries.values()];
}
