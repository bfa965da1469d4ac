/**
 * Reads a list of integrations the way a tolerant reader does: each item is parsed for what
 * pulumi-novu uses, and an item it does not manage (an agent-kind integration, a channel it does
 * not know, a shape it cannot read) is set aside with the reason, never failing the whole list.
 * Novu adds kinds and channels faster than any client ships (agents, `whatsapp-business`), and one
 * such item must not stop every refresh, adoption, import and generate of its environment.
 */
import { z } from "zod";
import { CHANNELS } from "../schemas/channel";
import {
  type IntegrationListing,
  type IntegrationResponse,
  integrationResponseSchema,
  listedItemSchema,
  type UnmanageableIntegration,
} from "../schemas/api";

/** The items of a list answer; undefined when the answer is not a list at all (that is a real failure). */
export function readListing(data: unknown): IntegrationListing | undefined {
  if (!Array.isArray(data)) return undefined;
  const integrations: IntegrationResponse[] = [];
  const unmanageable: UnmanageableIntegration[] = [];
  for (const item of data) {
    const read = readItem(item);
    // A deleted item we could not manage anyway is nothing to report.
    if ("reason" in read) {
      if ((item as { deleted?: unknown } | null)?.deleted !== true) unmanageable.push(read);
    }
    else integrations.push(read.integration);
  }
  return { integrations, unmanageable };
}

function readItem(item: unknown): { integration: IntegrationResponse } | UnmanageableIntegration {
  const named = listedItemSchema.safeParse(item);
  if (!named.success) return { reason: "it is not an integration object pulumi-novu can read" };
  const n = named.data;
  const who: Omit<UnmanageableIntegration, "reason"> = {
    integrationId: n._id,
    environmentId: n._environmentId,
    identifier: n.identifier,
    providerId: n.providerId,
  };
  // Absent `kind` is a server from before agents: every integration there is a delivery one.
  if (n.kind !== undefined && n.kind !== "delivery") {
    return { ...who, reason: `it is ${article(n.kind)} "${n.kind}"-kind integration; pulumi-novu manages delivery integrations only` };
  }
  if (n.channel === undefined) return { ...who, reason: "it has no channel; pulumi-novu manages channel (delivery) integrations only" };
  if (!(CHANNELS as readonly string[]).includes(n.channel)) {
    return { ...who, reason: `its channel "${n.channel}" is not one this version of pulumi-novu knows (${CHANNELS.join(", ")})` };
  }
  const parsed = integrationResponseSchema.safeParse(item);
  if (!parsed.success) {
    return { ...who, reason: `Novu's answer lacks what pulumi-novu needs to manage it (${firstIssue(parsed.error)})` };
  }
  return { integration: parsed.data };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "(item)"}: ${issue.message}` : "unreadable";
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

/** `"novu-anthropic" (69a0…)` or just the id: how a skipped integration is named in messages. */
export function unmanageableLabel(u: UnmanageableIntegration): string {
  if (u.identifier !== undefined && u.integrationId !== undefined) return `"${u.identifier}" (${u.integrationId})`;
  return u.identifier !== undefined ? `"${u.identifier}"` : (u.integrationId ?? "an unnamed item");
}
