/**
 * A typical Novu setup in TypeScript: a primary email and sms provider, a tenant-specific email
 * provider routed by conditions, a chat and a push integration. Credentials come from stack config
 * secrets: `pulumi config set --secret sendgridApiKey …` and so on.
 */
import * as pulumi from "@pulumi/pulumi";
import { Integration } from "pulumi-novu";

const config = new pulumi.Config();

const email = new Integration("transactional-email", {
  providerId: "sendgrid",
  channel: "email",
  name: "SendGrid",
  primary: true,
  credentials: {
    apiKey: config.requireSecret("sendgridApiKey"),
    from: "no-reply@acme.example",
    senderName: "Acme",
  },
});

// Tenant "enterprise" sends through its own Mailgun domain; everyone else through the primary.
const enterpriseEmail = new Integration("enterprise-email", {
  providerId: "mailgun",
  channel: "email",
  credentials: {
    apiKey: config.requireSecret("mailgunApiKey"),
    domain: "mail.enterprise.example",
    user: "api",
    from: "no-reply@enterprise.example",
    senderName: "Enterprise",
  },
  conditions: [{ value: "AND", children: [{ on: "tenant", field: "identifier", operator: "EQUAL", value: "enterprise" }] }],
});

const sms = new Integration("alerts-sms", {
  providerId: "twilio",
  channel: "sms",
  primary: true,
  credentials: { accountSid: "AC00000000000000000000000000000000", token: config.requireSecret("twilioToken"), from: "+15550100" },
});

new Integration("ops-chat", {
  providerId: "slack",
  channel: "chat",
  credentials: {
    applicationId: "A0EXAMPLE",
    clientId: "1234.5678",
    secretKey: config.requireSecret("slackSecretKey"),
    signingSecret: config.requireSecret("slackSigningSecret"),
  },
});

new Integration("mobile-push", {
  providerId: "fcm",
  channel: "push",
  credentials: { serviceAccount: config.requireSecret("fcmServiceAccount") },
});

export const primaryEmail = email.identifier;
export const enterpriseEmailPriority = enterpriseEmail.priority;
export const primarySms = sms.identifier;
