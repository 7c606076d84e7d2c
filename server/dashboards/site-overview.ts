import "server-only";
import { and, asc, count, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { appointments, people, sites } from "@/db/schema";
import { addDays, londonDayBounds, startOfWeek, todayInLondon } from "@/domain/dates";
import { suppressCount, suppressRate, type Shown, type ShownRate } from "@/domain/suppression";
import type { Ctx } from "../context";
import { assertCan } from "../authz";
import { siteScope } from "../scope";

export type SiteOverviewRow = {
  siteId: string;
  name: string;
  probationRegion: string;
  integratedCareBoard: string;
  enrolled: Shown;
  appointmentsThisWeek: Shown;
  didNotAttendRate: ShownRate;
};

/**
 * Per-site aggregates for the user's sites, suppressed on the server before they leave it. No
 * named records. Did-not-attend rate: probation appointments in the last 90 days with an
 * attendance outcome.
 */
export async function getSiteOverview({ ctx, now = new Date() }: { ctx: Ctx; now?: Date }): Promise<SiteOverviewRow[]> {
  await assertCan(ctx, "dashboard:read", "dashboard.site-overview");
  const scope = siteScope(ctx);
  const today = todayInLondon(now);
  const week = londonDayBounds(startOfWeek(today), addDays(startOfWeek(today), 7));
  const since = londonDayBounds(addDays(today, -90), addDays(today, 1));

  const siteRows = await ctx.db
    .select({ id: sites.id, name: sites.name, probationRegion: sites.probationRegion, integratedCareBoard: sites.integratedCareBoard })
    .from(sites)
    .where(inArray(sites.id, scope))
    .orderBy(asc(sites.name));
  const enrolled = await ctx.db.select({ siteId: people.siteId, n: count() }).from(people).where(inArray(people.siteId, scope)).groupBy(people.siteId);
  const thisWeek = await ctx.db
    .select({ siteId: appointments.siteId, n: count() })
    .from(appointments)
    .where(and(inArray(appointments.siteId, scope), gte(appointments.startsAt, week.start), lt(appointments.startsAt, week.end)))
    .groupBy(appointments.siteId);
  const attendance = await ctx.db
    .select({
      siteId: appointments.siteId,
      recorded: sql<number>`count(*) filter (where ${appointments.outcome} in ('attended', 'attended_late', 'dna_acceptable', 'dna_unacceptable'))`.mapWith(Number),
      missed: sql<number>`count(*) filter (where ${appointments.outcome} in ('dna_acceptable', 'dna_unacceptable'))`.mapWith(Number),
    })
    .from(appointments)
    .where(
      and(
        inArray(appointments.siteId, scope),
        eq(appointments.kind, "probation"),
        isNotNull(appointments.outcome),
        gte(appointments.startsAt, since.start),
        lt(appointments.startsAt, since.end),
      ),
    )
    .groupBy(appointments.siteId);

  const by = <T extends { siteId: string }>(rows: T[]) => new Map(rows.map((r) => [r.siteId, r]));
  const enrolledBy = by(enrolled);
  const weekBy = by(thisWeek);
  const attendanceBy = by(attendance);
  return siteRows.map((s) => ({
    siteId: s.id,
    name: s.name,
    probationRegion: s.probationRegion,
    integratedCareBoard: s.integratedCareBoard,
    enrolled: suppressCount(enrolledBy.get(s.id)?.n ?? 0),
    appointmentsThisWeek: suppressCount(weekBy.get(s.id)?.n ?? 0),
    didNotAttendRate: suppressRate(attendanceBy.get(s.id)?.missed ?? 0, attendanceBy.get(s.id)?.recorded ?? 0),
  }));
}
