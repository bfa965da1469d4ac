import { z } from "zod";

export const CHANNELS = ["in_app", "email", "sms", "chat", "push", "tool"] as const;
/** The `title` names it as a type in the Pulumi package schema (native/schema.ts). */
export const channelSchema = z.enum(CHANNELS).meta({ title: "Channel", description: "A Novu channel: how a notification reaches its subscriber." });
export type Channel = z.infer<typeof channelSchema>;

/** Novu keeps a primary (and priorities) only for these channels (`CHANNELS_WITH_PRIMARY`). */
export const CHANNELS_WITH_PRIMARY: readonly Channel[] = ["email", "sms"];
