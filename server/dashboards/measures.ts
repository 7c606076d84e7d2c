import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, min, sql, type SQL } from "drizzle-orm";
import { appointments, gpRegistrations, healthChecks, people, referrals, screenings, services, sites, treatmentRequirements } from "@/db/schema";
import { londonDayBounds, todayInLondon } from "@/domain/dates";
import { checkPeriod, dayAfter, type Period } from "@/domain/dashboard/periods";
import type { Ctx } from "../context";
import { assertCan, denyNotFound } from "../authz";
import { ValidationError } from "../errors";
import { siteScope, UUID_PATTERN } from "../scope";
import { buildDashboard, type Dashboard, type DashboardData, type DashboardSite } from "./build";

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
  const [row] = await ctx.db.select({ first: min(people.enrolledOn) }).from(people).where(inArray(people.siteId, siteScope(ctx)));
  return row?.first ?? null;
}

/**
 * The pilot dashboard for a period: every DOMAIN.md measure per site and for the selected sites
 * together, with small numbers suppressed here, before anything leaves the server. Aggregates
 * only: no names, no record ids. Every query is limited to the user's sites in its SQL (and then
 * to the sites asked for). Reads the base tables directly; rollups for scale are not built yet.
 */
export async function getDashboard({ ctx, input, now = new Date() }: { ctx: Ctx; input: DashboardInput; now?: Date }): Promise<Dashboard> {
  await assertCan(ctx, "dashboard:read", "dashboard.view");
  const checked = checkPeriod({ from: input.from, to: input.to }, todayInLondon(now));
  if (!checked.ok) throw new ValidationError({ ...checked.errors });
  const selected = await selectSites(ctx, input.siteIds, "dashboard.view");
  const data = await loadDashboardData(ctx, selected, checked.period);
  return buildDashboard(data, checked.period);
}

async function loadDashboardData(ctx: Ctx, selected: DashboardSite[], period: Period): Promise<DashboardData> {
  const { start, end } = londonDayBounds(period.from, dayAfter(period));
  // Everyone counted: at the user's sites (scope in the SQL), at the sites asked for, enrolled by the end of the period.
  const cohort = and(inArray(people.siteId, siteScope(ctx)), inArray(people.siteId, selected.length ? selected.map((s) => s.id) : siteScope(ctx)), lte(people.enrolledOn, period.to));
  const cohortIds = ctx.db.select({ id: people.id }).from(people).where(cohort);
  const db = ctx.db;
  const londonDay = sql`(${appointments.startsAt} at time zone 'Europe/London')::date`;
  const beforeEnrolment = sql<boolean>`${londonDay} < ${people.enrolledOn}`;
  const londonMonth = sql<string>`to_char(${appointments.startsAt} at time zone 'Europe/London', 'YYYY-MM')`;

  const [peopleRows, completedChecks, latestChecks, smokingHistory, gpRows, screeningRows, referralRows, requirementRows, aroundEnrolment, byMonth] = await Promise.all([
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
        neurodiversity: sql<unknown>`${healthChecks.answers} -> 'neurodiversity'`,
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
    // Attendance is counted in SQL: appointments are by far the largest table.
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

  return {
    sites: selected,
    end,
    people: peopleRows,
    completedChecks: completedChecks.flatMap((c) => (c.completedAt ? [{ personId: c.personId, completedAt: c.completedAt }] : [])),
    latestChecks: latestChecks.map(({ neurodiversity, ...c }) => ({ ...c, answers: neurodiversity === null || neurodiversity === undefined ? {} : { neurodiversity } })),
    smokingHistory: smokingHistory.flatMap((s) => (s.smokingStatus ? [{ personId: s.personId, smokingStatus: s.smokingStatus }] : [])),
    gpRows,
    screenings: screeningRows,
    referrals: referralRows.flatMap((r) => (r.sentAt ? [{ ...r, sentAt: r.sentAt }] : [])),
    requirements: requirementRows,
    attendanceAroundEnrolment: aroundEnrolment.map((r) => ({ ...r, before: r.before === true })),
    attendanceByMonth: byMonth,
  };
}
