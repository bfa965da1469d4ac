/**
 * Secrets a user forgot to mark. `pulumi config set novu:secretKey <key>` without `--secret`, or a
 * credential written as plain YAML in Pulumi.<stack>.yaml, is stored in plain text in that file,
 * in the stack's state (the default provider's inputs) and in its history. The program can tell:
 * the engine hands it the list of config keys that are secret. These functions say what is wrong
 * and the one command that fixes it, without printing the value or asking the user to type it.
 *
 * Pure apart from reading the config the SDK already holds; the stack file is read by the caller.
 */
import * as pulumi from "@pulumi/pulumi";
import { SECURE_CREDENTIAL_KEYS } from "../catalogue";
import { SECRET_CONFIGURATION_KEYS } from "../schemas/configurations";
import { makeSecretCommand, plaintextKeyRefusal } from "../planning/plaintext-key";

export { makeSecretCommand };

/** `isConfigSecret` is exported by @pulumi/pulumi's runtime but marked internal in its types. */
const sdk = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean; getConfig(key: string): string | undefined };

/** Whether the engine marked the stack-config key (`namespace:name`) secret. */
export function isSecretConfigKey(key: string): boolean {
  // An SDK without the function cannot tell: treat as secret rather than refuse every stack.
  return sdk.isConfigSecret ? sdk.isConfigSecret(key) : true;
}

/** A `pulumi config --path` expression for these segments: `a.b`, or `a["b.c"]` where needed. */
export function configPath(segments: readonly string[]): string {
  return segments.map((s, i) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s) ? (i === 0 ? s : `.${s}`) : `[${JSON.stringify(s)}]`)).join("");
}

/** The command that re-stores a plain config value as a secret, reading it with `config get`. */

/**
 * The problem with a plaintext `novu:secretKey` in stack config, if there is one, to follow
 * "novu:secretKey: ". NOVU_SECRET_KEY is not stack config and stays allowed.
 */
export function plaintextNovuKeyProblem(stack = pulumi.runtime.getStack()): string | undefined {
  const value = sdk.getConfig("novu:secretKey");
  if (value === undefined || value === "" || isSecretConfigKey("novu:secretKey")) return undefined;
  return plaintextKeyRefusal({ stack });
}

/**
 * The `integrations` map's credentials Novu treats as secure (its catalogue's secure-credential
 * keys) that are stored in plain text, each as a problem with its config path and the fix.
 * `isSecretLeaf` says whether the value at a path under the map is a secret.
 */
export function plaintextCredentialProblems(
  raw: unknown,
  isSecretLeaf: (path: readonly string[]) => boolean,
  stack: string,
  configKey = "integrations",
): string[] {
  if (!isMap(raw)) return [];
  const problems: string[] = [];
  // Novu's secure credentials, and the configurations' webhook signing key.
  const secretPaths = [...SECURE_CREDENTIAL_KEYS.map((key) => ["credentials", key]), ...SECRET_CONFIGURATION_KEYS.map((key) => ["configurations", key])];
  for (const [name, entry] of Object.entries(raw)) {
    if (!isMap(entry)) continue;
    for (const [group, key] of secretPaths as [string, string][]) {
      const holder = entry[group];
      const value = isMap(holder) ? holder[key] : undefined;
      if (value === undefined || value === null || value === "") continue;
      if (isSecretLeaf([name, group, key])) continue;
      const path = configPath([configKey, name, group, key]);
      problems.push(
        `${path}: is stored in plain text in the stack config (Pulumi.${stack}.yaml), but Novu treats ${key} as secret: make it a secret with ` +
          `\`${makeSecretCommand(path, stack, true)}\`. If that file was committed or shared, or \`pulumi up\` ran with it, rotate the credential at the provider.`,
      );
    }
  }
  return problems;
}

/**
 * Which leaves of a stack-config value are secret, from the value as Pulumi.<stack>.yaml holds it
 * (`{secure: …}` leaves). The engine only tells the program that the whole key holds a secret
 * somewhere; the file tells which parts. A value the file does not have (set elsewhere, e.g. by
 * an ESC environment) counts as secret: there is no telling, and no plain copy in that file.
 */
export function secretLeavesOf(stored: unknown): (path: readonly string[]) => boolean {
  return (path) => {
    let node = stored;
    for (const segment of path) {
      if (isSecure(node)) return true;
      if (!isMap(node) || !(segment in node)) return true;
      node = node[segment];
    }
    return isSecure(node);
  };
}

function isSecure(node: unknown): boolean {
  return isMap(node) && typeof node.secure === "string" && Object.keys(node).length === 1;
}

function isMap(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
