/**
 * Shared fixtures for the emulator suites: the real server's e2e fixture (§13) and small readers.
 */
import type { SeedIntegration } from "../../emulator";
import type { EmulatorHandle, StateIntegration } from "../helpers/emulator";

/** `createChannelIntegrations` of Novu's test service: 8 integrations per environment, 6 active. */
export function channelIntegrations(environmentId: string): SeedIntegration[] {
  return [
    { _environmentId: environmentId, providerId: "novu-email", channel: "email", active: false },
    { _environmentId: environmentId, providerId: "novu-sms", channel: "sms", active: false },
    {
      _environmentId: environmentId,
      providerId: "sendgrid",
      channel: "email",
      active: true,
      primary: true,
      priority: 1,
      credentials: { apiKey: "SG.123", secretKey: "abc" },
    },
    {
      _environmentId: environmentId,
      providerId: "twilio",
      channel: "sms",
      active: true,
      primary: true,
      priority: 1,
      credentials: { accountSid: "AC123", token: "123", from: "me" },
    },
    { _environmentId: environmentId, providerId: "slack", channel: "chat", active: true },
    { _environmentId: environmentId, providerId: "discord", channel: "chat", active: true },
    { _environmentId: environmentId, providerId: "fcm", channel: "push", active: true },
    { _environmentId: environmentId, providerId: "novu", channel: "in_app", active: true },
  ];
}

/** Seeds the §13 fixture into both environments (16 integrations). */
export async function seedChannelIntegrations(emu: EmulatorHandle): Promise<void> {
  await emu.control.seed([
    ...channelIntegrations(emu.environments.development.id),
    ...channelIntegrations(emu.environments.production.id),
  ]);
}

/** Soft-deletes every integration of an environment out of band (the e2e tests' "wipe"). */
export async function wipeEnvironment(emu: EmulatorHandle, environmentId: string): Promise<void> {
  for (const integration of await emu.control.state()) {
    if (integration._environmentId === environmentId && !integration.deleted) {
      await emu.control.patchIntegration(integration._id, { deleted: true });
    }
  }
}

/** `GET /v1/integrations` → `data`, failing loudly on anything but 200. */
export async function listIntegrations(emu: EmulatorHandle, path = "/v1/integrations", apiKey?: string): Promise<any[]> {
  const response = await emu.api("GET", path, undefined, { apiKey });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data;
}

/** `POST /v1/integrations` → `data`, failing loudly on anything but 201. */
export async function createIntegration(emu: EmulatorHandle, body: Record<string, unknown>, apiKey?: string): Promise<any> {
  const response = await emu.api("POST", "/v1/integrations", body, { apiKey });
  if (response.status !== 201) throw new Error(`POST: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data;
}

/** The stored document of one integration. */
export async function stored(emu: EmulatorHandle, id: string): Promise<StateIntegration> {
  const found = (await emu.control.state()).find((i) => i._id === id);
  if (!found) throw new Error(`no stored integration ${id}`);
  return found;
}

/** `{priority, primary, active}` of stored integrations, for compact state-machine assertions. */
export async function ranks(emu: EmulatorHandle, ...ids: string[]): Promise<{ priority: number; primary: boolean; active: boolean }[]> {
  const state = await emu.control.state();
  return ids.map((id) => {
    const i = state.find((s) => s._id === id);
    if (!i) throw new Error(`no stored integration ${id}`);
    return { priority: i.priority, primary: i.primary, active: i.active };
  });
}

export const NOT_FOUND_ID = "5f2b3c4d5e6f7a8b9c0d1e2f";
