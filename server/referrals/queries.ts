import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { appointments, gpRegistrations, healthChecks, people, referralEvents, referrals, services, sites, users } from "@/db/schema";
import type { AppointmentOutcome } from "@/domain/appointments";
import type { ConsentState } from "@/domain/consent";
import { toLondon, todayInLondon } from "@/domain/dates";
import { isTerminal, nextEvents, openReferralStatuses, type ReferralEvent } from "@/domain/referral-lifecycle";
import { suggestReferrals, type ReferralSuggestion } from "@/domain/referral-suggestions";
import type { ClosureReason, ReferralStatus, ReferralUrgency, ServiceCategory } from "@/domain/referrals";
import { workingDaysBetween } from "@/domain/working-days";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit, recordListView } from "../audit/record";
import { consentStates } from "../consent/current";
import { personInScope } from "../people/in-scope";
import { siteScope, UUID_PATTERN } from "../scope";

/** Working days a referral has been in its current status, or null once it is finished. */
function daysWaiting(status: ReferralStatus, since: Date, now: Date): number | null {
  return isTerminal(status) ? null : workingDaysBetween(toLondon(since).date, todayInLondon(now));
}

export type ReferralHistoryEntry = { id: string; from: ReferralStatus | null; to: ReferralStatus; at: Date; byName: string; note: string | null };

export type ReferralView = {
  id: string;
  person: { id: string; name: string; crn: string };
  siteName: string;
  service: { id: string; name: string; category: ServiceCategory; contact: string | null };
  reason: string;
  urgency: ReferralUrgency;
  personAgreed: boolean;
  status: ReferralStatus;
  closureReason: ClosureReason | null;
  rejectionReason: string | null;
  healthCheckId: string | null;
  firstAppointment: { id: string; startsAt: Date; outcome: AppointmentOutcome | null } | null;
  createdAt: Date;
  createdByName: string;
  sentAt: Date | null;
  respondedAt: Date | null;
  acceptedAt: Date | null;
  appointmentBookedAt: Date | null;
  firstAttendedAt: Date | null;
  endedAt: Date | null;
  updatedAt: Date;
  workingDaysWaiting: number | null;
  version: number;
  /** The steps the lifecycle allows from here, for the page's form. */
  nextEvents: ReferralEvent[];
  /** Oldest first. */
  history: ReferralHistoryEntry[];
};

/** One referral at the user's sites, with its full history. Every view is audited. */
export async function getReferral({ ctx, referralId, now = new Date() }: { ctx: Ctx; referralId: string; now?: Date }): Promise<ReferralView> {
  await assertCan(ctx, "referral:read", "referral.view");
  const creator = alias(users, "creator");
  const [row] = UUID_PATTERN.test(referralId)
    ? await ctx.db
        .select({
          id: referrals.id,
          personId: people.id,
          givenName: people.givenName,
          familyName: people.familyName,
          crn: people.crn,
          siteId: referrals.siteId,
          siteName: sites.name,
          serviceId: services.id,
          serviceName: services.name,
          serviceCategory: services.category,
          serviceContact: services.contact,
          reason: referrals.reason,
          urgency: referrals.urgency,
          personAgreed: referrals.personAgreed,
          status: referrals.status,
          closureReason: referrals.closureReason,
          rejectionReason: referrals.rejectionReason,
          healthCheckId: referrals.healthCheckId,
          appointmentId: appointments.id,
          appointmentStartsAt: appointments.startsAt,
          appointmentOutcome: appointments.outcome,
          createdAt: referrals.createdAt,
          createdByName: creator.name,
          sentAt: referrals.sentAt,
          respondedAt: referrals.respondedAt,
          acceptedAt: referrals.acceptedAt,
          appointmentBookedAt: referrals.appointmentBookedAt,
          firstAttendedAt: referrals.firstAttendedAt,
          endedAt: referrals.endedAt,
          updatedAt: referrals.updatedAt,
          version: referrals.version,
        })
        .from(referrals)
        .innerJoin(people, eq(people.id, referrals.personId))
        .innerJoin(sites, eq(sites.id, referrals.siteId))
        .innerJoin(services, eq(services.id, referrals.serviceId))
        .innerJoin(creator, eq(creator.id, referrals.createdById))
        .leftJoin(appointments, eq(appointments.id, referrals.firstAppointmentId))
        .where(and(eq(referrals.id, referralId), inArray(referrals.siteId, siteScope(ctx)), inArray(people.siteId, siteScope(ctx))))
        .limit(1)
    : [];
  if (!row) return denyNotFound(ctx, "referral.view", "referral", referralId);

  const history = await ctx.db
    .select({ id: referralEvents.id, from: referralEvents.fromStatus, to: referralEvents.toStatus, at: referralEvents.at, byName: users.name, note: referralEvents.note })
    .from(referralEvents)
    .innerJoin(users, eq(users.id, referralEvents.byId))
    .where(eq(referralEvents.referralId, row.id))
    // Created and sent in one go share a time: the creation (from nothing) comes first.
    .orderBy(asc(referralEvents.at), sql`${referralEvents.fromStatus} is not null`, asc(referralEvents.id));

  await recordAudit(ctx.db, { ...actor(ctx), action: "referral.view", outcome: "success", personId: row.personId, siteId: row.siteId, entityType: "referral", entityId: row.id });
  return {
    id: row.id,
    person: { id: row.personId, name: `${row.givenName} ${row.familyName}`, crn: row.crn },
    siteName: row.siteName,
    service: { id: row.serviceId, name: row.serviceName, category: row.serviceCategory, contact: row.serviceContact },
    reason: row.reason,
    urgency: row.urgency,
    personAgreed: row.personAgreed,
    status: row.status,
    closureReason: row.closureReason,
    rejectionReason: row.rejectionReason,
    healthCheckId: row.healthCheckId,
    firstAppointment: row.appointmentId && row.appointmentStartsAt ? { id: row.appointmentId, startsAt: row.appointmentStartsAt, outcome: row.appointmentOutcome } : null,
    createdAt: row.createdAt,
    createdByName: row.createdByName,
    sentAt: row.sentAt,
    respondedAt: row.respondedAt,
    acceptedAt: row.acceptedAt,
    appointmentBookedAt: row.appointmentBookedAt,
    firstAttendedAt: row.firstAttendedAt,
    endedAt: row.endedAt,
    updatedAt: row.updatedAt,
    workingDaysWaiting: daysWaiting(row.status, row.updatedAt, now),
    version: row.version,
    nextEvents: nextEvents(row.status),
    history,
  };
}

