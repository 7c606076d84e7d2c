import "server-only";

/**
 * Built dashboards, kept per process. A dashboard read from the rollups is a function of the
 * rollups' refresh time, the sites and the period, so many people opening the same dashboard
 * between two refreshes share one computation (and requests that arrive while it runs wait for
 * it instead of starting their own). Entries also expire after `maxAgeMs`, and a failed build is
 * never kept. Access control and auditing happen before the cache is asked, on every request.
 */
export class DashboardCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly maxEntries = 200,
    private readonly maxAgeMs = 5 * 60_000,
  ) {}

  get(key: string, build: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.maxAgeMs) {
      // Most recently used last, so the oldest is the first to go.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = build();
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
