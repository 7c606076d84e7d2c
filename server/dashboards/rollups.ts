/**
 * The dashboard rollups, so a dashboard neither scans the appointments table, by far the largest,
 * nor visits six tables once per person:
 * - dashboard_person_facts (a materialized view, migrations 0009, 0011, 0013 and 0014): one row per person with
 *   everything the measures read apart from probation attendance, each list with the dates the
 *   measures compare with the period (indexed by site and enrolment date). Refreshed: the figures
 *   it gives are as at its last refresh.
 * - dashboard_person_attendance and dashboard_attendance_days (tables, migration 0012): probation
 *   appointments with an attendance outcome, per person (before enrolment and from it on, with the
 *   last such day) and per site and London day. Kept current by triggers on appointments and
 *   people as each is written, so never refreshed: rebuilding them read every appointment twice.
 *
 * The facts are refreshed by building the view afresh beside the old one and swapping them
 * (rebuildView), one refresh at a time per database handle (single flight: a second caller shares
 * the running one) and one at a time in the database (an advisory lock, for several app
 * processes). Run after seeding, by `npm run db:refresh-rollups`, and by the app in the
 * background when they are older than ROLLUP_MAX_AGE_MS. Not "server-only": scripts (seed,
 * benchmark) call it too.
 */
import { eq, sql } from "drizzle-orm";
import { rowsOf, type Database, type Executor, type Transaction } from "@/db/client";
import { dashboardRollupState } from "@/db/schema";

/** The rollups that are refreshed (the attendance tables are kept current instead). */
const REFRESHED_VIEWS = ["dashboard_person_facts"] as const;

/** Older than this, the app starts a refresh in the background (the page does not wait for it). */
export const ROLLUP_MAX_AGE_MS = 5 * 60_000;

/**
 * When, how long in all, and how long each view took (milliseconds). `skipped`: nothing was
 * rebuilt, because another process refreshed the rollups first (`refreshedAt` is that refresh).
 */
export type RefreshResult = { refreshedAt: Date; ms: number; views: Record<string, number>; skipped?: true };

const running = new WeakMap<object, Promise<RefreshResult>>();

/** The advisory lock a refresh holds, so that processes take turns. */
export const ROLLUP_REFRESH_LOCK = "dashboard rollups refresh";

/**
 * Refreshes every rollup; concurrent calls on the same database handle share one refresh, and
 * processes take turns. The views and the time they are as at change in one transaction, so no
 * reader sees new figures with an old time.
 *
 * `unlessRefreshedSince`, for a refresh started because the rollups looked stale: the refresh
 * time the caller saw (null: never refreshed). If another process has refreshed them since (this
 * one waited for it), nothing is rebuilt: several app processes behind a balancer all see the
 * rollups go stale, and each rebuild costs seconds of the database's time.
 */
