import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, min, sql, type SQL } from "drizzle-orm";
import { appointments, gpRegistrations, healthChecks, people, referrals, screenings, services, sites, treatmentRequirements } from "@/db/schema";
import { londonDateOfInstant, londonDayBounds, todayInLondon } from "@/domain/dates";
import { checkPeriod, dayAfter, type Period } from "@/domain/dashboard/periods";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { rowsOf, type Database, type Executor } from "@/db/client";
import type { GpStatus, ScreeningProgramme, SmokingStatus } from "@/domain/health";
import type { EthnicGroup, SexRegisteredAtGp } from "@/domain/people";
import type { RequirementStatus, ServiceCategory } from "@/domain/referrals";
import type { Ctx } from "../context";
import { logError } from "../log";
import { assertCan, denyNotFound } from "../authz";
import { ValidationError } from "../errors";
import { siteScope, UUID_PATTERN } from "../scope";
import { DashboardCache } from "./cache";
import { neurodivergenceByKey, neurodivergenceOfSection, rememberedNeurodivergence } from "./neurodivergence";
import type { NeurodivergenceGroup } from "@/domain/dashboard/fairness";
import { buildDashboard, pacer, type Dashboard, type DashboardData, type DashboardPerson, type DashboardSite } from "./build";
import { refreshInBackgroundIfStale, rollupsRefreshedAt } from "./rollups";

export type { Dashboard } from "./build";

export type DashboardInput = {
  /** A subset of the user's sites; all of them when absent or empty. */
  siteIds?: string[];
  /** ISO London dates, both inclusive. */
  from: string;
  to: string;
};

const ATTENDANCE_OUTCOMES = ["attended", "attended_late", "dna_acceptable", "dna_unacceptable"] as const;
const MISSED_OUTCOMES = ["dna_acceptable", "dna_unacceptable"] as const;

/**
 * The sites asked for, each one the user works at. A site the user does not work at is answered
 * like one that does not exist (and the refusal audited), never quietly dropped into a total.
 */
async function selectSites(ctx: Ctx, siteIds: string[] | undefined, action: string): Promise<DashboardSite[]> {
  const asked = [...new Set(siteIds ?? [])];
  for (const id of asked) if (!UUID_PATTERN.test(id)) await denyNotFound(ctx, action, "site", id);
  const where: SQL[] = [inArray(sites.id, siteScope(ctx))];
  if (asked.length) where.push(inArray(sites.id, asked));
  const rows = await ctx.db.select({ id: sites.id, name: sites.name }).from(sites).where(and(...where)).orderBy(asc(sites.name));
  const missing = asked.find((id) => !rows.some((r) => r.id === id));
  if (missing) await denyNotFound(ctx, action, "site", missing);
  return rows;
}

/**
 * The date the first person at the user's sites enrolled (null when nobody has yet): where "since
 * the pilot started" begins.
 */
export async function getEarliestEnrolment({ ctx }: { ctx: Ctx }): Promise<string | null> {
  await assertCan(ctx, "dashboard:read", "dashboard.view");
  // The earliest at each site (an index probe each), then the earliest of those: min() over every
  // person at 150 sites read the whole table on every dashboard page.
  const firstAtSite = ctx.db
    .select({ first: people.enrolledOn })
    .from(people)
    .where(eq(people.siteId, sites.id))
    .orderBy(asc(people.enrolledOn))
    .limit(1)
    .as("first_at_site");
  const [row] = await ctx.db
    .select({ first: min(firstAtSite.first) })
    .from(sites)
    .innerJoinLateral(firstAtSite, sql`true`)
    .where(inArray(sites.id, siteScope(ctx)));
  return row?.first ?? null;
}

/** Where probation attendance is read from: the rollups (rollups.ts), or the appointments table itself. */
export type DashboardSource = "rollups" | "base";

/** A dashboard and when the rollups it read were refreshed (null: it read the base tables). */
export type DashboardWithAsAt = Dashboard & { asAt: Date | null };

/**
 * The pilot dashboard for a period: every DOMAIN.md measure per site and for the selected sites
 * together, with small numbers suppressed here, before anything leaves the server. Aggregates
 * only: no names, no record ids. Every query is limited to the user's sites in its SQL (and then
 * to the sites asked for). Read from the rollups (rollups.ts) once they have been refreshed (the
 * base tables until then): as at their last refresh, apart from probation attendance, which they
 * keep current; rollups older than a few minutes are refreshed in the background, never while the
 * caller waits.
 */
