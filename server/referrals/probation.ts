import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import { appointments, consents, people, referrals, services } from "@/db/schema";
import { toLondon } from "@/domain/dates";
import type { ReferralStatus, ServiceCategory } from "@/domain/referrals";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { recordAudit } from "../audit/record";
import { consentStates } from "../consent/current";
import { siteScope } from "../scope";
import { personInScope } from "../people/in-scope";

/**
 * What a probation officer may know of a person's referrals (DOMAIN.md): that a referral was made
 * to a kind of service, where it has got to, and when; only while the person consents to sharing
 * with probation. Never the reason, notes, the service's name, a rejection reason or why it was
 * closed: those columns are not even selected. Drafts have not been made yet, so are left out.
 */
export type ProbationReferral = {
  category: ServiceCategory;
  status: Exclude<ReferralStatus, "draft">;
  createdAt: Date;
  sentAt: Date | null;
  acceptedAt: Date | null;
  /** The London date of the first appointment, no time or place. */
  firstAppointmentOn: string | null;
  firstAttendedAt: Date | null;
  endedAt: Date | null;
};

export type ProbationReferrals = { shared: false } | { shared: true; referrals: ProbationReferral[] };

const probationColumns = {
  category: services.category,
  status: referrals.status,
  createdAt: referrals.createdAt,
  sentAt: referrals.sentAt,
  acceptedAt: referrals.acceptedAt,
  firstAppointmentAt: appointments.startsAt,
  firstAttendedAt: referrals.firstAttendedAt,
  endedAt: referrals.endedAt,
};

type ProbationRow = { category: ServiceCategory; status: ReferralStatus; createdAt: Date; sentAt: Date | null; acceptedAt: Date | null; firstAppointmentAt: Date | null; firstAttendedAt: Date | null; endedAt: Date | null };

function toProbationReferral(r: ProbationRow): ProbationReferral[] {
  if (r.status === "draft") return [];
  return [
    {
      category: r.category,
      status: r.status,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      acceptedAt: r.acceptedAt,
      firstAppointmentOn: r.firstAppointmentAt ? toLondon(r.firstAppointmentAt).date : null,
      firstAttendedAt: r.firstAttendedAt,
      endedAt: r.endedAt,
    },
  ];
}

/** One person's referrals as probation may see them. Every view is audited, shared or not. */
export async function getProbationReferrals({ ctx, personId }: { ctx: Ctx; personId: string }): Promise<ProbationReferrals> {
  await assertCan(ctx, "referral-status:read", "referral-status.view");
  const person = await personInScope(ctx, personId, "referral-status.view");

  const shared = (await consentStates(ctx.db, person.id)).share_with_probation === "given";
  await recordAudit(ctx.db, { ...actor(ctx), action: "referral-status.view", outcome: "success", personId: person.id, siteId: person.siteId, entityType: "person", entityId: person.id, detail: { shared } });
  if (!shared) return { shared: false };

  const rows = await ctx.db
    .select(probationColumns)
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .leftJoin(appointments, eq(appointments.id, referrals.firstAppointmentId))
    .where(and(eq(referrals.personId, person.id), inArray(referrals.siteId, siteScope(ctx)), ne(referrals.status, "draft")))
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(200);
  return { shared: true, referrals: rows.flatMap(toProbationReferral) };
}

export const CASELOAD_REFERRALS_PAGE_SIZE = 25;

export type CaseloadReferralRow = ProbationReferral & { personId: string; personName: string; crn: string };
export type CaseloadReferralsPage = { rows: CaseloadReferralRow[]; total: number; page: number; pageCount: number };

/**
 * Referrals of the people assigned to this officer, at their sites, who consent to sharing health
 * status with probation now. The consent in force is the latest conversation about sharing
 * (domain/consent.ts), worked out in the SQL so the list can be paged on the server.
 */
export async function listCaseloadReferrals({ ctx, page = 1 }: { ctx: Ctx; page?: number }): Promise<CaseloadReferralsPage> {
  await assertCan(ctx, "referral-status:read", "referral-status.caseload");
  const myPeople = ctx.db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.assignedOfficerId, ctx.user.id), inArray(people.siteId, siteScope(ctx))));
  const sharing = ctx.db
    .selectDistinctOn([consents.personId], { personId: consents.personId, decision: consents.decision, withdrawnOn: consents.withdrawnOn })
    .from(consents)
    .where(and(eq(consents.kind, "share_with_probation"), inArray(consents.personId, myPeople)))
    .orderBy(consents.personId, desc(consents.recordedAt), desc(consents.id))
    .as("sharing");

  const where = and(
    eq(people.assignedOfficerId, ctx.user.id),
    inArray(people.siteId, siteScope(ctx)),
    inArray(referrals.siteId, siteScope(ctx)),
    ne(referrals.status, "draft"),
    eq(sharing.decision, "given"),
    isNull(sharing.withdrawnOn),
  );

  const [totalRow] = await ctx.db
    .select({ n: count() })
    .from(referrals)
    .innerJoin(people, eq(people.id, referrals.personId))
    .innerJoin(sharing, eq(sharing.personId, people.id))
    .where(where);
  const total = totalRow?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / CASELOAD_REFERRALS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);

  const rows = await ctx.db
    .select({ personId: people.id, givenName: people.givenName, familyName: people.familyName, crn: people.crn, ...probationColumns })
    .from(referrals)
    .innerJoin(people, eq(people.id, referrals.personId))
    .innerJoin(sharing, eq(sharing.personId, people.id))
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .leftJoin(appointments, eq(appointments.id, referrals.firstAppointmentId))
    .where(where)
    .orderBy(asc(people.familyName), asc(people.givenName), asc(people.id), desc(referrals.createdAt), desc(referrals.id))
    .limit(CASELOAD_REFERRALS_PAGE_SIZE)
    .offset((current - 1) * CASELOAD_REFERRALS_PAGE_SIZE);

  await recordAudit(ctx.db, { ...actor(ctx), action: "referral-status.caseload", outcome: "success", detail: { count: rows.length, page: current } });
  return {
    rows: rows.flatMap(({ personId, givenName, familyName, crn, ...r }) => toProbationReferral(r).map((p) => ({ ...p, personId, personName: `${familyName}, ${givenName}`, crn }))),
    total,
    page: current,
    pageCount: total === 0 ? 0 : pageCount,
  };
}
