/**
 * The two front-ends side by side (`npm run bench -- frontends`): for each N, four stacks of the
 * same N integrations through the real CLI against the emulator — the dynamic `Integration`, a
 * do-nothing dynamic provider (its floor), the native `novu.Integration`, and a do-nothing native
 * plugin of the same kind (its floor, native-noop/). Of each: `preview` of a fresh stack (N
 * creates), the `up` that follows, the state per resource (`pulumi stack export`, first round
 * only: it does not vary), then an untimed `destroy`.
 *
 * The four kinds take turns within each round, so a slow moment of a busy machine falls on all of
 * them alike; the median of the rounds counts. An uncounted warm-up of each kind comes first
 * (inline programs run in the bench's process, so the first stack of a kind would also pay its
 * one-time module loads and closure serialization, which a real CLI run charges to every run).
 */
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { packageRoot } from "../../tools/package-root";
import { NOOP_PACKAGE } from "./native-noop/service";
import { declarations, integrationsProgram, nativeIntegrationsProgram, nativeNoopProgram, noopProgram, novuConfig } from "./programs";
import type { BenchWorkspace, PluginDir } from "./pulumi-workspace";

export const FRONTEND_KINDS = ["dynamic", "dynamicFloor", "native", "nativeFloor"] as const;
export type FrontendKind = (typeof FRONTEND_KINDS)[number];

export const FRONTEND_LABELS: Record<FrontendKind, string> = {
  dynamic: "dynamic `Integration`",
  dynamicFloor: "do-nothing dynamic provider",
  native: "native `novu.Integration`",
  nativeFloor: "do-nothing native plugin (`pulumi-resource-noop`)",
};

export interface FrontendRuns {
  /** `pulumi preview` of a fresh stack: N creates. */
  readonly previewSeconds: number[];
  /** The `pulumi up` after it, creating the N resources. */
  readonly upSeconds: number[];
  /** An integration's whole entry in `pulumi stack export`, averaged over the N. */
  readonly stateBytesPerResource: number;
  /** The whole `pulumi stack export` as printed (indented JSON) ÷ N: providers, the stack and (dynamic) the ledger shared out. */
  readonly stackBytesPerResource: number;
}

export interface FrontendsAtN {
  readonly runs: Record<FrontendKind, FrontendRuns>;
  /** Ratios of medians. The targets: native ÷ native floor ≤ 1.1; native state well under dynamic. */
  readonly ratios: {
    readonly nativePreview: number;
    readonly nativeUp: number;
    readonly dynamicPreview: number;
    readonly dynamicUp: number;
    readonly nativeStateToDynamic: number;
  };
}

export interface FrontendsResult {
  readonly rounds: number;
  readonly byN: Record<number, FrontendsAtN>;
}

export interface FrontendsOptions {
  readonly sizes: readonly number[];
  readonly rounds: number;
  readonly say: (line: string) => void;
  readonly median: (values: readonly number[]) => number;
}

const PROGRAMS = {
  dynamic: integrationsProgram,
  dynamicFloor: noopProgram,
  native: nativeIntegrationsProgram,
  nativeFloor: nativeNoopProgram,
} satisfies Record<FrontendKind, unknown>;

/** The plugins each kind's project names (a dynamic provider needs none). */
function pluginsOf(kind: FrontendKind): PluginDir[] | undefined {
  const root = packageRoot(__dirname);
  if (kind === "native") return [{ name: "novu", path: path.join(root, "bin") }];
  if (kind === "nativeFloor") return [{ name: NOOP_PACKAGE, path: path.join(root, "dev", "bench", "native-noop", "bin") }];
  return undefined;
}

interface OneRun {
  readonly previewSeconds: number;
  readonly upSeconds: number;
  readonly state?: { perResource: number; stackPerResource: number };
}

async function runOnce(ws: BenchWorkspace, kind: FrontendKind, n: number, project: string, opts: { state: boolean; destroy: boolean }): Promise<OneRun> {
  const emulator = await startEmulator({ port: 0 });
  try {
    const current = declarations(n);
    const stack = await ws.stack(project, PROGRAMS[kind](() => current), novuConfig(emulator), pluginsOf(kind));
    let t = Date.now();
    await stack.preview();
    const previewSeconds = (Date.now() - t) / 1000;
    t = Date.now();
    await stack.up();
    const upSeconds = (Date.now() - t) / 1000;
    let state: OneRun["state"];
    if (opts.state) {
      const text = await ws.exportState(stack);
      const resources = (JSON.parse(text) as { deployment: { resources?: Array<{ urn: string }> } }).deployment.resources ?? [];
      const ours = resources.filter((r) => /::int-\d+$/.test(r.urn));
      if (ours.length !== n) throw new Error(`${kind}, N = ${n}: ${ours.length} integrations in state, expected ${n}`);
      const bytes = ours.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0);
      state = { perResource: Math.round(bytes / n), stackPerResource: Math.round(Buffer.byteLength(text) / n) };
    }
    if (opts.destroy) await stack.destroy();
    return { previewSeconds, upSeconds, state };
  } finally {
    await emulator.close();
  }
}