export async function getDashboard({
  ctx,
  input,
  now = new Date(),
  source,
}: {
  ctx: Ctx;
  input: DashboardInput;
  now?: Date;
  /** Tests and the benchmark pin it; by default the rollups when they have ever been refreshed. */
  source?: DashboardSource;
}): Promise<DashboardWithAsAt> {
  await assertCan(ctx, "dashboard:read", "dashboard.view");
  const checked = checkPeriod({ from: input.from, to: input.to }, todayInLondon(now));
  if (!checked.ok) throw new ValidationError({ ...checked.errors });
  // Two independent reads: the sites (which may refuse the request) and the rollups' last refresh.
  const [selected, asAt] = await Promise.all([selectSites(ctx, input.siteIds, "dashboard.view"), source === "base" ? null : rollupsRefreshedAt(ctx.db)]);
  if (source === undefined) refreshInBackgroundIfStale(ctx.db as Database, asAt, new Date(), (error) => logError("Dashboard rollup refresh failed", error));
  const used: DashboardSource = source ?? (asAt ? "rollups" : "base");
  const build = async () => buildDashboard(await loadDashboardData(ctx, selected, checked.period, used), checked.period);
  // The app's own reads from the rollups are shared between requests, and rebuilt in the
  // background after each refresh (cache.ts); tests and the benchmark pin `source` and always
  // build afresh.
  if (source === undefined && used === "rollups" && asAt) {
    const key = [checked.period.from, checked.period.to, ...selected.map((s) => s.id).sort()].join("|");
    const cached = await builtDashboards.get(key, asAt.toISOString(), build);
    // As at the refresh it was built from: while a newer one is being built, that is an earlier one.
    return { ...cached.value, asAt: new Date(cached.version) };
  }
  const dashboard = await build();
  return { ...dashboard, asAt: used === "rollups" ? asAt : null };
}

const builtDashboards = new DashboardCache<Dashboard>(200, 5 * 60_000, (error) => logError("Dashboard rebuild in the background failed", error));

/**
 * Probation attendance from the rollups (kept current by triggers), exactly as the base-table
 * queries count it. Before
 * enrolment: per person, independent of the period. After enrolment, to the end of the period:
 * the person's total when their last such appointment falls within the period, otherwise counted
 * from the appointments table for those people only (none when the period ends today). The
 * monthly trend: per site and day.
 */
async function attendanceFromRollups(ctx: Ctx, cohortSites: (column: AnyPgColumn) => SQL | undefined, period: Period) {
  const db = ctx.db;
  const { end } = londonDayBounds(period.from, dayAfter(period));
  const pa = sql.identifier("dashboard_person_attendance");
  const ad = sql.identifier("dashboard_attendance_days");
  const paSite = sql`${pa}.site_id`;
  const inPeriod = sql`${pa}.enrolled_on between ${period.from} and ${period.to}`;
  const cohortPa = and(cohortSites(paSite as unknown as AnyPgColumn), inPeriod);
  const [summed, openAfter, months] = await Promise.all([
    db.execute<{ site_id: string; before_recorded: number; before_missed: number; after_recorded: number; after_missed: number }>(sql`
      select ${paSite} as site_id,
        coalesce(sum(before_recorded), 0)::int as before_recorded, coalesce(sum(before_missed), 0)::int as before_missed,
        coalesce(sum(after_recorded) filter (where after_last_day <= ${period.to}), 0)::int as after_recorded,
        coalesce(sum(after_missed) filter (where after_last_day <= ${period.to}), 0)::int as after_missed
      from ${pa} where ${cohortPa} group by ${paSite}`),
    // The people first, from the site and enrolment index, then their appointments by person: as
    // a materialized CTE, which the planner cannot hand to parallel workers. Left to itself it
    // scanned the whole table in parallel for one site (30 ms against 8 ms for a past period).
    db.execute<{ site_id: string; recorded: number; missed: number }>(sql`
      with open_after as materialized (
        select ${pa}.person_id, ${paSite}, ${pa}.enrolled_on from ${pa} where ${cohortPa} and ${pa}.after_last_day > ${period.to}
      )
      select open_after.site_id, count(*)::int as recorded,
        count(*) filter (where ${inArray(appointments.outcome, [...MISSED_OUTCOMES])})::int as missed
      from open_after join ${appointments} on ${appointments.personId} = open_after.person_id
      where ${appointments.kind} = 'probation' and ${inArray(appointments.outcome, [...ATTENDANCE_OUTCOMES])}
        and (${appointments.startsAt} at time zone 'Europe/London')::date >= open_after.enrolled_on and ${appointments.startsAt} < ${end.toISOString()}::timestamptz
      group by open_after.site_id`),
    db.execute<{ site_id: string; month: string; recorded: number; missed: number }>(sql`
      select site_id, to_char(day, 'YYYY-MM') as month, sum(recorded)::int as recorded, sum(missed)::int as missed
      from ${ad} where ${cohortSites(sql`${ad}.site_id` as unknown as AnyPgColumn)} and day between ${period.from} and ${period.to}
      group by site_id, to_char(day, 'YYYY-MM')`),
  ]);
  const around: { siteId: string; before: boolean; recorded: number; missed: number }[] = [];
  for (const r of rowsOf<{ site_id: string; before_recorded: number; before_missed: number; after_recorded: number; after_missed: number }>(summed)) {
    around.push({ siteId: r.site_id, before: true, recorded: Number(r.before_recorded), missed: Number(r.before_missed) });
    around.push({ siteId: r.site_id, before: false, recorded: Number(r.after_recorded), missed: Number(r.after_missed) });
  }
  for (const r of rowsOf<{ site_id: string; recorded: number; missed: number }>(openAfter)) around.push({ siteId: r.site_id, before: false, recorded: Number(r.recorded), missed: Number(r.missed) });
  const byMonth = rowsOf<{ site_id: string; month: string; recorded: number; missed: number }>(months).map((r) => ({ siteId: r.site_id, month: r.month, recorded: Number(r.recorded), missed: Number(r.missed) }));
  return [around, byMonth] as const;
}

