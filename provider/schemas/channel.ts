import { z } from "zod";

export const CHANNELS = ["in_app", "email", "sms", "chat", "push"] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/** Novu keeps a primary (and priorities) only for these channels (`CHANNELS_WITH_PRIMARY`). */
export const CHANNELS_WITH_PRIMARY: readonly Channel[] = ["email", "sms"];
