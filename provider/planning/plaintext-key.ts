/**
 * The refusal of a Novu key written in plain text, with the one command that fixes it: decided
 * here for both front-ends (the dynamic class's check, the native provider's configure). Pure.
 * NOVU_SECRET_KEY is not stack config and stays allowed.
 */

/** The command that re-stores a stack-config value as a secret, in place (`--path` for a nested one). */
export function makeSecretCommand(key: string, stack: string, path = false): string {
  const p = path ? " --path" : "";
  const quoted = path ? `'${key}'` : key;
  return `pulumi config set --stack ${stack} --secret${p} ${quoted} "$(pulumi config get --stack ${stack}${p} ${quoted})"`;
}

/**
 * What follows `novu:secretKey` (or an explicit provider's `secretKey`) in the refusal: where the
 * plain key is and the command that makes it a secret.
 */
export function plaintextKeyRefusal(where: { readonly stack: string } | { readonly explicitProvider: string }): string {
  if ("explicitProvider" in where) {
    return (
      `of provider "${where.explicitProvider}" is plain text: a Novu key must be a secret. Pass one from secret config, ` +
      "e.g. `pulumi config set --secret novuKey <key>`, then `secretKey: ${novuKey}` (YAML) or `config.requireSecret(\"novuKey\")` (TypeScript)"
    );
  }
  return (
    `is stored in plain text in the stack config (Pulumi.${where.stack}.yaml): make it a secret with ` +
    `\`${makeSecretCommand("novu:secretKey", where.stack)}\`. If that file was committed or shared, or \`pulumi up\` ran with it, ` +
    "rotate the key in Novu and set the new one with `--secret`."
  );
}
