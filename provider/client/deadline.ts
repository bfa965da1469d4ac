/**
 * The total time budget of one provider operation (`novu:operationTimeoutMs`). Every request,
 * retry wait, rate-limiter wait and lookup the operation makes spends from the same budget, so a
 * `pulumi up` never hangs on one resource however the server behaves.
 */
export class Deadline {
  private constructor(
    /** The whole budget, for messages. */
    readonly budgetMs: number,
    private readonly endsAt: number,
    private readonly now: () => number,
  ) {}

  static after(budgetMs: number, now: () => number = Date.now): Deadline {
    return new Deadline(budgetMs, now() + budgetMs, now);
  }

  /** Time left, never negative. */
  remainingMs(): number {
    return Math.max(0, this.endsAt - this.now());
  }

  expired(): boolean {
    return this.remainingMs() === 0;
  }

  /** The absolute time (in the clock's terms) at which the budget ends. */
  get endsAtMs(): number {
    return this.endsAt;
  }
}
