/**
 * An Integration's state: what the provider keeps as the resource's outputs, derived from Novu's
 * answers by planning/state.ts, which parses stored state with this schema where it enters an
 * operation (`stateOf`: diff, read, update, delete). integration-outputs.ts is its published part;
 * native/schema.ts holds the two equal at compile time.
 *
 * It checks what each field is, not the rules an input must meet: most of the state is what Novu
 * answered (an identifier the dashboard gave, conditions and configurations as Novu stores them,
 * credentials an older server echoes), and state this provider wrote must stay readable by it.
 */
import { z } from "zod";
import type { Condition } from "./conditions";
import type { Configurations } from "./configurations";
import type { Credentials } from "./credentials";
import type { Rules } from "./rules";

/** An object whose keys are Novu's (or ours, as Novu took them): taken as it was stored. */
const stored = <T>() => z.custom<T>((value) => typeof value === "object" && value !== null && !Array.isArray(value), "expected an object");

export const integrationStateSchema = z.object({
  integrationId: z.string(),
  environmentId: z.string(),
  organizationId: z.string(),
  providerId: z.string(),
  channel: z.string(),
  name: z.string(),
  identifier: z.string(),
  active: z.boolean(),
  primary: z.boolean(),
  priority: z.number(),
  deleted: z.boolean(),
  conditions: z.array(stored<Condition>()),
  /** What we last wrote; Novu does not return credentials to API keys, so this is our only record. */
  credentials: stored<Credentials>(),
  /**
   * Novu's configurations, absent when empty. The signing key is what we last wrote: current
   * servers leave it out of every answer, like credentials.
   */
  configurations: stored<Configurations>().optional(),
  /** Whether the program declares `configurations` (unset: left as Novu has them). Absent in older state: false. */
  configurationsManaged: z.boolean().optional(),
  /** Novu's routing rules, absent when it has none (`null`, `{}` or a server without rules). */
  rules: stored<Rules>().optional(),
  /** Whether the program declares `rules` (unset: left as Novu has them). Absent in older state: false. */
  rulesManaged: z.boolean().optional(),
  check: z.boolean(),
  adopt: z.boolean(),
  /**
   * The Novu server (normalised API URL) and environment name it lives in, recorded by the runtime
   * on every write and refresh (planning/placement.ts). Absent in state written before: unknown.
   */
  apiUrl: z.string().optional(),
  environmentName: z.string().optional(),
  /**
   * Whether `create` found the integration already in Novu and adopted it (rather than POSTing it).
   * Absent in state written before this field existed: see planning/state.ts `wasAdopted`.
   */
  adopted: z.boolean().optional(),
  /** The `deleteAdopted` input: whether delete may remove an adopted integration from Novu. */
  deleteAdopted: z.boolean().optional(),
  /** Whether `name`/`environmentId` were set by the user, or taken from Novu's defaults. Absent in older state: false. */
  nameManaged: z.boolean().default(false),
  environmentManaged: z.boolean().default(false),
});

export type IntegrationState = Readonly<z.output<typeof integrationStateSchema>>;