type Ms = number;

/**
 * A person's facts as stored in dashboard_person_facts.facts (migrations 0009 to 0014), in this
 * order: id, enrolled on, date of birth, sex registered at GP, ethnic group, then the lists the
 * measures compare with the period.
 */
type FactsTuple = [
  personId: string,
  enrolledOn: string,
  dateOfBirth: string,
  sexRegisteredAtGp: SexRegisteredAtGp,
  ethnicGroup: EthnicGroup,
  /** Completed checks, oldest first: completed at, smoking, AUDIT-C positive, PHQ-9, GAD-7, the fingerprint of the neurodiversity section (neurodivergence.ts). */
  checks: [Ms, SmokingStatus | null, boolean | null, number | null, number | null, string | null][],
  /** Checks that recorded a smoking status, oldest first: created, updated, status. */
  smoking: [Ms, Ms, SmokingStatus][],
  gp: [GpStatus, boolean, string | null, string | null, Ms][],
  screenings: [ScreeningProgramme, string | null, boolean | null, string | null, string | null][],
  referrals: [ServiceCategory, Ms, Ms | null, Ms | null][],
  requirements: [RequirementStatus, string | null, string | null][],
];

/** One site's people: a JSON array of FactsTuple. */
type SiteFacts = { siteId: string; people: string };

/**
 * Everyone counted (as loadDashboardData's cohort), with their facts: one index range per site.
 * Each person's facts are stored as a JSON text (migration 0013), and a site's people come as one
 * JSON array joined from those texts (a row per site, not a row per person): the database drivers
 * decode row by row and field by field, parsing each json field on its own, and for a 4,000-person
 * site on PGlite that took 95 ms against 33 ms for one JSON.parse of the lot. Joining stored texts
 * also spares the database building the JSON of every person on every read.
 */
async function loadFacts(ctx: Ctx, cohortSites: (column: AnyPgColumn) => SQL | undefined, period: Period): Promise<SiteFacts[]> {
  const pf = sql.identifier("dashboard_person_facts");
  const result = await ctx.db.execute(sql`
    select site_id, '[' || string_agg(facts, ',') || ']' as people
    from ${pf} where ${cohortSites(sql`${pf}.site_id` as unknown as AnyPgColumn)} and enrolled_on <= ${period.to}
    group by site_id`);
  return rowsOf<{ site_id: string; people: string }>(result).map((r) => ({ siteId: r.site_id, people: r.people }));
}

/**
 * Each person's facts, read only up to `end` (the instant the period ends), a site at a time: a
 * site's parsed JSON is garbage as soon as its people are made, instead of every site's being held
 * until the last is parsed (at national scale the collector spent more time on that than the parse
 * took). The neurodivergence of each latest check comes from the groups remembered by
 * neurodivergence.ts; the fingerprints it has not met yet are looked up together at the end.
 */
