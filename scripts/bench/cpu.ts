/**
 * Where the CPU went during a load run, read from Linux's /proc: the whole machine (how much of
 * every core was busy), the `next start` processes, and this process (the load generator). It says
 * whether a run was limited by the machine or by the server's one JavaScript thread (a Node
 * process runs its JavaScript on one core, however many the machine has). Elsewhere than Linux the
 * figures are left out.
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { round } from "./result";

/** Clock ticks per second of /proc's CPU times: 100 on every Linux that Node supports. */
const TICKS_PER_SECOND = 100;

type Sample = { at: number; machineBusy: number; machineTotal: number; servers: number | null; self: number };

export type CpuFigures = {
  /** Share of all the machine's cores that was busy, 0–100. */
  machineBusyPercent: number;
  cores: number;
  /** Cores' worth of CPU used by the server processes together (1 = one core all the time). */
  serverCores: number | null;
  /** How many server processes that is. */
  servers: number;
  /** Cores' worth used by the load generator (this process). */
  loadGeneratorCores: number;
};

/** user+nice+system+irq+softirq+steal, and that plus idle and iowait, from the first line of /proc/stat. */
export function machineTicks(stat: string): { busy: number; total: number } {
  const fields = (stat.split("\n", 1)[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** utime+stime of a process, in ticks, from /proc/<pid>/stat (fields 14 and 15; the name in brackets may hold spaces). */
export function processTicks(stat: string): number {
  const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // `after` starts at field 3 (state), so fields 14 and 15 are at 11 and 12.
  return Number(after[11] ?? 0) + Number(after[12] ?? 0);
}

/** The servers' ticks together; null when there are none or one cannot be read. */
function serverTicks(pids: readonly number[]): number | null {
  if (!pids.length) return null;
  try {
    return pids.reduce((sum, pid) => sum + processTicks(readFileSync(`/proc/${pid}/stat`, "utf8")), 0);
  } catch {
    return null;
  }
}

function sample(serverPids: readonly number[]): Sample | null {
  try {
    const machine = machineTicks(readFileSync("/proc/stat", "utf8"));
    const usage = process.cpuUsage();
    return { at: performance.now(), machineBusy: machine.busy, machineTotal: machine.total, servers: serverTicks(serverPids), self: (usage.user + usage.system) / 1e6 };
  } catch {
    return null; // not Linux
  }
}

/** Runs `work` and says where the CPU went meanwhile (null where /proc cannot be read). */
export async function measureCpu<T>(serverPids: readonly number[], work: () => Promise<T>): Promise<{ value: T; cpu: CpuFigures | null }> {
  const before = sample(serverPids);
  const value = await work();
  const after = sample(serverPids);
  if (!before || !after || after.machineTotal <= before.machineTotal) return { value, cpu: null };
  const seconds = (after.at - before.at) / 1000;
  return {
    value,
    cpu: {
      machineBusyPercent: round((100 * (after.machineBusy - before.machineBusy)) / (after.machineTotal - before.machineTotal)),
      cores: cpus().length,
      serverCores: before.servers !== null && after.servers !== null ? round((after.servers - before.servers) / TICKS_PER_SECOND / seconds, 2) : null,
      servers: serverPids.length,
      loadGeneratorCores: round((after.self - before.self) / seconds, 2),
    },
  };
}

/** One line for the benchmark's notes. */
export function describeCpu(label: string, cpu: CpuFigures | null): string {
  if (!cpu) return `${label}: CPU not measured (no /proc)`;
  const server =
    cpu.serverCores === null ? "server process not measured" : cpu.servers > 1 ? `${cpu.servers} next start processes ${cpu.serverCores} cores together` : `next start ${cpu.serverCores} of a core`;
  return `${label}: machine ${cpu.machineBusyPercent}% busy over ${cpu.cores} cores; ${server}; load generator ${cpu.loadGeneratorCores} of a core`;
}
