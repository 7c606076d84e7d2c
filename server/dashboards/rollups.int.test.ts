/**
 * The rollups give exactly the figures the base tables give, on a generated dataset (random seed,
 * printed on failure; ROLLUP_TEST_SEED pins it), for presets and custom periods, all sites and one;
 * they describe the data as at their last refresh; refreshes run one at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "@/db/client";
import { appointments, people, userSites, users } from "@/db/schema";
import { addDays } from "@/domain/dates";
import { lastMonth, lastQuarter, type Period } from "@/domain/dashboard/periods";
import { Random } from "@/db/seed-random";
import { generateBenchData, generatedManagerEmail } from "@/scripts/bench/generate";
import { createTestDatabase } from "@/test/db";
import type { Ctx } from "../context";
import { getDashboard } from "./measures";
import { refreshDashboardRollups, refreshInBackgroundIfStale, rollupsRefreshedAt } from "./rollups";

const TODAY = "2026-06-15";
const NOW = new Date(`${TODAY}T11:00:00Z`);
const seed = Number(process.env.ROLLUP_TEST_SEED ?? Math.floor(Math.random() * 1_000_000_000));

let handle: DatabaseHandle;
let ctx: Ctx;
let siteIds: string[];
let pilotStart: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const generated = await generateBenchData(handle, { scale: "small", today: TODAY, seed, shape: { sites: 3, regions: 2, people: 450, pilotDays: 400 } });
  pilotStart = generated.pilotStart;
  const [manager] = await handle.db.select().from(users).where(eq(users.email, generatedManagerEmail));
  if (!manager) throw new Error("no generated manager");
  siteIds = (await handle.db.select({ siteId: userSites.siteId }).from(userSites).where(eq(userSites.userId, manager.id))).map((r) => r.siteId);
  ctx = { user: { id: manager.id, email: manager.email, name: manager.name, role: "pilot_manager", siteIds }, db: handle.db, ip: "127.0.0.1" };
  await refreshDashboardRollups(handle.db);
}, 120_000);
afterAll(async () => handle?.close());

describe(`rollups against base tables (seed ${seed})`, () => {
  it("gives the same dashboard for every preset and for custom periods, all sites and each site", async () => {
    const rng = new Random(seed);
    const periods: Period[] = [{ from: pilotStart, to: TODAY }, lastMonth(TODAY), lastQuarter(TODAY)];
    for (let i = 0; i < 5; i++) {
      const from = addDays(pilotStart, rng.int(0, 380));
      const to = addDays(from, rng.int(0, 200));
      periods.push({ from, to: to > TODAY ? TODAY : to });
    }
    let attendanceSeen = 0;
    for (const period of periods) {
      for (const asked of [undefined, [rng.pick(siteIds)]]) {
        const input = { siteIds: asked, ...period };
        const fromRollups = await getDashboard({ ctx, input, now: NOW, source: "rollups" });
        const fromBase = await getDashboard({ ctx, input, now: NOW, source: "base" });
        expect(fromRollups.asAt, "rollups report when they were refreshed").toBeInstanceOf(Date);
        expect({ ...fromRollups, asAt: null }, `seed ${seed}, ${period.from} to ${period.to}, sites ${asked ?? "all"}`).toEqual(fromBase);
        const afterRecorded = fromBase.sections.find((s) => s.id === "attendance")?.tables[0]?.rows.find((r) => r.key === "afterRecorded")?.cells.at(-1);
        if (afterRecorded?.kind === "count" && afterRecorded.value > 0) attendanceSeen++;
      }
    }
    // The comparison means something only if there were appointments to count.
    expect(attendanceSeen).toBeGreaterThan(3);
  });

  it("describes the data as at the last refresh, until the next one", async () => {
    const period = { from: pilotStart, to: TODAY };
    const before = await getDashboard({ ctx, input: period, now: NOW, source: "rollups" });
    const [person] = await handle.db.select({ id: people.id, siteId: people.siteId, enrolledOn: people.enrolledOn }).from(people).where(eq(people.siteId, siteIds[0] ?? "")).limit(1);
    if (!person) throw new Error("nobody generated");
    // Ten more missed probation appointments after enrolment, all in the period.
    await handle.db.insert(appointments).values(
      Array.from({ length: 10 }, () => ({ personId: person.id, siteId: person.siteId, kind: "probation" as const, type: "supervision" as const, startsAt: new Date(`${TODAY}T08:00:00Z`), outcome: "dna_unacceptable" as const })),
    );
    const stale = await getDashboard({ ctx, input: period, now: NOW, source: "rollups" });
    expect({ ...stale, asAt: null }).toEqual({ ...before, asAt: null });
    const live = await getDashboard({ ctx, input: period, now: NOW, source: "base" });
    expect(live).not.toEqual({ ...before, asAt: null });

    const refreshed = await refreshDashboardRollups(handle.db);
    expect(await rollupsRefreshedAt(handle.db)).toEqual(refreshed.refreshedAt);
    const after = await getDashboard({ ctx, input: period, now: NOW, source: "rollups" });
    expect(after.asAt).toEqual(refreshed.refreshedAt);
    expect({ ...after, asAt: null }).toEqual(live);
  });

  it("runs one refresh at a time, and starts a background one only when the rollups are stale", async () => {
    const a = refreshDashboardRollups(handle.db);
    const b = refreshDashboardRollups(handle.db);
    expect(b).toBe(a);
    const done = await a;
    const errors: unknown[] = [];
    expect(refreshInBackgroundIfStale(handle.db, done.refreshedAt, new Date(done.refreshedAt.getTime() + 60_000), (e) => errors.push(e))).toBe(false);
    expect(refreshInBackgroundIfStale(handle.db, done.refreshedAt, new Date(done.refreshedAt.getTime() + 6 * 60_000), (e) => errors.push(e))).toBe(true);
    // The background refresh is the one in flight: a caller now shares it.
    const shared = await refreshDashboardRollups(handle.db);
    expect(shared.refreshedAt.getTime()).toBeGreaterThanOrEqual(done.refreshedAt.getTime());
    expect(errors).toEqual([]);
  });

  it("swaps in each rebuilt view with the same indexes under the same names, and a failed rebuild leaves the old view", async () => {
    const indexes = async () =>
      rowsOf<{ tablename: string; indexname: string; indexdef: string }>(
        await handle.db.execute(sql`select tablename, indexname, indexdef from pg_indexes where tablename like 'dashboard%' and tablename <> 'dashboard_rollup_state' order by indexname`),
      );
    const before = await indexes();
    expect(before.map((i) => i.indexname)).toEqual([
      "dashboard_attendance_days_site_day_key",
      "dashboard_person_attendance_person_key",
      "dashboard_person_attendance_site_enrolled_idx",
      "dashboard_person_facts_person_key",
      "dashboard_person_facts_site_enrolled_idx",
    ]);
    await refreshDashboardRollups(handle.db);
    expect(await indexes()).toEqual(before);
    const leftovers = rowsOf<{ relname: string }>(await handle.db.execute(sql`select relname from pg_class where relname like 'dashboard%next%'`));
    expect(leftovers).toEqual([]);

    // A rebuild that fails half way (its new index's name is taken): the refresh fails, and the old
    // view, with its rows and indexes, is still there, with nothing half-built left beside it.
    const count = async () => Number(rowsOf<{ n: string }>(await handle.db.execute(sql`select count(*) as n from dashboard_attendance_days`))[0]?.n);
    const rows = await count();
    await handle.db.execute(sql`create table dashboard_test_block (x int)`);
    try {
      await handle.db.execute(sql`create index "dashboard_attendance_days_site_day_key_next" on dashboard_test_block (x)`);
      await expect(refreshDashboardRollups(handle.db)).rejects.toThrow();
    } finally {
      await handle.db.execute(sql`drop table dashboard_test_block`);
    }
    expect(await count()).toBe(rows);
    expect(await indexes()).toEqual(before);
    expect(rowsOf<{ relname: string }>(await handle.db.execute(sql`select relname from pg_class where relname = 'dashboard_attendance_days_next'`))).toEqual([]);
  });
});