export type PersonReferralRow = {
  id: string;
  serviceName: string;
  category: ServiceCategory;
  status: ReferralStatus;
  urgency: ReferralUrgency;
  createdAt: Date;
  sentAt: Date | null;
  updatedAt: Date;
  firstAppointmentAt: Date | null;
  workingDaysWaiting: number | null;
};

/** A person's referrals, newest first (the clinician's card on the person page). Audited. */
export async function listReferralsForPerson({ ctx, personId, now = new Date() }: { ctx: Ctx; personId: string; now?: Date }): Promise<PersonReferralRow[]> {
  await assertCan(ctx, "referral:read", "referrals.person");
  const person = await personInScope(ctx, personId, "referrals.person");
  const rows = await ctx.db
    .select({
      id: referrals.id,
      serviceName: services.name,
      category: services.category,
      status: referrals.status,
      urgency: referrals.urgency,
      createdAt: referrals.createdAt,
      sentAt: referrals.sentAt,
      updatedAt: referrals.updatedAt,
      firstAppointmentAt: appointments.startsAt,
    })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .leftJoin(appointments, eq(appointments.id, referrals.firstAppointmentId))
    .where(and(eq(referrals.personId, person.id), inArray(referrals.siteId, siteScope(ctx))))
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(200);
  await recordAudit(ctx.db, { ...actor(ctx), action: "referrals.person", outcome: "success", personId: person.id, siteId: person.siteId, entityType: "person", entityId: person.id, detail: { count: rows.length } });
  return rows.map((r) => ({ ...r, workingDaysWaiting: daysWaiting(r.status, r.updatedAt, now) }));
}

export const REFERRALS_PAGE_SIZE = 25;
export const referralSorts = ["waiting", "person", "created", "status"] as const;
export type ReferralSort = (typeof referralSorts)[number];
/** "open": every status still needing something to happen; "all": everything. */
export type ReferralStatusFilter = ReferralStatus | "open" | "all";

export type ReferralListQuery = { status?: ReferralStatusFilter; siteId?: string; sort?: ReferralSort; dir?: "asc" | "desc"; page?: number };

export type ReferralListRow = {
  id: string;
  personId: string;
  personName: string;
  crn: string;
  siteName: string;
  serviceName: string;
  category: ServiceCategory;
  status: ReferralStatus;
  urgency: ReferralUrgency;
  createdAt: Date;
  /** When the referral reached its current status. */
  since: Date;
  workingDaysWaiting: number | null;
};

export type ReferralListPage = { rows: ReferralListRow[]; total: number; page: number; pageCount: number };

/**
 * All referrals at the user's sites, a page at a time, filtered by status and sorted on the
 * server. "Days waiting" counts from the last change of status (updated_at: every step sets it),
 * so sorting by it is sorting by that time: most days waiting first is the oldest change first.
 */
