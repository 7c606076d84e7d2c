/**
 * The rollups give exactly the figures the base tables give, on a generated dataset (random seed,
 * printed on failure; ROLLUP_TEST_SEED pins it), for presets and custom periods, all sites and one;
 * they describe the person facts as at their last refresh and probation attendance as recorded
 * (its tables kept exact by triggers, whatever is written); refreshes run one at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "@/db/client";
import { appointments, dashboardRollupState, people, userSites, users } from "@/db/schema";
import { addDays } from "@/domain/dates";
import { lastMonth, lastQuarter, type Period } from "@/domain/dashboard/periods";
import { Random } from "@/db/seed-random";
import { generateBenchData, generatedManagerEmail } from "@/scripts/bench/generate";
import { createTestDatabase } from "@/test/db";
import type { Ctx } from "../context";
import { getDashboard } from "./measures";
import { rebuildAttendance, refreshDashboardRollups, refreshInBackgroundIfStale, ROLLUP_REFRESH_LOCK, rollupsRefreshedAt } from "./rollups";

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

let made = 0;
/** A person's required details, each one different. */
function newPerson(familyName: string) {
  made++;
  return { crn: `Z${String(900_000 + made).padStart(6, "0")}`, givenName: "Test", familyName, dateOfBirth: "1980-01-01", sexRegisteredAtGp: "male" as const, ethnicGroup: "white" as const, orderType: "community_order" as const };
}

