/**
 * `npm run bench`: what pulumi-novu costs, measured on this machine in one run, through the real
 * Pulumi CLI against the emulator:
 *
 * 1. state: bytes of the serialized `__provider` (stored twice per resource) and of each resource;
 * 2. HTTP requests per phase for N = 10 and 100 (create, no-op up, up --refresh, refresh, one change);
 * 3. wall time of an `up` creating 100 integrations, against the same resources with a do-nothing
 *    dynamic provider (the engine's floor);
 * 4. 100 creates under the emulator's rate limit of 10 requests/s, against the theoretical minimum;
 * 5. what `npm run pulumi` adds to every command when nothing changed (npm, the stale check, setup);
 * 6. the two front-ends side by side for N = 20 and 100 (dev/bench/frontends.ts): `preview` and
 *    `up` of the dynamic `Integration` and of the native `novu.Integration`, each against a
 *    do-nothing provider of its kind, and the state per resource of each.
 *
 * Rounds of the timed comparisons: 7 for `wall` and `wrapper`, 3 for `frontends`, or
 * $PULUMI_NOVU_BENCH_ROUNDS for all. $PULUMI_NOVU_BENCH_FRONTENDS_N (e.g. "5") replaces the sizes
 * of `frontends`, for trying the bench out quickly.
 *
 * Prints progress and a table, and writes the figures as JSON (and the table as Markdown) to
 * bench-results/ (git-ignored), or to $PULUMI_NOVU_BENCH_DIR.
 */
import type * as automation from "@pulumi/pulumi/automation";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { countByRoute, EmulatorLog } from "./bench/emulator-log";
import { declarations, integrationsProgram, noopProgram, novuConfig } from "./bench/programs";
import { type BenchWorkspace, benchWorkspace } from "./bench/pulumi-workspace";
import { type FrontendsResult, measureFrontends, renderFrontends } from "./bench/frontends";
import { measureWrapper, type WrapperResult } from "./bench/wrapper";
import { packageRoot } from "../tools/package-root";

const INTEGRATION_TYPE = "pulumi-nodejs:dynamic/novu:Integration";
/** Novu's bucket for a rate of r/s: 5 s windows, r × 5 tokens per window, a 10 % burst on top (§10). */
const RATE = 10;
const WINDOW_S = 5;
const BURST = Math.floor(RATE * WINDOW_S * 1.1);

/** Rounds of the timed comparisons; the median counts (one slow round on a busy machine is common). */
const ROUNDS = roundsFromEnv() ?? 7;
/** Four stacks a round, so fewer rounds than `wall`. */
const FRONTEND_ROUNDS = roundsFromEnv() ?? 3;
const FRONTEND_SIZES = sizesFromEnv() ?? [20, 100];

function roundsFromEnv(): number | undefined {
  const text = process.env.PULUMI_NOVU_BENCH_ROUNDS;
  if (!text) return undefined;
  const rounds = Number(text);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`PULUMI_NOVU_BENCH_ROUNDS must be a whole number ≥ 1, not "${text}"`);
  return rounds;
}

function sizesFromEnv(): number[] | undefined {
  const text = process.env.PULUMI_NOVU_BENCH_FRONTENDS_N;
  if (!text) return undefined;
  const sizes = text.split(",").map((t) => Number(t.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`PULUMI_NOVU_BENCH_FRONTENDS_N must be whole numbers ≥ 1, comma-separated, not "${text}"`);
  return sizes;
}

const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);

interface PhaseResult {
  readonly phase: string;
  readonly seconds: number;
  readonly requests: number;
  readonly routes: Record<string, number>;
}

interface SizeResult {
  /** One copy of `__provider` (it is stored in the inputs and in the outputs). */
  readonly providerBytes: number;
  /** The resource's whole entry in `pulumi stack export`, `__provider` twice included. */
  readonly stateBytesPerResource: number;
}

interface RateLimitResult {
  readonly clientLimit: string;
  /** `pulumi up --parallel`; the CLI's default is 4 × the CPUs. */
  readonly parallel: string;
  /** Requests Novu answered (429s not counted). */
  readonly requests: number;
  readonly rateLimited: number;
  readonly failedResources: number;
  /** The whole `pulumi up`, engine start and end included. */
  readonly upSeconds: number;
  /** The issue's theoretical minimum: requests ÷ rate. */
  readonly minimumSeconds: number;
  /** upSeconds ÷ minimumSeconds: the target is ≤ 1.3. */
  readonly ratio: number;
  /** From the first request's arrival at the emulator to the end of the last one. */
  readonly requestSpanSeconds: number;
  /**
   * A stricter floor that credits Novu's burst: (requests − burst) ÷ rate, as if the bucket
   * refilled continuously. Novu's refills in whole 5-second windows, so no client reaches it.
   */
  readonly burstMinimumSeconds: number;
  /** requestSpanSeconds ÷ burstMinimumSeconds. */
  readonly burstRatio: number;
}

