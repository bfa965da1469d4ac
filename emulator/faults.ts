/**
 * Fault injection for the API routes: a rule matches a method and a path pattern, fires with a
 * probability drawn from the seeded PRNG, and expires after `times` hits. The server decides what
 * each fault type does to the request (`server.ts`); this module only decides which fault, if any.
 */
import { mulberry32 } from "./prng";
import type { Fault, FaultRuleSpec } from "./schemas";

export interface FaultRule {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly fault: Fault;
  readonly probability: number;
  /** Hits left; `null` = unlimited. */
  remaining: number | null;
  hits: number;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private random: () => number;
  private nextId = 1;

  constructor(private readonly seed: number) {
    this.random = mulberry32(seed);
  }

  add(input: FaultRuleSpec): FaultRule {
    const rule: FaultRule = {
      id: `fault-${this.nextId++}`,
      method: input.method.toUpperCase(),
      path: input.path,
      fault: input.fault,
      probability: input.probability ?? 1,
      remaining: input.times ?? null,
      hits: 0,
    };
    this.rules.push(rule);
    return rule;
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /** Back to the state at start: no rules, and the PRNG re-seeded so runs repeat exactly. */
  reset(): void {
    this.clear();
    this.random = mulberry32(this.seed);
    this.nextId = 1;
  }

  /** The fault for this request, if a rule fires. Consumes one of the rule's `times`. */
  take(method: string, path: string): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.remaining === 0) continue;
      if (rule.method !== "*" && rule.method !== method.toUpperCase()) continue;
      if (!pathMatches(rule.path, path)) continue;
      // Draw only for partial probabilities, so certain rules do not shift the random sequence.
      if (rule.probability < 1 && this.random() >= rule.probability) continue;
      rule.hits += 1;
      if (rule.remaining !== null) rule.remaining -= 1;
      return rule.fault;
    }
    return undefined;
  }
}

/** `/v1/integrations/:id/set-primary` style patterns; a final `*` matches any remaining segments. */
export function pathMatches(pattern: string, path: string): boolean {
  const want = trimSlash(pattern).split("/");
  const got = trimSlash(path).split("/");
  for (let index = 0; index < want.length; index++) {
    const segment = want[index];
    if (segment === "*" && index === want.length - 1) return true;
    if (index >= got.length) return false;
    if (segment.startsWith(":")) {
      if (got[index] === "") return false;
      continue;
    }
    if (segment !== got[index]) return false;
  }
  return want.length === got.length;
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}
