import { describe, expect, it } from "vitest";
import { describeCpu, machineTicks, measureCpu, processTicks } from "./cpu";

describe("reading /proc", () => {
  it("adds the busy and idle ticks of the machine's first /proc/stat line", () => {
    const stat = "cpu  100 5 50 800 20 3 2 10 0 0\ncpu0 50 2 25 400 10 1 1 5 0 0\n";
    // busy: user 100 + nice 5 + system 50 + irq 3 + softirq 2 + steal 10; idle 800 and iowait 20 on top.
    expect(machineTicks(stat)).toEqual({ busy: 170, total: 990 });
  });

  it("reads a process's user and system ticks after its name, even a name with spaces and brackets", () => {
    // Fields 14 (utime) and 15 (stime) are 1234 and 56.
    const stat = "4321 (next-server (v16) x) S 1 4321 4321 0 -1 4194560 9000 0 0 0 1234 56 0 0 20 0 11 0 777 1000000 5000";
    expect(processTicks(stat)).toBe(1290);
  });
});

describe("measureCpu", () => {
  it("passes the work's value through and, on Linux, says how busy the machine and this process were", async () => {
    const { value, cpu } = await measureCpu([], async () => {
      const until = performance.now() + 150;
      while (performance.now() < until); // busy on one core (more than a fifth of it, even beside other test files)
      return 42;
    });
    expect(value).toBe(42);
    if (process.platform !== "linux") return expect(cpu).toBeNull();
    expect(cpu?.serverCores).toBeNull();
    expect(cpu?.loadGeneratorCores).toBeGreaterThan(0.2);
    expect(cpu?.machineBusyPercent).toBeGreaterThan(0);
    expect(cpu?.machineBusyPercent).toBeLessThanOrEqual(100);
  });

  it("measures other processes by their pids, added together (here, this one twice)", async () => {
    if (process.platform !== "linux") return;
    const busy = async () => {
      const until = performance.now() + 200;
      while (performance.now() < until);
    };
    const once = (await measureCpu([process.pid], busy)).cpu;
    const twice = (await measureCpu([process.pid, process.pid], busy)).cpu;
    expect(once?.serverCores).toBeGreaterThan(0.2);
    expect(once?.servers).toBe(1);
    // The same ticks counted for each pid: twice one process's share, give or take the sampling.
    expect(twice?.serverCores).toBeGreaterThan(0.4);
    expect(twice?.servers).toBe(2);
  });

  it("leaves the servers unmeasured when a pid cannot be read", async () => {
    if (process.platform !== "linux") return;
    const { cpu } = await measureCpu([process.pid, 2 ** 30], () => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(cpu).not.toBeNull();
    expect(cpu?.serverCores).toBeNull();
    expect(cpu?.servers).toBe(2);
  });
});

describe("describeCpu", () => {
  it("writes one line for the notes", () => {
    expect(describeCpu("dashboard CPU", { machineBusyPercent: 68.5, cores: 2, serverCores: 0.98, servers: 1, loadGeneratorCores: 0.12 })).toBe(
      "dashboard CPU: machine 68.5% busy over 2 cores; next start 0.98 of a core; load generator 0.12 of a core",
    );
    expect(describeCpu("dashboard CPU", { machineBusyPercent: 91, cores: 2, serverCores: 1.62, servers: 2, loadGeneratorCores: 0.1 })).toBe(
      "dashboard CPU: machine 91% busy over 2 cores; 2 next start processes 1.62 cores together; load generator 0.1 of a core",
    );
    expect(describeCpu("x", null)).toBe("x: CPU not measured (no /proc)");
  });
});
