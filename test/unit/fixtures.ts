/** Values several unit tests start from. */
import type { SettingsInUse } from "../../provider/planning/placement";
import type { IntegrationState } from "../../provider/planning/state";

/** A sendgrid integration's state, as the runtime keeps it. */
export const SENDGRID_STATE: IntegrationState = {
  integrationId: "6b10000000000000000000a1",
  environmentId: "66a0000000000000000000d1",
  organizationId: "66a000000000000000000001",
  providerId: "sendgrid",
  channel: "email",
  name: "SendGrid",
  identifier: "mail",
  active: true,
  primary: false,
  priority: 1,
  deleted: false,
  conditions: [],
  credentials: { apiKey: "SG.one", from: "a@acme.dev", senderName: "Acme" },
  check: false,
  adopt: false,
  nameManaged: true,
  environmentManaged: false,
};

/** The key and URL both from stack config, as most stacks have them. */
export const SETTINGS_FROM_CONFIG: SettingsInUse = {
  key: "novu:secretKey",
  keyFrom: "stack config novu:secretKey",
  keyFix: "`pulumi config set --secret novu:secretKey <key>`",
  apiUrl: "novu:apiUrl",
  apiUrlFrom: "stack config novu:apiUrl",
  apiUrlFix: "`pulumi config set novu:apiUrl <URL of the Novu API>`",
};
