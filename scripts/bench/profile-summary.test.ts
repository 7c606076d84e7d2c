import { describe, expect, it } from "vitest";
import { busyTimeline, partOf, partTimes, type CpuProfile } from "./profile-summary";

const frame = (functionName: string, url = "") => ({ functionName, url });

describe("partOf", () => {
  it("names the part of the stack a frame belongs to", () => {
    expect(partOf(frame("(garbage collector)"))).toBe("(garbage collector)");
    expect(partOf(frame("hkdf", "node:internal/crypto/hkdf"))).toBe("node: crypto");
    expect(partOf(frame("processChunk", "node:zlib"))).toBe("node: zlib (compression)");
    expect(partOf(frame("promiseInitHook", "node:internal/async_hooks"))).toBe("node: async hooks");
    expect(partOf(frame("q", "file:///srv/.next/server/chunks/ssr/node_modules_drizzle-orm_0ab6lswyw60-r._.js"))).toBe("drizzle-orm");
    expect(partOf(frame("q", "file:///srv/.next/server/chunks/node_modules_@auth_core_1x2._.js"))).toBe("@auth/core");
    expect(partOf(frame("ez", "file:///srv/node_modules/next/dist/compiled/next-server/app-page-turbo.runtime.prod.js"))).toBe("next");
    expect(partOf(frame("n", "file:///srv/.next/server/chunks/ssr/server_appointments_queries_ts_1kuw._.js"))).toBe("app (and packages bundled with it)");
  });
});

// (root) -> app handler (id 2) -> drizzle (id 3) -> zlib (id 4); idle is id 5.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame("(root)"), children: [2, 5] },
    { id: 2, callFrame: frame("handler", "file:///srv/.next/server/app_page._.js"), children: [3] },
    { id: 3, callFrame: frame("build", "file:///srv/.next/server/node_modules_drizzle-orm_1._.js"), children: [4] },
    { id: 4, callFrame: frame("processChunk", "node:zlib") },
    { id: 5, callFrame: frame("(idle)") },
  ],
  startTime: 0,
  // 1 ms per sample: 2 ms in the handler, 3 in drizzle, 1 in zlib, then 4 idle, then 6 in drizzle.
  samples: [2, 2, 3, 3, 3, 4, 5, 5, 5, 5, 3, 3, 3, 3, 3, 3],
  timeDeltas: new Array<number>(16).fill(1000),
};

describe("partTimes", () => {
  it("adds up busy time where each sample was taken and along its stack, leaving idle out", () => {
    const { busyMs, self, inclusive } = partTimes(profile);
    expect(busyMs).toBe(12);
    expect(Object.fromEntries(self)).toEqual({ "app (and packages bundled with it)": 2, "drizzle-orm": 9, "node: zlib (compression)": 1 });
    expect(Object.fromEntries(inclusive)).toEqual({ "app (and packages bundled with it)": 12, "drizzle-orm": 10, "node: zlib (compression)": 1 });
  });

  it("keeps to the window asked for", () => {
    // Samples at 1..16 ms: from 0.0105 s on are the last six (drizzle).
    const { busyMs, self } = partTimes(profile, 0.0105);
    expect(busyMs).toBe(6);
    expect(Object.fromEntries(self)).toEqual({ "drizzle-orm": 6 });
  });
});

describe("busyTimeline", () => {
  it("gives the busy milliseconds of each bucket", () => {
    expect(busyTimeline(profile, 0.005)).toEqual([4, 2, 4, 2]);
  });
});
