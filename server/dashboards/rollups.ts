/**
 * The dashboard rollups: materialized views (migrations 0008 and 0009) so a dashboard neither scans
 * the appointments table, by far the largest, nor visits six tables once per person:
 * - dashboard_person_facts: one row per person with everything else the measures read, each list
 *   with the dates the measures compare with the period (indexed by site and enrolment date);
 * - dashboard_person_attendance: per person, probation appointments with an attendance outcome
 *   before enrolment and from enrolment on (with the last such day);
 * - dashboard_attendance_days: per site and London day, those on or after each person's enrolment.
 *
 * Refreshed CONCURRENTLY (readers are never blocked; each view has a unique index), one refresh at
 * a time per database handle (single flight: a second caller shares the running one). Run after
 * seeding, by `npm run db:refresh-rollups`, and by the app in the background when they are older
 * than ROLLUP_MAX_AGE_MS. Not "server-only": scripts (seed, benchmark) call it too.
 */
import { eq, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import { dashboardRollupState } from "@/db/schema";

/**
 * Refreshed in two lanes, each on its own connection (Postgres refreshes a view on one core): the
 * person facts, the largest, beside the two attendance views, one after the other. PGlite runs
 * everything one after the other.
 */
const ROLLUP_LANES = [["dashboard_person_facts"], ["dashboard_person_attendance", "dashboard_attendance_days"]] as const;

/** Older than this, the app starts a refresh in the background (the page does not wait for it). */
export const ROLLUP_MAX_AGE_MS = 5 * 60_000;

/** When, how long in all (the lanes overlap), and how long each view took (milliseconds). */
export type RefreshResult = { refreshedAt: Date; ms: number; views: Record<string, number> };

const running = new WeakMap<object, Promise<RefreshResult>>();

/** Refreshes every rollup; concurrent calls on the same database share one refresh. */
export function refreshDashboardRollups(db: Database): Promise<RefreshResult> {
  const current = running.get(db);
  if (current) return current;
  const started = performance.now();
  const job = (async () => {
    // Taken when the refresh starts: the figures describe the data as it was then (or later).
    const refreshedAt = new Date();
    const views: Record<string, number> = {};
    const refresh = async (view: string) => {
      const viewStarted = performance.now();
      await db.execute(sql.raw(`refresh materialized view concurrently "${view}"`));
      views[view] = Math.round(performance.now() - viewStarted);
    };
    await Promise.all(
      ROLLUP_LANES.map(async (lane) => {
        for (const view of lane) await refresh(view);
      }),
    );
    const ms = Math.round(performance.now() - started);
    await db.update(dashboardRollupState).set({ refreshedAt, refreshMs: ms }).where(eq(dashboardRollupState.id, 1));
    return { refreshedAt, ms, views };
  })().finally(() => running.delete(db));
  running.set(db, job);
  return job;
}

/** When the rollups were last refreshed; null if never (then the dashboard reads the base tables). */
export async function rollupsRefreshedAt(db: Executor): Promise<Date | null> {
  const [row] = await db.select({ at: dashboardRollupState.refreshedAt }).from(dashboardRollupState).where(eq(dashboardRollupState.id, 1));
  return row?.at ?? null;
}

/**
 * Starts a refresh without waiting for it when the rollups are older than `maxAgeMs` (or were
 * never refreshed). Failures are reported through `onError`, never thrown at the page.
 */
export function refreshInBackgroundIfStale(db: Database, refreshedAt: Date | null, now: Date, onError: (error: unknown) => void, maxAgeMs = ROLLUP_MAX_AGE_MS): boolean {
  if (refreshedAt !== null && now.getTime() - refreshedAt.getTime() < maxAgeMs) return false;
  if (running.has(db)) return false;
  refreshDashboardRollups(db).catch(onError);
  return true;
}
