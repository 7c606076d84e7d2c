/**
 * Where a `next start`'s CPU went, from the V8 profile it writes with BENCH_CPU_PROFILE_DIR
 * (http.ts): busy time per part of the stack (Node's own modules, each package, the app's code,
 * the garbage collector), within a window of the run, so one load run can be picked out. The load
 * runs' CPU notes (cpu.ts) give the total; this says which code to blame for it.
 *
 *   npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--from=<s>] [--to=<s>]
 *
 * Without a window it first prints how busy the process was in each 5 s of the profile, which is
 * where the load runs show.
 */
import { readFileSync } from "node:fs";
import { argValue } from "../lib/args";

/** The parts of a .cpuprofile (Chrome DevTools' format) read here. */
export type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  /** Microseconds since the previous sample. */
  timeDeltas: number[];
};

/** Each sample that was not idle, with when it was taken (ms from the profile's start) and the ms it stands for. */
function* busySamples(profile: CpuProfile): Generator<{ id: number; atMs: number; ms: number }> {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  let atMs = 0;
  for (const [i, id] of profile.samples.entries()) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    atMs += ms;
    if (!idle.has(id)) yield { id, atMs, ms };
  }
}

export type PartTimes = { busyMs: number; self: Map<string, number>; inclusive: Map<string, number> };

/**
 * The part of the stack a frame belongs to. The app is bundled by Turbopack, whose chunk names
 * keep the package's name (`node_modules_drizzle-orm_<hash>.js`); a chunk that mixes the app with
 * packages counts as the app.
 */
export function partOf(frame: { functionName: string; url: string }): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "V8 and native code";
  if (url.startsWith("node:")) {
    const nodeModule = url.replace(/^node:(internal\/)?/, "");
    if (nodeModule.startsWith("crypto") || nodeModule.startsWith("webcrypto")) return "node: crypto";
    if (nodeModule.startsWith("async_hooks") || nodeModule.startsWith("async_context")) return "node: async hooks";
    if (nodeModule.startsWith("zlib")) return "node: zlib (compression)";
    if (/^(_http|http|net|stream|streams|webstreams|deps\/undici)/.test(nodeModule)) return "node: http, net and streams";
    return "node: other";
  }
  const pkg = /node_modules[_/](@[^_/]+[_/])?([^_/]+)/.exec(url);
  if (pkg) return pkg[1] ? `${pkg[1].slice(0, -1)}/${pkg[2]}` : (pkg[2] ?? "packages");
  if (url.includes("/next/dist/") || url.includes("runtime.prod")) return "next";
  return "app (and packages bundled with it)";
}

/**
 * Busy time per part, within [fromS, toS) seconds of the profile's start: `self` where the sample
 * was taken, `inclusive` wherever the part is on the stack. Idle samples are left out.
 */
export function partTimes(profile: CpuProfile, fromS = 0, toS = Number.POSITIVE_INFINITY): PartTimes {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  let busyMs = 0;
  for (const { id: sample, atMs, ms: deltaMs } of busySamples(profile)) {
    const node = byId.get(sample);
    if (!node || atMs < fromS * 1000 || atMs >= toS * 1000) continue;
    busyMs += deltaMs;
    add(self, partOf(node.callFrame), deltaMs);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (!frame || frame.functionName === "(root)") continue;
      const part = partOf(frame);
      if (seen.has(part)) continue;
      seen.add(part);
      add(inclusive, part, deltaMs);
    }
  }
  return { busyMs, self, inclusive };
}

/** Busy milliseconds in each `bucketS` seconds of the profile, to find the load runs in it. */
export function busyTimeline(profile: CpuProfile, bucketS = 5): number[] {
  const out: number[] = [];
  for (const { atMs, ms } of busySamples(profile)) {
    const bucket = Math.floor(atMs / (bucketS * 1000));
    while (out.length <= bucket) out.push(0);
    out[bucket] = (out[bucket] ?? 0) + ms;
  }
  return out;
}

function main(): void {
  const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
  if (!file) throw new Error("Usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--from=<s>] [--to=<s>]");
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const from = Number(argValue("from") ?? 0);
  const to = Number(argValue("to") ?? Number.POSITIVE_INFINITY);
  if (argValue("from") === undefined && argValue("to") === undefined) {
    console.log("Busy per 5 s (% of one core), from the start of the profile:");
    console.log(busyTimeline(profile).map((ms, i) => `${i * 5}s ${Math.round(ms / 50)}%`).join(", "));
  }
  const { busyMs, self, inclusive } = partTimes(profile, from, to);
  const rows = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([part, ms]) => `  ${(ms / 1000).toFixed(1).padStart(8)} s ${((100 * ms) / busyMs).toFixed(1).padStart(5)}%  ${part}`)
      .join("\n");
  console.log(`\nBusy ${(busyMs / 1000).toFixed(1)} s between ${from} s and ${Number.isFinite(to) ? `${to} s` : "the end"}.`);
  console.log(`\nWhere the samples were taken (self):\n${rows(self)}`);
  console.log(`\nOn the stack (inclusive; a sample counts once per part):\n${rows(inclusive)}`);
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (error: unknown) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
