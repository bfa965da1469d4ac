/**
 * The root project's program: one Integration per entry of the `integrations` stack-config map,
 * so Novu can be managed from Pulumi.<stack>.yaml without writing code (README: "Stack config").
 */
import * as pulumi from "@pulumi/pulumi";
import { Integration } from "../provider";
import { isSecretConfigKey, plaintextCredentialProblems, plaintextNovuKeyProblem, secretLeavesOf } from "../provider/resource/plaintext-secrets";
import { storedStackConfig } from "./stack-file";
import { readIntegrationsConfig } from "./stack-config";

const config = new pulumi.Config();
const stack = pulumi.runtime.getStack();
const raw = config.getObject<unknown>("integrations");
const { integrations, problems: configProblems } = readIntegrationsConfig(raw);

// Secrets left in plain text stop the program before any resource (and so the default provider,
// whose state would keep the key) is registered. The engine marks the whole `integrations` key
// secret when any leaf is; which leaves are plain only the stack file tells.
const key = `${pulumi.getProject()}:integrations`;
const secretLeaf = isSecretConfigKey(key) ? secretLeavesOf(storedStackConfig(pulumi.runtime.getRootDirectory(), stack, key)) : () => false;
const novuKeyProblem = plaintextNovuKeyProblem(stack);
const problems = [
  ...(novuKeyProblem ? [`novu:secretKey: ${novuKeyProblem}`] : []),
  ...plaintextCredentialProblems(raw, secretLeaf, stack),
  ...configProblems,
];
for (const problem of problems) pulumi.log.error(problem);
if (problems.length > 0) {
  // Logged errors alone do not fail a CLI-run program; RunError ends it cleanly, without a stack trace.
  throw new pulumi.RunError(`the stack config has ${problems.length} problem${problems.length === 1 ? "" : "s"} (see the errors above); nothing was changed`);
}

const resources = integrations.map(({ name, args }) => ({ name, resource: new Integration(name, args) }));

/** What is managed, without secrets: ids, identifiers, and which integration is primary per channel. */
export const managed = Object.fromEntries(
  resources.map(({ name, resource }) => [
    name,
    pulumi
      .all([resource.integrationId, resource.identifier, resource.providerId, resource.channel, resource.active, resource.primary])
      .apply(([integrationId, identifier, providerId, channel, active, primary]) => ({ integrationId, identifier, providerId, channel, active, primary })),
  ]),
);

export const primaryByChannel = pulumi
  .all(resources.map(({ name, resource }) => pulumi.all([resource.channel, resource.primary]).apply(([channel, primary]) => ({ name, channel, primary }))))
  .apply((rows) => Object.fromEntries(rows.filter((r) => r.primary).map((r) => [r.channel, r.name])));
