/**
 * Property values as the engine sends them to a plugin that accepts secrets, and back.
 *
 * A secret arrives as `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
 * value}` (the SDK's rpc.ts uses the same signature). The operations work on plain values, so every
 * bag is unwrapped on the way in, remembering which top-level properties were secret, and on the
 * way out those properties, the credentials and the signing key are wrapped again: a value the user
 * marked secret stays secret, and a credential is secret whether or not the user marked it.
 */
import { SECRET_CONFIGURATION_KEYS } from "../schemas/configurations";

export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type Bag = Record<string, unknown>;

export interface Unwrapped {
  readonly bag: Bag;
  /** Top-level property names whose value (or a value inside it) was secret. */
  readonly secret: ReadonlySet<string>;
}

export function isSecret(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Bag)[SECRET_SIG_KEY] === SECRET_SIG;
}

export function secret(value: unknown): Bag {
  return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

/** The value with every secret wrapper removed, and whether there was one anywhere in it. */
export function unwrapValue(value: unknown): { value: unknown; secret: boolean } {
  if (isSecret(value)) return { value: unwrapValue(value.value).value, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(unwrapValue);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof value === "object" && value !== null) {
    let anySecret = false;
    const out: Bag = {};
    for (const [k, v] of Object.entries(value)) {
      const inner = unwrapValue(v);
      out[k] = inner.value;
      anySecret ||= inner.secret;
    }
    return { value: out, secret: anySecret };
  }
  return { value, secret: false };
}

export function unwrapBag(bag: Bag | undefined): Unwrapped {
  const out: Bag = {};
  const secretKeys = new Set<string>();
  for (const [k, v] of Object.entries(bag ?? {})) {
    const inner = unwrapValue(v);
    out[k] = inner.value;
    if (inner.secret) secretKeys.add(k);
  }
  return { bag: out, secret: secretKeys };
}

/**
 * Wraps, for the engine: `credentials` whole (keys stay visible in a detailed diff, values never),
 * the secret configuration keys, and the properties listed in `alsoSecret`.
 */
export function wrapSecrets(bag: Bag, alsoSecret: ReadonlySet<string> = new Set()): Bag {
  const out: Bag = {};
  for (const [k, v] of Object.entries(bag)) {
    if (v === undefined) continue;
    if (k === "credentials" || alsoSecret.has(k)) out[k] = secret(v);
    else if (k === "configurations" && typeof v === "object" && v !== null) {
      out[k] = Object.fromEntries(
        Object.entries(v as Bag).map(([ck, cv]) => [ck, SECRET_CONFIGURATION_KEYS.includes(ck) ? secret(cv) : cv]),
      );
    } else out[k] = v;
  }
  return out;
}

/** Drops `undefined` (a protobuf Struct cannot hold it) the way JSON does. */
export function plain(bag: Bag): Bag {
  return JSON.parse(JSON.stringify(bag)) as Bag;
}
