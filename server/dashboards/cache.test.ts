import { describe, expect, it } from "vitest";
import { DashboardCache } from "./cache";

const V1 = "2026-11-21T10:00:00.000Z";
const V2 = "2026-11-21T10:05:00.000Z";
const V3 = "2026-11-21T10:10:00.000Z";

/** Lets settled promises run their callbacks. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("DashboardCache", () => {
  it("builds once for concurrent and later requests with the same key and version", async () => {
    const cache = new DashboardCache<number>();
    let builds = 0;
    const build = () => new Promise<number>((resolve) => setTimeout(() => resolve(++builds), 5));
    const all = await Promise.all(Array.from({ length: 50 }, () => cache.get("k", V1, build, 1000)));
    expect(new Set(all.map((r) => r.value))).toEqual(new Set([1]));
    expect(await cache.get("k", V1, build, 2000)).toEqual({ value: 1, version: V1 });
    expect(builds).toBe(1);
  });

  it("after a newer refresh, answers at once with the dashboard it has (and its version) while one rebuild runs", async () => {
    const cache = new DashboardCache<string>();
    await cache.get("k", V1, async () => "as at V1", 0);
    let rebuilds = 0;
    let finish: (v: string) => void = () => {};
    const slow = () => {
      rebuilds++;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    expect(await cache.get("k", V2, slow, 10)).toEqual({ value: "as at V1", version: V1 });
    expect(await cache.get("k", V2, slow, 11)).toEqual({ value: "as at V1", version: V1 });
    expect(rebuilds).toBe(1);
    finish("as at V2");
    await flush();
    expect(await cache.get("k", V2, slow, 12)).toEqual({ value: "as at V2", version: V2 });
    // A request that read the refresh time just before the newer one keeps the newer figures.
    expect(await cache.get("k", V1, slow, 13)).toEqual({ value: "as at V2", version: V2 });
    expect(rebuilds).toBe(1);
  });

  it("waits for the first build of a key, and never keeps a failed one", async () => {
    const cache = new DashboardCache<number>();
    await expect(cache.get("c", V1, () => Promise.reject(new Error("db down")), 0)).rejects.toThrow("db down");
    await flush();
    expect(await cache.get("c", V1, async () => 4, 1)).toEqual({ value: 4, version: V1 });
  });

  it("keeps the dashboard it has when a background rebuild fails, reports it, and tries again later", async () => {
    const errors: unknown[] = [];
    const cache = new DashboardCache<string>(10, 60_000, (e) => errors.push(e));
    await cache.get("k", V1, async () => "v1", 0);
    expect(await cache.get("k", V2, () => Promise.reject(new Error("db down")), 1)).toEqual({ value: "v1", version: V1 });
    await flush();
    expect(errors).toHaveLength(1);
    expect(await cache.get("k", V3, async () => "v3", 2)).toEqual({ value: "v1", version: V1 });
    await flush();
    expect(await cache.get("k", V3, async () => "never", 3)).toEqual({ value: "v3", version: V3 });
  });

  it("rebuilds in the background once an entry is older than maxAgeMs", async () => {
    const cache = new DashboardCache<number>(10, 100);
    let builds = 0;
    const build = async () => ++builds;
    expect((await cache.get("a", V1, build, 0)).value).toBe(1);
    expect((await cache.get("a", V1, build, 99)).value).toBe(1);
    expect((await cache.get("a", V1, build, 100)).value).toBe(1);
    await flush();
    expect((await cache.get("a", V1, build, 101)).value).toBe(2);
  });

  it("keeps at most maxEntries, dropping the least recently used", async () => {
    const cache = new DashboardCache<string>(2);
    await cache.get("a", V1, async () => "a1", 0);
    await cache.get("b", V1, async () => "b1", 0);
    await cache.get("a", V1, async () => "a2", 1); // a is now the most recent
    await cache.get("c", V1, async () => "c1", 2); // b goes
    expect(cache.size).toBe(2);
    expect((await cache.get("a", V1, async () => "a3", 3)).value).toBe("a1");
    expect((await cache.get("b", V1, async () => "b2", 3)).value).toBe("b2");
  });
});