export async function measureFrontends(ws: BenchWorkspace, opts: FrontendsOptions): Promise<FrontendsResult> {
  const { say, median, rounds } = opts;
  const fmt = (s: number) => s.toFixed(1);
  say(`front-ends: preview and up of N integrations, dynamic and native, each against a do-nothing provider of its kind (N = ${opts.sizes.join(", ")}; ${rounds} rounds after a warm-up)`);
  const warmN = Math.min(...opts.sizes);
  for (const kind of FRONTEND_KINDS) await runOnce(ws, kind, warmN, `bench-fe-warmup-${kind}`, { state: false, destroy: false });

  const byN: Record<number, FrontendsAtN> = {};
  for (const n of opts.sizes) {
    const preview = Object.fromEntries(FRONTEND_KINDS.map((k) => [k, [] as number[]])) as Record<FrontendKind, number[]>;
    const up = Object.fromEntries(FRONTEND_KINDS.map((k) => [k, [] as number[]])) as Record<FrontendKind, number[]>;
    const state = {} as Record<FrontendKind, { perResource: number; stackPerResource: number }>;
    for (let round = 1; round <= rounds; round++) {
      const line: string[] = [];
      for (const kind of FRONTEND_KINDS) {
        const run = await runOnce(ws, kind, n, `bench-fe-${kind}-${n}-${round}`, { state: round === 1, destroy: true });
        preview[kind].push(run.previewSeconds);
        up[kind].push(run.upSeconds);
        if (run.state) state[kind] = run.state;
        line.push(`${kind} ${fmt(run.previewSeconds)}/${fmt(run.upSeconds)}`);
      }
      say(`  N=${n} round ${round} (preview/up s): ${line.join(", ")}`);
    }
    const runs = Object.fromEntries(
      FRONTEND_KINDS.map((k) => [
        k,
        { previewSeconds: preview[k], upSeconds: up[k], stateBytesPerResource: state[k].perResource, stackBytesPerResource: state[k].stackPerResource },
      ]),
    ) as Record<FrontendKind, FrontendRuns>;
    const ratio = (a: number[], b: number[]) => median(a) / median(b);
    byN[n] = {
      runs,
      ratios: {
        nativePreview: ratio(preview.native, preview.nativeFloor),
        nativeUp: ratio(up.native, up.nativeFloor),
        dynamicPreview: ratio(preview.dynamic, preview.dynamicFloor),
        dynamicUp: ratio(up.dynamic, up.dynamicFloor),
        nativeStateToDynamic: state.native.perResource / state.dynamic.perResource,
      },
    };
  }
  return { rounds, byN };
}

/** One Markdown table per N: medians (rounds in brackets), state, and the ratios against each floor. */
export function renderFrontends(r: FrontendsResult, median: (values: readonly number[]) => number): string {
  const lines: string[] = [];
  const row = (cells: Array<string | number>) => lines.push(`| ${cells.join(" | ")} |`);
  const timed = (values: readonly number[]) => `${median(values).toFixed(1)} (${values.map((v) => v.toFixed(1)).join(", ")})`;
  for (const [n, at] of Object.entries(r.byN)) {
    const cells = ["Front-ends, N = " + n + `: median (rounds)`, "`preview` (s)", "`up` (s)", "state per resource (bytes)", "`pulumi stack export` as printed ÷ N (bytes)"];
    row(cells);
    row(cells.map(() => "---"));
    for (const kind of FRONTEND_KINDS) {
      const x = at.runs[kind];
      row([FRONTEND_LABELS[kind], timed(x.previewSeconds), timed(x.upSeconds), x.stateBytesPerResource, x.stackBytesPerResource]);
    }
    const { ratios } = at;
    row(["native ÷ do-nothing native (target ≤ 1.1)", ratios.nativePreview.toFixed(2), ratios.nativeUp.toFixed(2), "", ""]);
    row(["dynamic ÷ do-nothing dynamic", ratios.dynamicPreview.toFixed(2), ratios.dynamicUp.toFixed(2), "", ""]);
    row(["native state ÷ dynamic state (target: well under 1)", "", "", ratios.nativeStateToDynamic.toFixed(2), ""]);
    lines.push("");
  }
  return lines.join("\n");
}