async function factsToPeople(db: Executor, sites: readonly SiteFacts[], end: Date): Promise<DashboardPerson[]> {
  const endMs = end.getTime();
  const pace = pacer();
  const dayOf = (ms: number | null) => (ms === null || ms >= endMs ? null : londonDateOfInstant(ms));
  const out: DashboardPerson[] = [];
  /** Latest checks whose fingerprint is not remembered, with it. */
  const unresolved: [NonNullable<DashboardPerson["latestCheck"]>, string][] = [];
  for (const site of sites) {
    for (const [personId, enrolledOn, dateOfBirth, sexRegisteredAtGp, ethnicGroup, checks, smoking, gp, screenings, referrals, requirements] of JSON.parse(site.people) as FactsTuple[]) {
      await pace();
      const checkDays: string[] = [];
      let latest: FactsTuple[5][number] | undefined;
      for (const c of checks) {
        if (c[0] >= endMs) continue;
        checkDays.push(londonDateOfInstant(c[0]));
        latest = c;
      }
      let latestCheck: DashboardPerson["latestCheck"] = null;
      if (latest) {
        const key = latest[5];
        const group = rememberedNeurodivergence(key);
        latestCheck = checkOf(latest[1], latest[2], latest[3], latest[4], group ?? "unknown");
        if (group === undefined && key !== null) unresolved.push([latestCheck, key]);
      }
      let smokingStatus: SmokingStatus | null = null;
      for (const s of smoking) if (s[0] < endMs) smokingStatus = s[2];
      const gpRows: DashboardPerson["gpRows"] = [];
      for (const [status, atEnrolment, registeredOn, supportStartedOn, recordedAt] of gp) if (recordedAt < endMs) gpRows.push({ status, atEnrolment, registeredOn, supportStartedOn, recordedAt });
      const referralsSent: DashboardPerson["referrals"] = [];
      for (const [category, sentAt, acceptedAt, firstAttendedAt] of referrals) {
        if (sentAt < endMs) referralsSent.push({ category, sentOn: londonDateOfInstant(sentAt), acceptedOn: dayOf(acceptedAt), firstAttendedOn: dayOf(firstAttendedAt) });
      }
      out.push({
        id: personId,
        siteId: site.siteId,
        enrolledOn,
        dateOfBirth,
        sexRegisteredAtGp,
        ethnicGroup,
        checkDays,
        latestCheck,
        smokingStatus,
        gpRows,
        screenings: screenings.map(([programme, lastTestOn, lastResultHpvNegative, bookedFor, attendedOn]) => ({ programme, lastTestOn, lastResultHpvNegative, bookedFor, attendedOn })),
        referrals: referralsSent,
        requirements: requirements.map(([status, treatmentStartedOn, endedOn]) => ({ status, treatmentStartedOn, endedOn })),
      });
    }
  }
  if (unresolved.length) {
    const groupOf = await neurodivergenceByKey(db, unresolved.map(([, key]) => key));
    for (const [check, key] of unresolved) check.neurodivergence = groupOf(key);
  }
  return out;
}

/** A completed check's findings, with the neurodivergence its answers record, which the fairness breakdown reads. */
function checkOf(smokingStatus: SmokingStatus | null, auditCPositive: boolean | null, phq9Score: number | null, gad7Score: number | null, neurodivergence: NeurodivergenceGroup): NonNullable<DashboardPerson["latestCheck"]> {
  return { smokingStatus, auditCPositive, phq9Score, gad7Score, neurodivergence };
}

