/**
 * `GET /v1/integrations/webhook/provider/{providerOrIntegrationId}/status` (§5.7): whether Novu can
 * parse delivery webhooks from an integration's provider. The argument is a catalogue provider id
 * (first integration of that provider with credentials) or an integration id, in the caller's
 * environment. True exactly when Novu's provider class implements both `getMessageId` and
 * `parseEventBody` (get-webhook-support-status.usecase.ts).
 */
import { BadRequestError, NotFoundError } from "../errors";
import type { StoredIntegration } from "../schemas";
import type { Table } from "../state-machine";
import type { UseCaseContext } from "./context";
import { isCatalogueProviderId } from "../catalogue";

/**
 * Providers whose class in Novu's `packages/providers` implements `getMessageId` and
 * `parseEventBody` (novuhq/novu at 74a2e9a, 2024-10): brevo (id `sendinblue`), mailjet, mandrill,
 * netcore, postmark, sendgrid, ses; plivo, ring-central, telnyx, termii, twilio.
 */
export const WEBHOOK_PARSING_PROVIDERS: ReadonlySet<string> = new Set([
  "sendinblue", "mailjet", "mandrill", "netcore", "postmark", "sendgrid", "ses",
  "plivo", "ring-central", "telnyx", "termii", "twilio",
]);

export function getWebhookSupportStatus(table: Table, context: UseCaseContext, providerOrIntegrationId: string): boolean {
  const { organizationId, environmentId } = context.principal;
  const inScope = (i: StoredIntegration) => !i.deleted && i._organizationId === organizationId && i._environmentId === environmentId;
  const byProvider = isCatalogueProviderId(providerOrIntegrationId);
  const integration = table.find((i) =>
    inScope(i) &&
    (byProvider ? i.providerId === providerOrIntegrationId && hasCredentials(i) : i._id === providerOrIntegrationId),
  );
  if (!integration) throw new NotFoundError(`Integration for ${providerOrIntegrationId} was not found`);
  if (!hasCredentials(integration)) throw new BadRequestError(`Integration ${integration._id} doesn't have credentials set up`);
  if (integration.channel !== "email" && integration.channel !== "sms") {
    throw new BadRequestError(`Webhook for ${integration.providerId}-${integration.channel} is not supported yet`);
  }
  return WEBHOOK_PARSING_PROVIDERS.has(integration.providerId);
}

/** Mongoose drops an empty credentials object, so "exists" means "has at least one key". */
function hasCredentials(integration: StoredIntegration): boolean {
  return Object.keys(integration.credentials ?? {}).length > 0;
}
