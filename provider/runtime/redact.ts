/**
 * Every secret the provider process has seen, and their removal from any text that leaves it.
 *
 * Errors carry Novu's own message text, and a proxy or server that quotes the request back (a 400
 * echoing the body, a header with the key) would put a credential or the Novu key into CLI output.
 * So the runtime's boundary (`guardProvider`, used by runtime.ts `install`) remembers the Novu key
 * at `configure` and every credential value of every property bag that passes in or out, and
 * rewrites each thrown error's `message` and `reasons`, each check failure's `reason`, and every
 * warning before the host or stderr sees them.
 *
 * A value is also recognised as it looks inside a JSON string (quotes and backslashes escaped) and
 * URL-encoded. Values shorter than MIN_SECRET_LENGTH are not redacted: they would mangle ordinary
 * words, and no real credential is that short.
 */
import { SECRET_CONFIGURATION_KEYS } from "../schemas/configurations";

export const REDACTED = "[secret]";
export const MIN_SECRET_LENGTH = 4;

export class SecretRedactor {
  private readonly secrets = new Set<string>();
  private longestFirst: string[] | undefined;

  /** Remembers one secret value (and its JSON-escaped and URL-encoded forms). */
  remember(value: unknown): void {
    if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) return;
    for (const form of [value, JSON.stringify(value).slice(1, -1), JSON.stringify(JSON.stringify(value)).slice(3, -3), encodeURIComponent(value)]) {
      if (form.length >= MIN_SECRET_LENGTH && !this.secrets.has(form)) {
        this.secrets.add(form);
        this.longestFirst = undefined;
      }
    }
  }

  /** Remembers every string inside the `credentials` of a property bag (inputs, outputs, state), and its configurations' signing key. */
  rememberCredentialsOf(bag: unknown): void {
    if (!isObject(bag)) return;
    this.rememberAll(bag.credentials);
    if (isObject(bag.configurations)) for (const key of SECRET_CONFIGURATION_KEYS) this.rememberAll(bag.configurations[key]);
  }

  redact(text: string): string {
    if (this.secrets.size === 0 || text.length === 0) return text;
    this.longestFirst ??= [...this.secrets].sort((a, b) => b.length - a.length);
    let out = text;
    for (const secret of this.longestFirst) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /**
   * Rewrites what the dynamic-provider host sends to the engine: `message`, `reasons` (and `stack`),
   * and the same of the error's causes, which Node prints with it.
   */
  redactError(error: unknown): unknown {
    if (!(error instanceof Error)) return new Error(this.redact(String(error)));
    for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
      e.message = this.redact(e.message);
      if (e.stack) e.stack = this.redact(e.stack);
      const withReasons = e as Error & { reasons?: unknown };
      if (Array.isArray(withReasons.reasons)) withReasons.reasons = withReasons.reasons.map((r) => (typeof r === "string" ? this.redact(r) : r));
    }
    return error;
  }

  private rememberAll(value: unknown): void {
    if (typeof value === "string") this.remember(value);
    else if (Array.isArray(value)) for (const v of value) this.rememberAll(v);
    else if (isObject(value)) for (const v of Object.values(value)) this.rememberAll(v);
  }
}

/** The provider process's one redactor. */
export const secrets = new SecretRedactor();

type Method = (...args: any[]) => Promise<any>;

/**
 * Wraps one provider method: remembers the credentials of every property bag it is given and
 * returns, and redacts what it throws and the reasons of the check failures it returns.
 */
export function guardMethod<M extends Method>(method: M, redactor: SecretRedactor = secrets): M {
  return (async (...args: unknown[]) => {
    for (const arg of args) redactor.rememberCredentialsOf(arg);
    try {
      const result = await method(...args);
      if (isObject(result)) {
        for (const key of ["outs", "props", "inputs"]) redactor.rememberCredentialsOf(result[key]);
        if (Array.isArray(result.failures)) {
          return { ...result, failures: result.failures.map((f: { property: string; reason: string }) => ({ ...f, reason: redactor.redact(f.reason) })) };
        }
      }
      return result;
    } catch (error) {
      throw redactor.redactError(error);
    }
  }) as M;
}

const GUARDED = ["configure", "check", "diff", "create", "read", "update", "delete"] as const;

export type GuardedProvider<P> = Pick<P, Extract<keyof P, (typeof GUARDED)[number]>>;

/**
 * The provider's methods, bound and guarded; `configure` first remembers the Novu key it is given
 * (or the NOVU_SECRET_KEY fallback).
 */
export function guardProvider<P extends Partial<Record<(typeof GUARDED)[number], Method>>>(provider: P, redactor: SecretRedactor = secrets): GuardedProvider<P> {
  const guarded: Record<string, Method> = {};
  for (const name of GUARDED) {
    const method = provider[name];
    if (method) guarded[name] = guardMethod(method.bind(provider), redactor);
  }
  const configure = guarded.configure;
  if (configure) {
    guarded.configure = (req: { config?: { get(key: string): string | undefined } }) => {
      rememberNovuKey(req?.config, process.env, redactor);
      return configure(req);
    };
  }
  return guarded as unknown as GuardedProvider<P>;
}

/** The Novu key as configure sees it (stack config, else the environment), remembered before any call. */
export function rememberNovuKey(config: { get(key: string): string | undefined } | undefined, env: NodeJS.ProcessEnv = process.env, redactor: SecretRedactor = secrets): void {
  redactor.remember(config?.get("novu:secretKey"));
  redactor.remember(env.NOVU_SECRET_KEY);
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
