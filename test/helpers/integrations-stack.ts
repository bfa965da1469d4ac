/**
 * A stack of Integration resources whose declarations a test can change between operations:
 *
 *     const s = await integrationsStack(ctx, emu, "drift", { mail: { providerId: "sendgrid", … } });
 *     await s.up();  s.declare({ mail: { …, name: "Renamed" } });  await s.up();
 *
 * Either front-end declares them (docs/native-provider.md): the dynamic `Integration` (the default)
 * or the native `novu.Integration` through the `novu` plugin, so one scenario runs against both:
 *
 *     describe.each(FRONT_ENDS)("… (%s front-end)", (frontEnd) => { … integrationsStack(…, frontEnd) … });
 */
import * as path from "node:path";
import type * as automation from "@pulumi/pulumi/automation";
import { Integration, type IntegrationArgs } from "../../provider";
import * as novu from "pulumi-novu/native";
import { packageRoot } from "../../tools/package-root";
import type { EmulatorHandle } from "./emulator";
import { novuConfig, type PulumiTestContext, type RecordedStack } from "./pulumi";

export type Declarations = Record<string, IntegrationArgs>;

export type FrontEnd = "dynamic" | "native";
export const FRONT_ENDS: readonly FrontEnd[] = ["dynamic", "native"];

/** What a test sees differently from each front-end, by design rather than by defect. */
export interface FrontEndTraits {
  /** The resource type the engine names in diagnostics and state. */
  readonly type: string;
  /**
   * Resources a change summary counts beside the integrations: the stack, and for the dynamic
   * front-end its ledger (the native default provider is not counted).
   */
  readonly beside: number;
  /**
   * Whether the stack has a ledger resource (dynamic only, docs/native-provider.md's table): it
   * records each integration's identifier, so an identifier change also updates it.
   */
  readonly ledger: boolean;
}

/** The stack itself, and the ledger where there is one. */
const traits = (type: string, ledger: boolean): FrontEndTraits => ({ type, ledger, beside: ledger ? 2 : 1 });

export const FRONT_END: Record<FrontEnd, FrontEndTraits> = {
  dynamic: traits("pulumi-nodejs:dynamic/novu:Integration", true),
  native: traits("novu:index:Integration", false),
};

export interface IntegrationsStack extends RecordedStack {
  readonly frontEnd: FrontEnd;
  readonly traits: FrontEndTraits;
  declare(next: Declarations): void;
  /** A change summary's count for `integrations` integrations plus what every stack of this front-end has. */
  total(integrations: number): number;
  /** Writes (POST/PUT/DELETE) the emulator saw since the last `clearRequests`, as `METHOD path`. */
  writes(): Promise<string[]>;
  /** An Integration's outputs as recorded in state (stack outputs are not refreshed by `refresh`). */
  resourceOutputs(name: string): Promise<Record<string, any> | undefined>;
  /** Every Integration's outputs as recorded in state, by resource name, from one export. */
  allResourceOutputs(): Promise<Map<string, Record<string, any>>>;
}

const WRITES = new Set(["POST", "PUT", "DELETE", "PATCH"]);

/** The project's plugin entry for the native front-end, as a user's Pulumi.yaml names it. */
function pluginSettings(): { plugins: { providers: { name: string; path: string }[] } } {
  return { plugins: { providers: [{ name: "novu", path: path.join(packageRoot(__dirname), "bin") }] } };
}

export async function integrationsStack(
  ctx: PulumiTestContext,
  emu: EmulatorHandle,
  project: string,
  initial: Declarations,
  extraConfig: automation.ConfigMap = {},
  frontEnd: FrontEnd = "dynamic",
): Promise<IntegrationsStack> {
  let declarations = initial;
  const traits = FRONT_END[frontEnd];
  const declare = (name: string, args: IntegrationArgs) =>
    // The argument types are the same zod inputs; the dynamic ones also take the internal ones, which tests never pass.
    frontEnd === "native" ? new novu.Integration(name, args as novu.IntegrationArgs) : new Integration(name, args);
  const recorded = await ctx.inlineStack(
    project,
    async () => {
      const outputs: Record<string, unknown> = {};
      for (const [name, args] of Object.entries(declarations)) {
        const i = declare(name, args);
        outputs[name] = { integrationId: i.integrationId, primary: i.primary, active: i.active, name: i.name, identifier: i.identifier, priority: i.priority };
      }
      return outputs;
    },
    { ...novuConfig(emu.url, emu.environments.development.apiKey), ...extraConfig },
    frontEnd === "native" ? pluginSettings() : {},
  );
  const allResourceOutputs = async () => {
    const exported = await recorded.stack.exportStack();
    const resources: Array<{ type: string; urn: string; outputs?: Record<string, any> }> = exported.deployment.resources ?? [];
    return new Map(resources.filter((r) => r.type === traits.type).map((r) => [r.urn.slice(r.urn.lastIndexOf("::") + 2), r.outputs ?? {}]));
  };
  return {
    ...recorded,
    frontEnd,
    traits,
    declare(next) {
      declarations = next;
    },
    total: (integrations) => integrations + traits.beside,
    async resourceOutputs(name) {
      return (await allResourceOutputs()).get(name);
    },
    allResourceOutputs,
    async writes() {
      return (await emu.control.requests()).filter((r) => WRITES.has(r.method)).map((r) => `${r.method} ${r.path}`);
    },
  };
}

/** The integration's stack output (see the program above), from `await stack.outputs()`. */
export function outputOf(outputs: automation.OutputMap, name: string): { integrationId: string; primary: boolean; active: boolean; name: string; identifier: string; priority: number } {
  return outputs[name]!.value;
}
