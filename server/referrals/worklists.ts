import "server-only";
import { and, asc, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { appointments, people, referrals, services, sites } from "@/db/schema";
import { londonDayBounds, addDays, toLondon, todayInLondon } from "@/domain/dates";
import type { ReferralUrgency, ServiceCategory } from "@/domain/referrals";
import { waitingCutoff, workingDaysBetween } from "@/domain/working-days";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { recordAudit } from "../audit/record";
import { siteScope } from "../scope";

/**
 * The referral worklists: referrals that need chasing. Each is scoped to the user's sites in the
 * SQL, and sorted by days waiting ("desc": most days waiting first, which is the oldest first).
 */

export type ReferralWorklistRow = {
  referralId: string;
  personId: string;
  personName: string;
  crn: string;
  siteName: string;
  serviceName: string;
  category: ServiceCategory;
  urgency: ReferralUrgency;
  /** When the wait began: sent, accepted, or the missed appointment. */
  since: Date;
  workingDaysWaiting: number;
};

export type WorklistOptions = { ctx: Ctx; siteId?: string; dir?: "asc" | "desc"; now?: Date; audit?: boolean };

const WORKLIST_LIMIT = 500;

async function worklist(
  { ctx, siteId, dir = "desc", now = new Date(), audit = true }: WorklistOptions,
  list: string,
  since: SQL<Date>,
  conditions: (SQL | undefined)[],
): Promise<ReferralWorklistRow[]> {
  const rows = await ctx.db
    .select({
      referralId: referrals.id,
      personId: people.id,
      givenName: people.givenName,
      familyName: people.familyName,
      crn: people.crn,
      siteName: sites.name,
      serviceName: services.name,
      category: services.category,
      urgency: referrals.urgency,
      since,
    })
    .from(referrals)
    .innerJoin(people, eq(people.id, referrals.personId))
    .innerJoin(sites, eq(sites.id, referrals.siteId))
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .leftJoin(appointments, eq(appointments.id, referrals.firstAppointmentId))
    .where(and(inArray(referrals.siteId, siteScope(ctx)), inArray(people.siteId, siteScope(ctx)), siteId ? eq(referrals.siteId, siteId) : undefined, ...conditions))
    .orderBy(dir === "desc" ? asc(since) : desc(since), asc(referrals.id))
    .limit(WORKLIST_LIMIT);
  if (audit) await recordAudit(ctx.db, { ...actor(ctx), action: "referrals.worklist", outcome: "success", siteId: siteId ?? null, detail: { list, count: rows.length } });
  const today = todayInLondon(now);
  return rows.map(({ givenName, familyName, ...r }) => ({ ...r, personName: `${familyName}, ${givenName}`, workingDaysWaiting: workingDaysBetween(toLondon(r.since).date, today) }));
}

/**
 * Sent, and no response for longer than `days` working days (weekends and England and Wales bank
 * holidays do not count). The working-day arithmetic is done once, in domain/, as a cut-off date:
 * "sent before the start of that London day" is a plain comparison in the SQL.
 */
export async function listAwaitingResponse(options: WorklistOptions & { days: number }): Promise<ReferralWorklistRow[]> {
  await assertCan(options.ctx, "referral:read", "referrals.worklist");
  const today = todayInLondon(options.now ?? new Date());
  const cutoff = waitingCutoff(today, options.days);
  const { start } = londonDayBounds(cutoff, addDays(cutoff, 1));
  const sentAt = sql<Date>`${referrals.sentAt}`.mapWith(referrals.updatedAt);
  return worklist(options, "awaiting-response", sentAt, [eq(referrals.status, "sent"), lt(referrals.sentAt, start)]);
}

/** Accepted by the service, first appointment not booked yet. */
export async function listAcceptedNotBooked(options: WorklistOptions): Promise<ReferralWorklistRow[]> {
  await assertCan(options.ctx, "referral:read", "referrals.worklist");
  const acceptedAt = sql<Date>`coalesce(${referrals.acceptedAt}, ${referrals.updatedAt})`.mapWith(referrals.updatedAt);
  return worklist(options, "accepted-not-booked", acceptedAt, [eq(referrals.status, "accepted")]);
}

/** Did not attend their first appointment: to follow up (rebook or close). Waiting since the missed appointment. */
export async function listDidNotAttend(options: WorklistOptions): Promise<ReferralWorklistRow[]> {
  await assertCan(options.ctx, "referral:read", "referrals.worklist");
  const missedAt = sql<Date>`coalesce(${appointments.startsAt}, ${referrals.updatedAt})`.mapWith(referrals.updatedAt);
  return worklist(options, "did-not-attend", missedAt, [eq(referrals.status, "did_not_attend")]);
}