/** Both attendance tables, in a fixed order. */
async function attendanceTables() {
  const persons = rowsOf<Record<string, unknown>>(await handle.db.execute(sql`select person_id, site_id, enrolled_on::text as enrolled_on, before_recorded, before_missed, after_recorded, after_missed, after_last_day::text as after_last_day from dashboard_person_attendance order by person_id`));
  const days = rowsOf<Record<string, unknown>>(await handle.db.execute(sql`select site_id, day::text as day, recorded, missed from dashboard_attendance_days order by site_id, day`));
  return { persons, days };
}

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

  it("describes the person facts as at the last refresh, and probation attendance as it is recorded", async () => {
    const period = { from: pilotStart, to: TODAY };
    const before = await getDashboard({ ctx, input: period, now: NOW, source: "rollups" });
    const [person] = await handle.db.select({ id: people.id, siteId: people.siteId, enrolledOn: people.enrolledOn }).from(people).where(eq(people.siteId, siteIds[0] ?? "")).limit(1);
    if (!person) throw new Error("nobody generated");
    // Ten more missed probation appointments after enrolment, all in the period: counted at once.
    await handle.db.insert(appointments).values(
      Array.from({ length: 10 }, () => ({ personId: person.id, siteId: person.siteId, kind: "probation" as const, type: "supervision" as const, startsAt: new Date(`${TODAY}T08:00:00Z`), outcome: "dna_unacceptable" as const })),
    );
    const counted = await getDashboard({ ctx, input: period, now: NOW, source: "rollups" });
    const live = await getDashboard({ ctx, input: period, now: NOW, source: "base" });
    expect(live).not.toEqual({ ...before, asAt: null });
    expect({ ...counted, asAt: null }).toEqual(live);

    // A new person enrolled today: not counted until the next refresh.
    await handle.db.insert(people).values({ ...newPerson("Late"), siteId: person.siteId, enrolledOn: TODAY });
    const stale = await getDashboard({ ctx, input: period, now: NOW, source: "rollups" });
    expect({ ...stale, asAt: null }).toEqual({ ...counted, asAt: null });
    const withNewPerson = await getDashboard({ ctx, input: period, now: NOW, source: "base" });
    expect(withNewPerson).not.toEqual(live);

    const refreshed = await refreshDashboardRollups(handle.db);
    expect(await rollupsRefreshedAt(handle.db)).toEqual(refreshed.refreshedAt);
    const after = await getDashboard({ ctx, input: period, now: NOW, source: "rollups" });
    expect(after.asAt).toEqual(refreshed.refreshedAt);
    expect({ ...after, asAt: null }).toEqual(withNewPerson);
  });

  it("keeps the attendance tables exactly as a rebuild from the appointments would make them, whatever is written", async () => {
    const rng = new Random(seed + 1);
    const sample = await handle.db.select({ id: people.id, siteId: people.siteId, enrolledOn: people.enrolledOn }).from(people).where(inArray(people.siteId, siteIds)).limit(40);
    const outcomes = [null, "attended", "attended_late", "dna_acceptable", "dna_unacceptable", "cancelled", "rescheduled"] as const;
    // Around each person's enrolment, so appointments cross it when moved.
    const around = (enrolledOn: string) => new Date(`${addDays(enrolledOn, rng.int(-3, 3))}T${String(rng.int(0, 23)).padStart(2, "0")}:30:00Z`);
    const pick = () => rng.pick(sample);
    for (let i = 0; i < 60; i++) {
      const p = pick();
      await handle.db.insert(appointments).values({ personId: p.id, siteId: p.siteId, kind: rng.chance(0.8) ? "probation" : "health", type: "supervision", startsAt: around(p.enrolledOn), outcome: rng.pick(outcomes) });
    }
    const touched = await handle.db.select({ id: appointments.id, personId: appointments.personId }).from(appointments).where(inArray(appointments.personId, sample.map((p) => p.id)));
    for (let i = 0; i < 80; i++) {
      const a = rng.pick(touched);
      const owner = sample.find((p) => p.id === a.personId);
      if (!owner) continue;
      const change = rng.int(0, 3);
      if (change === 0) await handle.db.update(appointments).set({ outcome: rng.pick(outcomes) }).where(eq(appointments.id, a.id));
      if (change === 1) await handle.db.update(appointments).set({ startsAt: around(owner.enrolledOn) }).where(eq(appointments.id, a.id));
      if (change === 2) await handle.db.update(appointments).set({ kind: rng.chance(0.5) ? "probation" : "health" }).where(eq(appointments.id, a.id));
      if (change === 3) await handle.db.delete(appointments).where(eq(appointments.id, a.id));
    }
    // People moved to another site, or their enrolment date changed.
    for (let i = 0; i < 8; i++) {
      const p = pick();
      if (i % 2) await handle.db.update(people).set({ enrolledOn: addDays(p.enrolledOn, rng.int(-2, 2)) }).where(eq(people.id, p.id));
      else await handle.db.update(people).set({ siteId: rng.pick(siteIds) }).where(eq(people.id, p.id));
    }
    // A person deleted with their appointments.
    const [gone] = await handle.db.insert(people).values({ ...newPerson("Gone"), siteId: siteIds[0] ?? "", enrolledOn: addDays(TODAY, -20) }).returning({ id: people.id, siteId: people.siteId });
    if (!gone) throw new Error("no person");
    await handle.db.insert(appointments).values(Array.from({ length: 6 }, (_, i) => ({ personId: gone.id, siteId: gone.siteId, kind: "probation" as const, type: "supervision" as const, startsAt: new Date(`${addDays(TODAY, -25 + i * 2)}T10:00:00Z`), outcome: "attended" as const })));
    await handle.db.delete(people).where(eq(people.id, gone.id));

    const kept = await attendanceTables();
    expect(kept.persons.length).toBeGreaterThan(0);
    await rebuildAttendance(handle.db);
    expect(kept, `seed ${seed}`).toEqual(await attendanceTables());
  });

  it("keeps them exact under concurrent writes to the same people (interleaved on Postgres)", async () => {
    const sample = await handle.db.select({ id: people.id, siteId: people.siteId, enrolledOn: people.enrolledOn }).from(people).where(inArray(people.siteId, siteIds)).limit(3);
    const writes = Array.from({ length: 60 }, async (_, i) => {
      const p = sample[i % sample.length];
      if (!p) return;
      if (i % 15 === 7) {
        await handle.db.update(people).set({ enrolledOn: addDays(p.enrolledOn, (i % 3) - 1) }).where(eq(people.id, p.id));
        return;
      }
      await handle.db.transaction(async (tx) => {
        const [a] = await tx.insert(appointments).values({ personId: p.id, siteId: p.siteId, kind: "probation", type: "supervision", startsAt: new Date(`${addDays(p.enrolledOn, (i % 5) - 2)}T10:00:00Z`), outcome: null }).returning({ id: appointments.id });
        if (a) await tx.update(appointments).set({ outcome: i % 2 ? "attended" : "dna_unacceptable" }).where(eq(appointments.id, a.id));
      });
    });
    await Promise.all(writes);
    const kept = await attendanceTables();
    await rebuildAttendance(handle.db);
    expect(kept).toEqual(await attendanceTables());
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

  it("rebuilds nothing for a stale-rollups refresh when they have been refreshed since the caller looked", async () => {
    const first = await refreshDashboardRollups(handle.db);
    const [p] = await handle.db.insert(people).values({ ...newPerson("Late"), siteId: siteIds[0] ?? "", enrolledOn: addDays(TODAY, -3) }).returning({ id: people.id });
    if (!p) throw new Error("no person");
    const inFacts = async () => rowsOf(await handle.db.execute(sql`select 1 from dashboard_person_facts where person_id = ${p.id}`)).length === 1;

    // The caller saw the rollups as they were a minute before the last refresh (or never refreshed).
    for (const seen of [new Date(first.refreshedAt.getTime() - 60_000), null]) {
      const skipped = await refreshDashboardRollups(handle.db, { unlessRefreshedSince: seen });
      expect(skipped.skipped).toBe(true);
      expect(skipped.refreshedAt).toEqual(first.refreshedAt);
      expect(await rollupsRefreshedAt(handle.db)).toEqual(first.refreshedAt);
      expect(await inFacts()).toBe(false);
    }
    // The caller saw the last refresh: it rebuilds.
    const done = await refreshDashboardRollups(handle.db, { unlessRefreshedSince: first.refreshedAt });
    expect(done.skipped).toBeUndefined();
    expect(done.refreshedAt.getTime()).toBeGreaterThan(first.refreshedAt.getTime());
    expect(await rollupsRefreshedAt(handle.db)).toEqual(done.refreshedAt);
    expect(await inFacts()).toBe(true);
  });

  it("waits its turn behind another process's refresh, and then rebuilds nothing", async () => {
    const seen = await rollupsRefreshedAt(handle.db);
    if (!seen) throw new Error("never refreshed");
    const theirs = new Date(seen.getTime() + 1);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const lockedYet = new Promise<void>((resolve) => (locked = resolve));
    // Another process's refresh, holding the lock (on PGlite, which runs one transaction at a time,
    // this one simply goes first).
    const other = handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${ROLLUP_REFRESH_LOCK}))`);
      locked();
      await gate;
      await tx.update(dashboardRollupState).set({ refreshedAt: theirs }).where(eq(dashboardRollupState.id, 1));
    });
    await lockedYet;
    const mine = refreshDashboardRollups(handle.db, { unlessRefreshedSince: seen });
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await other;
    const result = await mine;
    expect(result.skipped).toBe(true);
    expect(result.refreshedAt).toEqual(theirs);
  });

  it("counts an appointment written while its person's enrolment date changes on the new date's basis", async () => {
    const [p] = await handle.db.insert(people).values({ ...newPerson("Moved"), siteId: siteIds[0] ?? "", enrolledOn: addDays(TODAY, -30) }).returning({ id: people.id, siteId: people.siteId });
    if (!p) throw new Error("no person");
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted = () => {};
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    // On the enrolment day, so after it; then the enrolment moves a day later, so before it. On
    // Postgres the move waits for the appointment's transaction (its trigger holds the person);
    // PGlite runs one transaction at a time.
    const writing = handle.db.transaction(async (tx) => {
      await tx.insert(appointments).values({ personId: p.id, siteId: p.siteId, kind: "probation", type: "supervision", startsAt: new Date(`${addDays(TODAY, -30)}T10:00:00Z`), outcome: "attended" });
      inserted();
      await gate;
    });
    await insertedYet;
    const moving = handle.db.update(people).set({ enrolledOn: addDays(TODAY, -29) }).where(eq(people.id, p.id)).execute();
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await Promise.all([writing, moving]);
    const row = (await attendanceTables()).persons.find((r) => r.person_id === p.id);
    expect(row).toMatchObject({ before_recorded: 1, after_recorded: 0 });
    const kept = await attendanceTables();
    await rebuildAttendance(handle.db);
    expect(kept).toEqual(await attendanceTables());
  });

  it("swaps in each rebuilt view with the same indexes under the same names, and a failed rebuild leaves the old view", async () => {
    const indexes = async () =>
      rowsOf<{ tablename: string; indexname: string; indexdef: string }>(
        await handle.db.execute(sql`select tablename, indexname, indexdef from pg_indexes where tablename like 'dashboard%' and tablename <> 'dashboard_rollup_state' order by indexname`),
      );
    const before = await indexes();
    expect(before.map((i) => i.indexname)).toEqual([
      "dashboard_attendance_days_pkey",
      "dashboard_person_attendance_pkey",
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
    const count = async () => Number(rowsOf<{ n: string }>(await handle.db.execute(sql`select count(*) as n from dashboard_person_facts`))[0]?.n);
    const rows = await count();
    await handle.db.execute(sql`create table dashboard_test_block (x int)`);
    try {
      await handle.db.execute(sql`create index "dashboard_person_facts_person_key_next" on dashboard_test_block (x)`);
      await expect(refreshDashboardRollups(handle.db)).rejects.toThrow();
    } finally {
      await handle.db.execute(sql`drop table dashboard_test_block`);
    }
    expect(await count()).toBe(rows);
    expect(await indexes()).toEqual(before);
    expect(rowsOf<{ relname: string }>(await handle.db.execute(sql`select relname from pg_class where relname = 'dashboard_person_facts_next'`))).toEqual([]);
  });
});
