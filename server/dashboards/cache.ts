import "server-only";

type Entry<T> = {
  /** The rollup refresh the value was built from (an ISO instant: later ones sort after). */
  version: string;
  /** When the build started. */
  at: number;
  value: Promise<T>;
  /** The value once built: what is served, stale, while a newer one is built. */
  settled?: { value: T };
  /** A build of a newer version running in the background. */
  refreshing?: Promise<unknown>;
};

/**
 * Built dashboards, kept per process. A dashboard read from the rollups is a function of the
 * rollups' refresh (its version), the sites and the period (its key), so many people opening the
 * same dashboard share one computation, and requests that arrive while it runs wait for it
 * instead of starting their own.
 *
 * Stale while revalidate: once a dashboard has been built, a newer refresh of the rollups (or the
 * entry passing `maxAgeMs`) starts a rebuild in the background, and until it is done callers get
 * the dashboard they had, with its own version, so the page says which refresh its figures are as
 * at. A national dashboard takes seconds to build; no one waits for it after each refresh. Only
 * the first request for a key waits. A failed build is never kept (a failed background rebuild
 * leaves the previous dashboard in place and is reported through `onError`). Access control and
 * auditing happen before the cache is asked, on every request.
 */
export class DashboardCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly maxEntries = 200,
    private readonly maxAgeMs = 5 * 60_000,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  get(key: string, version: string, build: () => Promise<T>, now = Date.now()): Promise<{ value: T; version: string }> {
    const entry = this.entries.get(key);
    if (entry) {
      // Most recently used last, so the oldest is the first to go.
      this.entries.delete(key);
      this.entries.set(key, entry);
      const current = entry.version >= version && now - entry.at < this.maxAgeMs;
      if (entry.settled) {
        if (!current && !entry.refreshing) this.rebuildInBackground(key, entry, version > entry.version ? version : entry.version, build, now);
        return Promise.resolve({ value: entry.settled.value, version: entry.version });
      }
      // Still being built: share it unless it is of an older refresh.
      if (entry.version >= version) return entry.value.then((value) => ({ value, version: entry.version }));
    }
    const fresh = this.start(key, version, build, now);
    return fresh.value.then((value) => ({ value, version }));
  }

  get size(): number {
    return this.entries.size;
  }

  private start(key: string, version: string, build: () => Promise<T>, now: number): Entry<T> {
    const entry: Entry<T> = { version, at: now, value: build() };
    this.entries.set(key, entry);
    entry.value.then(
      (value) => {
        entry.settled = { value };
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    this.trim();
    return entry;
  }

  private rebuildInBackground(key: string, stale: Entry<T>, version: string, build: () => Promise<T>, now: number): void {
    let next: Promise<T>;
    try {
      next = build();
    } catch (error) {
      next = Promise.reject(error);
    }
    stale.refreshing = next.then(
      (value) => {
        // Replace the stale entry unless something newer took its place meanwhile.
        const present = this.entries.get(key);
        if (present === stale || present === undefined) {
          this.entries.set(key, { version, at: now, value: Promise.resolve(value), settled: { value } });
          this.trim();
        }
      },
      (error: unknown) => {
        stale.refreshing = undefined;
        this.onError(error);
      },
    );
  }

  private trim(): void {
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }
}
