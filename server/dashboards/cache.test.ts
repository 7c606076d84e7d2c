import { describe, expect, it } from "vitest";
import { DashboardCache } from "./cache";

describe("DashboardCache", () => {
  it("builds once for concurrent and later requests with the same key", async () => {
    const cache = new DashboardCache<number>();
    let builds = 0;
    const build = () => new Promise<number>((resolve) => setTimeout(() => resolve(++builds), 5));
    const all = await Promise.all(Array.from({ length: 50 }, () => cache.get("k", build, 1000)));
    expect(new Set(all)).toEqual(new Set([1]));
    expect(await cache.get("k", build, 2000)).toBe(1);
    expect(builds).toBe(1);
  });

  it("builds again for another key, after the entry expires, and after a failure", async () => {
    const cache = new DashboardCache<number>(10, 100);
    let builds = 0;
    const build = async () => ++builds;
    expect(await cache.get("a", build, 0)).toBe(1);
    expect(await cache.get("b", build, 0)).toBe(2);
    expect(await cache.get("a", build, 99)).toBe(1);
    expect(await cache.get("a", build, 100)).toBe(3);
    await expect(cache.get("c", () => Promise.reject(new Error("db down")), 0)).rejects.toThrow("db down");
    await Promise.resolve();
    expect(await cache.get("c", build, 1)).toBe(4);
  });

  it("keeps at most maxEntries, dropping the least recently used", async () => {
    const cache = new DashboardCache<string>(2);
    await cache.get("a", async () => "a1", 0);
    await cache.get("b", async () => "b1", 0);
    await cache.get("a", async () => "a2", 1); // a is now the most recent
    await cache.get("c", async () => "c1", 2); // b goes
    expect(cache.size).toBe(2);
    expect(await cache.get("a", async () => "a3", 3)).toBe("a1");
    expect(await cache.get("b", async () => "b2", 3)).toBe("b2");
  });
});