export async function listReferrals({ ctx, query, now = new Date() }: { ctx: Ctx; query: ReferralListQuery; now?: Date }): Promise<ReferralListPage> {
  await assertCan(ctx, "referral:read", "referrals.list");
  const conditions: SQL[] = [inArray(referrals.siteId, siteScope(ctx)), inArray(people.siteId, siteScope(ctx))];
  if (query.siteId) conditions.push(eq(referrals.siteId, query.siteId));
  const status = query.status ?? "open";
  if (status === "open") conditions.push(inArray(referrals.status, [...openReferralStatuses]));
  else if (status !== "all") conditions.push(eq(referrals.status, status));
  const where = and(...conditions);

  const dir = query.dir ?? (query.sort === undefined || query.sort === "waiting" ? "desc" : "asc");
  const direction = dir === "desc" ? desc : asc;
  const orderBy = {
    // More days waiting means an earlier last change.
    waiting: [dir === "desc" ? asc(referrals.updatedAt) : desc(referrals.updatedAt), asc(referrals.id)],
    person: [direction(people.familyName), direction(people.givenName), asc(referrals.id)],
    created: [direction(referrals.createdAt), asc(referrals.id)],
    status: [direction(referrals.status), asc(referrals.updatedAt), asc(referrals.id)],
  }[query.sort ?? "waiting"];

  const [totalRow] = await ctx.db.select({ n: count() }).from(referrals).innerJoin(people, eq(people.id, referrals.personId)).where(where);
  const total = totalRow?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / REFERRALS_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page ?? 1), pageCount);

  const rows = await ctx.db
    .select({
      id: referrals.id,
      personId: people.id,
      givenName: people.givenName,
      familyName: people.familyName,
      crn: people.crn,
      siteName: sites.name,
      serviceName: services.name,
      category: services.category,
      status: referrals.status,
      urgency: referrals.urgency,
      createdAt: referrals.createdAt,
      since: referrals.updatedAt,
    })
    .from(referrals)
    .innerJoin(people, eq(people.id, referrals.personId))
    .innerJoin(sites, eq(sites.id, referrals.siteId))
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .where(where)
    .orderBy(...orderBy)
    .limit(REFERRALS_PAGE_SIZE)
    .offset((page - 1) * REFERRALS_PAGE_SIZE);
  await recordListView(ctx.db, actor(ctx), "referrals.list", { count: rows.length, siteId: query.siteId });

  return {
    rows: rows.map(({ givenName, familyName, ...r }) => ({ ...r, personName: `${familyName}, ${givenName}`, workingDaysWaiting: daysWaiting(r.status, r.since, now) })),
    total,
    page,
    pageCount: total === 0 ? 0 : pageCount,
  };
}

export type ServiceOption = { id: string; name: string; category: ServiceCategory };

export type NewReferralOptions = {
  person: { id: string; name: string; crn: string };
  hubCareConsent: ConsentState;
  /** Active services at the person's site, by category then name. */
  services: ServiceOption[];
  /** The latest completed health check, which the suggestions come from. */
  latestHealthCheck: { id: string; completedAt: Date } | null;
  suggestions: ReferralSuggestion[];
};

/**
 * What the "make a referral" page offers: the services at the person's site and referrals worth
 * considering from their latest completed health check and GP status. Reads scores, so audited.
 */
export async function getNewReferralOptions({ ctx, personId }: { ctx: Ctx; personId: string }): Promise<NewReferralOptions> {
  await assertCan(ctx, "referral:write", "referral.new");
  const person = await personInScope(ctx, personId, "referral.new");
  const serviceRows = await ctx.db
    .select({ id: services.id, name: services.name, category: services.category })
    .from(services)
    .where(and(eq(services.siteId, person.siteId), inArray(services.siteId, siteScope(ctx)), eq(services.active, true)))
    .orderBy(asc(services.category), asc(services.name))
    .limit(500);
  const [latest] = await ctx.db
    .select({
      id: healthChecks.id,
      completedAt: healthChecks.completedAt,
      smokingStatus: healthChecks.smokingStatus,
      vapes: healthChecks.vapes,
      hsiScore: healthChecks.hsiScore,
      auditCScore: healthChecks.auditCScore,
      auditCPositive: healthChecks.auditCPositive,
      auditScore: healthChecks.auditScore,
      phq9Score: healthChecks.phq9Score,
      phq9Item9: healthChecks.phq9Item9,
      gad7Score: healthChecks.gad7Score,
      bmi: healthChecks.bmi,
    })
    .from(healthChecks)
    .where(and(eq(healthChecks.personId, person.id), eq(healthChecks.status, "completed"), inArray(healthChecks.siteId, siteScope(ctx))))
    .orderBy(desc(healthChecks.completedAt), desc(healthChecks.id))
    .limit(1);
  const [gp] = await ctx.db
    .select({ status: gpRegistrations.status })
    .from(gpRegistrations)
    .where(eq(gpRegistrations.personId, person.id))
    .orderBy(desc(gpRegistrations.recordedAt), asc(gpRegistrations.atEnrolment))
    .limit(1);
  const { hub_care: hubCareConsent } = await consentStates(ctx.db, person.id);

  // The suggestions use scores only; bands are not needed to suggest, so they are not read.
  const scores = latest ? { ...latest, hsiBand: null, auditBand: null, phq9Band: null, gad7Band: null } : null;
  await recordAudit(ctx.db, { ...actor(ctx), action: "referral.new", outcome: "success", personId: person.id, siteId: person.siteId, entityType: "person", entityId: person.id });
  return {
    person: { id: person.id, name: `${person.givenName} ${person.familyName}`, crn: person.crn },
    hubCareConsent,
    services: serviceRows,
    latestHealthCheck: latest?.completedAt ? { id: latest.id, completedAt: latest.completedAt } : null,
    suggestions: suggestReferrals({ scores, gpStatus: gp?.status ?? null }),
  };
}