async function loadDashboardData(ctx: Ctx, selected: DashboardSite[], period: Period, source: DashboardSource): Promise<DashboardData> {
  const { start, end } = londonDayBounds(period.from, dayAfter(period));
  // Everyone counted: at the user's sites (scope in the SQL), at the sites asked for, enrolled by the end of the period.
  const cohortSites = (column: AnyPgColumn) => and(inArray(column, siteScope(ctx)), inArray(column, selected.length ? selected.map((s) => s.id) : siteScope(ctx)));
  const cohort = and(cohortSites(people.siteId), lte(people.enrolledOn, period.to));
  if (source === "rollups") {
    // The people are made while the attendance queries run.
    const [peopleCounted, [aroundEnrolment, byMonth]] = await Promise.all([
      loadFacts(ctx, cohortSites, period).then((sites) => factsToPeople(ctx.db, sites, end)),
      attendanceFromRollups(ctx, cohortSites, period),
    ]);
    return { sites: selected, people: peopleCounted, attendanceAroundEnrolment: aroundEnrolment, attendanceByMonth: byMonth };
  }
  const cohortIds = ctx.db.select({ id: people.id }).from(people).where(cohort);
  const db = ctx.db;
  const londonDay = sql`(${appointments.startsAt} at time zone 'Europe/London')::date`;
  const beforeEnrolment = sql<boolean>`${londonDay} < ${people.enrolledOn}`;
  const londonMonth = sql<string>`to_char(${appointments.startsAt} at time zone 'Europe/London', 'YYYY-MM')`;

  // Attendance from the base tables (rollups never refreshed, and the equivalence tests).
  function attendanceFromBase() {
    return Promise.all([
    db
      .select({
        siteId: people.siteId,
        before: beforeEnrolment,
        recorded: sql<number>`count(*)`.mapWith(Number),
        missed: sql<number>`count(*) filter (where ${inArray(appointments.outcome, [...MISSED_OUTCOMES])})`.mapWith(Number),
      })
      .from(appointments)
      .innerJoin(people, eq(people.id, appointments.personId))
      .where(
        and(
          cohort,
          gte(people.enrolledOn, period.from),
          eq(appointments.kind, "probation"),
          inArray(appointments.outcome, [...ATTENDANCE_OUTCOMES]),
          lt(appointments.startsAt, end),
        ),
      )
      .groupBy(people.siteId, beforeEnrolment),
    db
      .select({
        siteId: people.siteId,
        month: londonMonth,
        recorded: sql<number>`count(*)`.mapWith(Number),
        missed: sql<number>`count(*) filter (where ${inArray(appointments.outcome, [...MISSED_OUTCOMES])})`.mapWith(Number),
      })
      .from(appointments)
      .innerJoin(people, eq(people.id, appointments.personId))
      .where(
        and(
          cohort,
          eq(appointments.kind, "probation"),
          inArray(appointments.outcome, [...ATTENDANCE_OUTCOMES]),
          gte(appointments.startsAt, start),
          lt(appointments.startsAt, end),
          sql`${londonDay} >= ${people.enrolledOn}`,
        ),
      )
      .groupBy(people.siteId, londonMonth),
    ]);
  }

  const [peopleRows, completedChecks, latestChecks, smokingHistory, gpRows, screeningRows, referralRows, requirementRows, [aroundEnrolment, byMonth]] = await Promise.all([
    db
      .select({
        id: people.id,
        siteId: people.siteId,
        enrolledOn: people.enrolledOn,
        dateOfBirth: people.dateOfBirth,
        sexRegisteredAtGp: people.sexRegisteredAtGp,
        ethnicGroup: people.ethnicGroup,
      })
      .from(people)
      .where(cohort),
    db
      .select({ personId: healthChecks.personId, completedAt: healthChecks.completedAt })
      .from(healthChecks)
      .where(and(inArray(healthChecks.personId, cohortIds), eq(healthChecks.status, "completed"), isNotNull(healthChecks.completedAt), lt(healthChecks.completedAt, end))),
    db
      .selectDistinctOn([healthChecks.personId], {
        personId: healthChecks.personId,
        smokingStatus: healthChecks.smokingStatus,
        auditCPositive: healthChecks.auditCPositive,
        phq9Score: healthChecks.phq9Score,
        gad7Score: healthChecks.gad7Score,
        // Only the section the fairness breakdown reads; the rest of the answers stay in the database.
        neurodiversity: healthChecks.neurodiversity,
      })
      .from(healthChecks)
      .where(and(inArray(healthChecks.personId, cohortIds), eq(healthChecks.status, "completed"), isNotNull(healthChecks.completedAt), lt(healthChecks.completedAt, end)))
      .orderBy(healthChecks.personId, desc(healthChecks.completedAt)),
    // Smoking history for lung screening, as the person's screening page works it out: the latest check that recorded one.
    db
      .selectDistinctOn([healthChecks.personId], { personId: healthChecks.personId, smokingStatus: healthChecks.smokingStatus })
      .from(healthChecks)
      .where(and(inArray(healthChecks.personId, cohortIds), isNotNull(healthChecks.smokingStatus), lt(healthChecks.createdAt, end)))
      .orderBy(healthChecks.personId, desc(healthChecks.createdAt), desc(healthChecks.updatedAt)),
    db
      .select({
        personId: gpRegistrations.personId,
        status: gpRegistrations.status,
        atEnrolment: gpRegistrations.atEnrolment,
        registeredOn: gpRegistrations.registeredOn,
        supportStartedOn: gpRegistrations.supportStartedOn,
        recordedAt: gpRegistrations.recordedAt,
      })
      .from(gpRegistrations)
      .where(and(inArray(gpRegistrations.personId, cohortIds), lt(gpRegistrations.recordedAt, end))),
    db
      .select({
        personId: screenings.personId,
        programme: screenings.programme,
        lastTestOn: screenings.lastTestOn,
        lastResultHpvNegative: screenings.lastResultHpvNegative,
        bookedFor: screenings.bookedFor,
        attendedOn: screenings.attendedOn,
      })
      .from(screenings)
      .where(inArray(screenings.personId, cohortIds)),
    db
      .select({ personId: referrals.personId, category: services.category, sentAt: referrals.sentAt, acceptedAt: referrals.acceptedAt, firstAttendedAt: referrals.firstAttendedAt })
      .from(referrals)
      .innerJoin(services, eq(services.id, referrals.serviceId))
      .where(and(inArray(referrals.personId, cohortIds), isNotNull(referrals.sentAt), lt(referrals.sentAt, end))),
    db
      .select({ personId: treatmentRequirements.personId, status: treatmentRequirements.status, treatmentStartedOn: treatmentRequirements.treatmentStartedOn, endedOn: treatmentRequirements.endedOn })
      .from(treatmentRequirements)
      .where(inArray(treatmentRequirements.personId, cohortIds)),
    attendanceFromBase(),
  ]);

  // Grouped per person as the rollup gives them: instants as London dates, checks oldest first.
  const byPerson = <T extends { personId: string }>(rows: readonly T[]) => {
    const out = new Map<string, T[]>();
    for (const r of rows) {
      const list = out.get(r.personId);
      if (list) list.push(r);
      else out.set(r.personId, [r]);
    }
    return out;
  };
  const checksOf = byPerson(completedChecks.flatMap((c) => (c.completedAt ? [{ personId: c.personId, day: londonDateOfInstant(c.completedAt.getTime()) }] : [])));
  const latestOf = new Map(latestChecks.map((c) => [c.personId, c]));
  const smokingOf = new Map(smokingHistory.map((s) => [s.personId, s.smokingStatus]));
  const gpOf = byPerson(gpRows);
  const screeningsOf = byPerson(screeningRows);
  const referralsOf = byPerson(referralRows);
  const requirementsOf = byPerson(requirementRows);
  const dayBefore = (at: Date | null) => (at === null || at >= end ? null : londonDateOfInstant(at.getTime()));
  return {
    sites: selected,
    people: peopleRows.map((p): DashboardPerson => {
      const latest = latestOf.get(p.id);
      return {
        ...p,
        checkDays: (checksOf.get(p.id) ?? []).map((c) => c.day).sort(),
        latestCheck: latest
          ? checkOf(latest.smokingStatus, latest.auditCPositive, latest.phq9Score, latest.gad7Score, neurodivergenceOfSection(latest.neurodiversity))
          : null,
        smokingStatus: smokingOf.get(p.id) ?? null,
        gpRows: (gpOf.get(p.id) ?? []).map((r) => ({ status: r.status, atEnrolment: r.atEnrolment, registeredOn: r.registeredOn, supportStartedOn: r.supportStartedOn, recordedAt: r.recordedAt.getTime() })),
        screenings: (screeningsOf.get(p.id) ?? []).map((r) => ({ programme: r.programme, lastTestOn: r.lastTestOn, lastResultHpvNegative: r.lastResultHpvNegative, bookedFor: r.bookedFor, attendedOn: r.attendedOn })),
        referrals: (referralsOf.get(p.id) ?? []).flatMap((r) => (r.sentAt ? [{ category: r.category, sentOn: londonDateOfInstant(r.sentAt.getTime()), acceptedOn: dayBefore(r.acceptedAt), firstAttendedOn: dayBefore(r.firstAttendedAt) }] : [])),
        requirements: (requirementsOf.get(p.id) ?? []).map((r) => ({ status: r.status, treatmentStartedOn: r.treatmentStartedOn, endedOn: r.endedOn })),
      };
    }),
    attendanceAroundEnrolment: aroundEnrolment.map((r) => ({ ...r, before: r.before === true })),
    attendanceByMonth: byMonth,
  };
}