const SECTIONS = ["requests", "wall", "rate", "wrapper", "frontends"] as const;
type Section = (typeof SECTIONS)[number];

/** `npm run bench -- wall rate` runs only those sections; no argument runs them all. */
function sectionsFromArgs(args: readonly string[]): ReadonlySet<Section> {
  const unknown = args.filter((a) => !(SECTIONS as readonly string[]).includes(a));
  if (unknown.length > 0) throw new Error(`unknown bench section ${unknown.map((a) => `"${a}"`).join(", ")}; sections: ${SECTIONS.join(", ")}`);
  return new Set(args.length > 0 ? (args as Section[]) : SECTIONS);
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadStart = loadAverage();
  const sections = sectionsFromArgs(process.argv.slice(2));
  const root = packageRoot(__dirname);
  const outDir = path.resolve(process.env.PULUMI_NOVU_BENCH_DIR ?? path.join(root, "bench-results"));
  say(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? "unknown"})`);
  const ws = await benchWorkspace((l) => say(l));
  say(`Pulumi CLI v${ws.cliVersion}`);

  try {
    const phases: Record<number, PhaseResult[]> = {};
    const sizes: Record<number, SizeResult> = {};
    for (const n of sections.has("requests") ? [10, 100] : []) {
      const { results, size } = await requestPhases(ws, n);
      phases[n] = results;
      sizes[n] = size;
    }

    const wall = sections.has("wall") ? await wallTime(ws) : undefined;
    const rateLimited = sections.has("rate")
      ? [await rateLimitedCreate(ws, RATE, undefined), await rateLimitedCreate(ws, RATE, 64), await rateLimitedCreate(ws, undefined, undefined)]
      : undefined;

    let wrapper: WrapperResult | undefined;
    if (sections.has("wrapper")) {
      say("wrapper: `npm run pulumi -- version` against `pulumi version`, nothing changed…");
      wrapper = measureWrapper(root, ws.cliBinDir, ROUNDS, median);
      say(`  overhead ${fmt(wrapper.overheadSeconds)} s per command`);
    }

    const frontends = sections.has("frontends") ? await measureFrontends(ws, { sizes: FRONTEND_SIZES, rounds: FRONTEND_ROUNDS, say, median }) : undefined;

    const results: BenchResults = {
      at: new Date().toISOString(),
      machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim(), platform: `${os.platform()} ${os.release()}` },
      pulumiCli: ws.cliVersion,
      sizes,
      phases,
      wallTime: wall,
      rateLimit: rateLimited && { ratePerSecond: RATE, windowSeconds: WINDOW_S, burst: BURST, runs: rateLimited },
      wrapper,
      frontends,
      load: { start: loadStart, end: loadAverage() },
      benchSeconds: (Date.now() - started) / 1000,
    };
    const table = render(results);
    process.stdout.write(`\n${table}\n`);
    fs.mkdirSync(outDir, { recursive: true });
    // A run of some sections must not overwrite the figures of a whole run.
    const name = sections.size === SECTIONS.length ? "latest" : `partial-${[...sections].join("-")}`;
    const json = path.join(outDir, `${name}.json`);
    fs.writeFileSync(json, JSON.stringify(results, null, 2) + "\n");
    fs.writeFileSync(path.join(outDir, `${name}.md`), table + "\n");
    say(`wrote ${json} (and ${name}.md) in ${fmt(results.benchSeconds)} s`);
  } finally {
    ws.cleanup();
  }
}

interface WallTimeResult {
  readonly novuSeconds: number[];
  readonly noopSeconds: number[];
  /** The do-nothing provider's `__provider` (one copy), for comparison with ours. */
  readonly noopProviderBytes: number;
  readonly ratioOfMedians: number;
}

interface BenchResults {
  readonly at: string;
  readonly machine: { node: string; cpus: number; cpuModel?: string; platform: string };
  readonly pulumiCli: string;
  readonly sizes: Record<number, SizeResult>;
  readonly phases: Record<number, PhaseResult[]>;
  readonly wallTime?: WallTimeResult;
  readonly rateLimit?: { ratePerSecond: number; windowSeconds: number; burst: number; runs: RateLimitResult[] };
  readonly wrapper?: WrapperResult;
  readonly frontends?: FrontendsResult;
  /** The machine's load average (1, 5, 15 min) at the start and the end: timings on a busy machine are noisy. */
  readonly load: { start: number[]; end: number[] };
  readonly benchSeconds: number;
}

async function wallTime(ws: BenchWorkspace): Promise<WallTimeResult> {
  say(`wall time: up creating 100 integrations vs the same resources with a do-nothing provider (${ROUNDS} rounds after a warm-up)`);
  // Inline programs run in this process, so whichever kind runs first would also pay one-time costs
  // that a real \`pulumi up\` (a fresh program process) charges to both, such as Pulumi's first
  // closure serialization (~0.25 s). A warm-up round of each takes them out of the comparison.
  await timedCreate(ws, "bench-wall-warmup-novu", "novu");
  await timedCreate(ws, "bench-wall-warmup-noop", "noop");
  const novuSeconds: number[] = [];
  const noopSeconds: number[] = [];
  let noopProviderBytes = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    novuSeconds.push((await timedCreate(ws, `bench-wall-novu-${round}`, "novu")).seconds);
    const noop = await timedCreate(ws, `bench-wall-noop-${round}`, "noop");
    noopSeconds.push(noop.seconds);
    noopProviderBytes = noop.providerBytes;
    say(`  round ${round}: pulumi-novu ${fmt(novuSeconds.at(-1)!)} s, do-nothing ${fmt(noop.seconds)} s`);
  }
  return { novuSeconds, noopSeconds, noopProviderBytes, ratioOfMedians: median(novuSeconds) / median(noopSeconds) };
}

async function requestPhases(ws: BenchWorkspace, n: number): Promise<{ results: PhaseResult[]; size: SizeResult }> {
  const emulator = await startEmulator({ port: 0 });
  const log = new EmulatorLog(emulator.url);
  try {
    let current = declarations(n);
    const stack = await ws.stack(`bench-requests-${n}`, integrationsProgram(() => current), novuConfig(emulator));
    const results: PhaseResult[] = [];
    const phase = async (label: string, run: () => Promise<unknown>) => {
      say(`N=${n}: ${label}…`);
      await log.clear();
      const t = Date.now();
      await run();
      const seconds = (Date.now() - t) / 1000;
      const requests = await log.requests();
      results.push({ phase: label, seconds, requests: requests.length, routes: countByRoute(requests) });
      say(`  ${fmt(seconds)} s, ${requests.length} request${requests.length === 1 ? "" : "s"} ${routesText(countByRoute(requests))}`.trimEnd());
    };
    await phase("up (create)", () => stack.up());
    await phase("up, nothing changed", () => stack.up());
    await phase("up --refresh, nothing changed", () => stack.up({ refresh: true }));
    await phase("refresh", () => stack.refresh());
    current = declarations(n, "int-1");
    await phase("up, one name changed", () => stack.up());

    const exported = JSON.parse(await ws.exportState(stack)) as { deployment: { resources: Array<{ type: string; inputs?: Record<string, unknown> }> } };
    const resources = exported.deployment.resources.filter((r) => r.type === INTEGRATION_TYPE);
    const providerBytes = Buffer.byteLength(String(resources[0]?.inputs?.__provider ?? ""));
    const stateBytes = resources.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0);
    return { results, size: { providerBytes, stateBytesPerResource: Math.round(stateBytes / resources.length) } };
  } finally {
    await emulator.close();
  }
}

async function timedCreate(ws: BenchWorkspace, project: string, kind: "novu" | "noop"): Promise<{ seconds: number; providerBytes: number }> {
  const emulator = await startEmulator({ port: 0 });
  try {
    const current = declarations(100);
    const program = kind === "novu" ? integrationsProgram(() => current) : noopProgram(() => current);
    const stack = await ws.stack(project, program, novuConfig(emulator));
    const t = Date.now();
    await stack.up();
    const seconds = (Date.now() - t) / 1000;
    const exported = (await stack.exportStack()).deployment as { resources?: Array<{ inputs?: Record<string, unknown> }> };
    const provider = exported.resources?.find((r) => typeof r.inputs?.__provider === "string")?.inputs?.__provider;
    return { seconds, providerBytes: Buffer.byteLength(String(provider ?? "")) };
  } finally {
    await emulator.close();
  }
}

/**
 * 100 creates against an emulator limited to `RATE` requests/s. `clientLimit` undefined = our
 * default (25/s); `parallel` undefined = the CLI's default (4 × CPUs).
 */
async function rateLimitedCreate(ws: BenchWorkspace, clientLimit: number | undefined, parallel: number | undefined): Promise<RateLimitResult> {
  const label = clientLimit === undefined ? "default (25/s)" : `${clientLimit}/s`;
  const parallelLabel = parallel === undefined ? `default (${4 * os.cpus().length})` : String(parallel);
  say(`rate limit: 100 creates, emulator at ${RATE} requests/s, novu:maxRequestsPerSecond ${label}, --parallel ${parallelLabel}…`);
  const emulator = await startEmulator({ port: 0, rateLimitPerSecond: RATE });
  const log = new EmulatorLog(emulator.url);
  try {
    const current = declarations(100);
    const extra: automation.ConfigMap = clientLimit === undefined ? {} : { "novu:maxRequestsPerSecond": { value: String(clientLimit) } };
    const stack = await ws.stack(`bench-rate-${clientLimit ?? "default"}-${parallel ?? "default"}`, integrationsProgram(() => current), novuConfig(emulator, extra));
    const t = Date.now();
    const failure = await stack.up(parallel === undefined ? {} : { parallel }).then(
      () => undefined,
      (err: unknown) => err,
    );
    const upSeconds = (Date.now() - t) / 1000;
    if (failure) say(`  up failed: ${String(failure).split("\n").find((l) => l.includes("error:")) ?? String(failure).slice(0, 200)}`);
    const exported = JSON.parse(await ws.exportState(stack)) as { deployment: { resources?: Array<{ type: string }> } };
    const created = (exported.deployment.resources ?? []).filter((r) => r.type === INTEGRATION_TYPE).length;
    const requests = await log.requests();
    const ok = requests.filter((r) => r.status !== 429);
    const begin = Math.min(...requests.map((r) => Date.parse(r.at)));
    const end = Math.max(...requests.map((r) => Date.parse(r.at) + r.durationMs));
    const requestSpanSeconds = (end - begin) / 1000;
    const burstMinimumSeconds = Math.max(0, ok.length - BURST) / RATE;
    const result: RateLimitResult = {
      clientLimit: label,
      parallel: parallelLabel,
      requests: ok.length,
      rateLimited: requests.length - ok.length,
      failedResources: 100 - created,
      upSeconds,
      minimumSeconds: ok.length / RATE,
      ratio: upSeconds / (ok.length / RATE),
      requestSpanSeconds,
      burstMinimumSeconds,
      burstRatio: burstMinimumSeconds > 0 ? requestSpanSeconds / burstMinimumSeconds : NaN,
    };
    say(`  up ${fmt(upSeconds)} s; requests ${result.requests} + ${result.rateLimited} × 429 over ${fmt(requestSpanSeconds)} s; ${result.failedResources} failed`);
    return result;
  } finally {
    await emulator.close();
  }
}

function render(r: BenchResults): string {
  const lines: string[] = [];
  const row = (cells: Array<string | number>) => lines.push(`| ${cells.join(" | ")} |`);
  const head = (cells: string[]) => {
    row(cells);
    row(cells.map(() => "---"));
  };
  lines.push(`pulumi-novu bench, ${r.at.slice(0, 16).replace("T", " ")} UTC: Node ${r.machine.node}, ${r.machine.cpus} CPUs (${r.machine.cpuModel ?? "?"}), Pulumi CLI v${r.pulumiCli}, load average ${r.load.start.join(", ")} at the start, ${r.load.end.join(", ")} at the end`, "");

  const small = r.sizes[10];
  const large = r.sizes[100];
  if (small && large) {
    head(["State", "N = 10", "N = 100", "Target"]);
    row(["`__provider`, one copy (bytes)", small.providerBytes, large.providerBytes, "≤ 2048"]);
    row(["`__provider` per resource, stored twice (bytes)", 2 * small.providerBytes, 2 * large.providerBytes, ""]);
    row(["state per resource, `pulumi stack export` (bytes)", small.stateBytesPerResource, large.stateBytesPerResource, ""]);
    lines.push("");

    const targets: Record<string, string> = {
      // One GET /v1/environments/me per provider process: which environment the key reaches (docs/environments.md).
      "up, nothing changed": "≤ 1 environment",
      "up --refresh, nothing changed": "≤ 1 list per environment",
      refresh: "≤ 1 list per environment",
      "up, one name changed": "exactly 1 PUT",
    };
    head(["HTTP requests (and time) per phase", "N = 10", "N = 100", "Target"]);
    for (const [i, p] of (r.phases[10] ?? []).entries()) {
      const q = r.phases[100]![i]!;
      const cell = (x: PhaseResult) => [String(x.requests), routesText(x.routes), `(${fmt(x.seconds)} s)`].filter(Boolean).join(" ");
      row([p.phase, cell(p), cell(q), targets[p.phase] ?? ""]);
    }
    lines.push("");
  }

  if (r.wallTime) {
    head(["`up` creating 100 integrations (s)", "Rounds", "Median"]);
    const wallRow = (label: string, seconds: number[]) => row([label, seconds.map(fmt).join(", "), fmt(median(seconds))]);
    wallRow("pulumi-novu against the emulator", r.wallTime.novuSeconds);
    wallRow(`do-nothing dynamic provider (\`__provider\` ${r.wallTime.noopProviderBytes} bytes)`, r.wallTime.noopSeconds);
    row(["ratio pulumi-novu ÷ do-nothing (target ≤ 1.2)", "", r.wallTime.ratioOfMedians.toFixed(2)]);
    lines.push("");
  }

  if (r.rateLimit) {
    lines.push(
      `100 creates, emulator rate limit ${RATE} requests/s (Novu's bucket: ${RATE * WINDOW_S} per ${WINDOW_S} s window plus a 10 % burst, ${BURST} in the first window). ` +
        `Minimum = requests ÷ ${RATE}/s; ratio = the whole \`up\` ÷ minimum. Stricter, crediting the burst: request span (first request's arrival to last answer) ÷ ((requests − ${BURST}) ÷ ${RATE}/s).`,
      "",
    );
    head(["novu:maxRequestsPerSecond", "`--parallel`", "Requests", "429s", "Failed", "`up` (s)", "Minimum (s)", "Ratio (target ≤ 1.3)", "Request span (s)", "Burst-credited minimum (s)", "Span ÷ burst-credited minimum"]);
    for (const x of r.rateLimit.runs) {
      row([x.clientLimit, x.parallel, x.requests, x.rateLimited, x.failedResources, fmt(x.upSeconds), fmt(x.minimumSeconds), x.ratio.toFixed(2), fmt(x.requestSpanSeconds), fmt(x.burstMinimumSeconds), x.burstRatio.toFixed(2)]);
    }
  }
  if (r.wrapper) {
    const w = r.wrapper;
    const cells = (v: readonly number[]) => v.map((x) => x.toFixed(2)).join(", ");
    head(["`npm run pulumi` overhead, nothing changed (s)", "Rounds", "Median"]);
    row(["`pulumi version` run directly", cells(w.directSeconds), median(w.directSeconds).toFixed(2)]);
    row(["`npm run pulumi -- version`", cells(w.wrapperSeconds), median(w.wrapperSeconds).toFixed(2)]);
    row(["of which the stale check (`scripts/build-if-stale.js`)", cells(w.staleCheckSeconds), median(w.staleCheckSeconds).toFixed(2)]);
    row(["overhead per command (median difference)", "", w.overheadSeconds.toFixed(2)]);
    lines.push("");
  }
  if (r.frontends) lines.push(renderFrontends(r.frontends, median));
  return lines.join("\n").trimEnd();
}

const ROUTE_NAMES: Record<string, string> = {
  "GET /v1/integrations": "list",
  "GET /v1/environments/me": "environment",
  "POST /v1/integrations": "create",
  "PUT /v1/integrations/:id": "PUT",
  "POST /v1/integrations/:id/set-primary": "set-primary",
  "DELETE /v1/integrations/:id": "DELETE",
};

function routesText(routes: Record<string, number>): string {
  const parts = Object.entries(routes).map(([route, count]) => `${ROUTE_NAMES[route] ?? route} ${count}`);
  return parts.length > 0 ? `(${parts.join(", ")})` : "";
}

function loadAverage(): number[] {
  return os.loadavg().map((l) => Number(l.toFixed(2)));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function fmt(seconds: number): string {
  return seconds.toFixed(1);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
