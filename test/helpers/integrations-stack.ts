/**
 * A stack of Integration resources whose declarations a test can change between operations:
 *
 *     const s = await integrationsStack(ctx, emu, "drift", { mail: { providerId: "sendgrid", … } });
 *     await s.up();  s.declare({ mail: { …, name: "Renamed" } });  await s.up();
 */
import type * as automation from "@pulumi/pulumi/automation";
import { Integration, type IntegrationArgs } from "../../provider";
import type { EmulatorHandle } from "./emulator";
import { novuConfig, type PulumiTestContext, type RecordedStack } from "./pulumi";

export type Declarations = Record<string, IntegrationArgs>;

export interface IntegrationsStack extends RecordedStack {
  declare(next: Declarations): void;
  /** Writes (POST/PUT/DELETE) the emulator saw since the last `clearRequests`, as `METHOD path`. */
  writes(): Promise<string[]>;
  /** An Integration's outputs as recorded in state (stack outputs are not refreshed by `refresh`). */
  resourceOutputs(name: string): Promise<Record<string, any> | undefined>;
}

const WRITES = new Set(["POST", "PUT", "DELETE", "PATCH"]);

export async function integrationsStack(
  ctx: PulumiTestContext,
  emu: EmulatorHandle,
  project: string,
  initial: Declarations,
  extraConfig: automation.ConfigMap = {},
): Promise<IntegrationsStack> {
  let declarations = initial;
  const recorded = await ctx.inlineStack(
    project,
    async () => {
      const outputs: Record<string, unknown> = {};
      for (const [name, args] of Object.entries(declarations)) {
        const i = new Integration(name, args);
        outputs[name] = { integrationId: i.integrationId, primary: i.primary, active: i.active, name: i.name, identifier: i.identifier, priority: i.priority };
      }
      return outputs;
    },
    { ...novuConfig(emu.url, emu.environments.development.apiKey), ...extraConfig },
  );
  return {
    ...recorded,
    declare(next) {
      declarations = next;
    },
    async resourceOutputs(name) {
      const exported = await recorded.stack.exportStack();
      const resources: Array<{ type: string; urn: string; outputs?: Record<string, any> }> = exported.deployment.resources ?? [];
      return resources.find((r) => r.type === "pulumi-nodejs:dynamic/novu:Integration" && r.urn.endsWith(`::${name}`))?.outputs;
    },
    async writes() {
      return (await emu.control.requests()).filter((r) => WRITES.has(r.method)).map((r) => `${r.method} ${r.path}`);
    },
  };
}

/** The integration's output of an `up` (see the program above). */
export function outputOf(result: { outputs: automation.OutputMap }, name: string): { integrationId: string; primary: boolean; active: boolean; name: string; identifier: string; priority: number } {
  return result.outputs[name]!.value;
}