export function refreshDashboardRollups(db: Database, options: { unlessRefreshedSince?: Date | null } = {}): Promise<RefreshResult> {
  const current = running.get(db);
  if (current) return current;
  const started = performance.now();
  const job = db
    .transaction(async (tx): Promise<RefreshResult> => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${ROLLUP_REFRESH_LOCK}))`);
      // Taken once it is this refresh's turn: the figures describe the data as it was then (or later).
      const refreshedAt = new Date();
      if (options.unlessRefreshedSince !== undefined) {
        const latest = await rollupsRefreshedAt(tx);
        const seen = options.unlessRefreshedSince;
        if (latest && (seen === null || latest.getTime() > seen.getTime())) return { refreshedAt: latest, ms: Math.round(performance.now() - started), views: {}, skipped: true };
      }
      // One process builds the view. Left to itself the planner hands the people to parallel workers,
      // but every worker then aggregates all of each joined table again (the aggregates are not
      // split between them): at national scale 10.1-11.7 s against 6.5-7.2 s alone (EXPLAIN ANALYZE).
      await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
      const views: Record<string, number> = {};
      for (const view of REFRESHED_VIEWS) {
        const viewStarted = performance.now();
        await rebuildView(tx, view);
        views[view] = Math.round(performance.now() - viewStarted);
      }
      const ms = Math.round(performance.now() - started);
      await tx.update(dashboardRollupState).set({ refreshedAt, refreshMs: ms }).where(eq(dashboardRollupState.id, 1));
      return { refreshedAt, ms, views };
    })
    .finally(() => running.delete(db));
  running.set(db, job);
  return job;
}

/**
 * Builds the view afresh under a new name, with the same query and indexes, and puts it in place
 * of the old one, in the caller's transaction. Readers keep reading the old view while the new one
 * is built and are held only for the swap at the end; a failure leaves the old view as it was. At
 * national scale the person facts take 8.5 s this way against 12 to 13 s for REFRESH ...
 * CONCURRENTLY, which also compares every new row with the old one. The view's query and indexes are read from the database (pg_get_viewdef,
 * pg_indexes), so the migrations stay their one definition.
 */
async function rebuildView(tx: Transaction, view: string): Promise<void> {
  const next = `${view}_next`;
  const [definition] = rowsOf<{ query: string }>(await tx.execute(sql`select pg_get_viewdef(${view}::regclass) as query`));
  if (!definition) throw new Error(`Rollup view ${view} is missing: run the migrations.`);
  const indexes = rowsOf<{ name: string; definition: string }>(
    await tx.execute(sql`select indexname as name, indexdef as definition from pg_indexes where schemaname = current_schema() and tablename = ${view}`),
  );
  await tx.execute(sql.raw(`create materialized view "${next}" as ${definition.query.replace(/;\s*$/, "")}`));
  for (const index of indexes) {
    // "CREATE [UNIQUE] INDEX name ON schema.view USING ...": the same index on the new view, under a temporary name.
    const onNext = index.definition.replace(/ INDEX (\S+) ON (\S+?\.)?(\S+) /, (_all, _name: string, schema: string | undefined) => ` INDEX "${index.name}_next" ON ${schema ?? ""}"${next}" `);
    if (onNext === index.definition) throw new Error(`Cannot read the definition of index ${index.name}`);
    await tx.execute(sql.raw(onNext));
  }
  await tx.execute(sql.raw(`drop materialized view "${view}"`));
  await tx.execute(sql.raw(`alter materialized view "${next}" rename to "${view}"`));
  for (const index of indexes) await tx.execute(sql.raw(`alter index "${index.name}_next" rename to "${index.name}"`));
}

/**
 * Works both attendance tables out afresh from the appointments (writers wait meanwhile): after a
 * bulk load made with their triggers off (withoutAttendanceTriggers), or to repair them.
 */
export async function rebuildAttendance(db: Executor): Promise<void> {
  await db.execute(sql`select dashboard_attendance_rebuild()`);
}

/**
 * Runs a bulk load of appointments (the benchmark's generator: millions of rows by COPY) with the
 * attendance triggers off, then rebuilds the attendance tables once, whether or not the load
 * finished: one pass over the appointments instead of a trigger call for each. Needs to own the
 * appointments table, and anything written meanwhile, by anyone, is counted only by that rebuild:
 * never use it in the app.
 */
export async function withoutAttendanceTriggers<T>(db: Database, load: () => Promise<T>): Promise<T> {
  const triggers = ["dashboard_attendance_on_appointment", "dashboard_attendance_on_appointment_changed"];
  for (const trigger of triggers) await db.execute(sql`alter table appointments disable trigger ${sql.identifier(trigger)}`);
  try {
    return await load();
  } finally {
    for (const trigger of triggers) await db.execute(sql`alter table appointments enable trigger ${sql.identifier(trigger)}`);
    await rebuildAttendance(db);
  }
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
  refreshDashboardRollups(db, { unlessRefreshedSince: refreshedAt }).catch(onError);
  return true;
}
