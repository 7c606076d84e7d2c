import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { appointments, people, sites, treatmentRequirements, users } from "@/db/schema";
import { ageOn, todayInLondon } from "@/domain/dates";
import type { EthnicGroup, OrderType, RequirementKind, SexRegisteredAtGp } from "@/domain/people";
import type { AppointmentKind, AppointmentOutcome, AppointmentType } from "@/domain/appointments";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit } from "../audit/record";
import { siteScope, UUID_PATTERN } from "../scope";
import { visibleAppointmentKinds } from "@/domain/permissions";

export const CASELOAD_PAGE_SIZE = 25;
export const caseloadSorts = ["name", "crn", "dob", "site", "officer", "enrolled"] as const;
export type CaseloadSort = (typeof caseloadSorts)[number];

export type CaseloadQuery = {
  q?: string;
  siteId?: string;
  mine?: boolean;
  sort?: CaseloadSort;
  dir?: "asc" | "desc";
  page?: number;
};

export type CaseloadRow = {
  id: string;
  name: string;
  crn: string;
  dateOfBirth: string;
  age: number;
  siteName: string;
  officerName: string | null;
  enrolledOn: string;
};

export type CaseloadPage = { rows: CaseloadRow[]; total: number; page: number; pageCount: number };

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One page of the people at the user's sites; the site filter is part of the SQL, never applied afterwards. */
export async function listCaseload({ ctx, query }: { ctx: Ctx; query: CaseloadQuery }): Promise<CaseloadPage> {
  await assertCan(ctx, "caseload:read", "caseload.view");
  const officer = alias(users, "officer");

  const conditions: SQL[] = [inArray(people.siteId, siteScope(ctx))];
  if (query.siteId) conditions.push(eq(people.siteId, query.siteId));
  if (query.mine) conditions.push(eq(people.assignedOfficerId, ctx.user.id));
  const q = query.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    const nameMatch = or(
      ilike(people.familyName, pattern),
      ilike(people.givenName, pattern),
      ilike(sql`${people.givenName} || ' ' || ${people.familyName}`, pattern),
    );
    const condition = /^[A-Za-z]\d{1,6}$/.test(q) ? or(ilike(people.crn, `${escapeLike(q.toUpperCase())}%`), nameMatch) : nameMatch;
    if (condition) conditions.push(condition);
  }
  const where = and(...conditions);

  const direction = query.dir === "desc" ? desc : asc;
  const orderBy = {
    name: [direction(people.familyName), direction(people.givenName), asc(people.id)],
    crn: [direction(people.crn)],
    dob: [direction(people.dateOfBirth), asc(people.id)],
    site: [direction(sites.name), asc(people.familyName), asc(people.id)],
    officer: [direction(officer.name), asc(people.familyName), asc(people.id)],
    enrolled: [direction(people.enrolledOn), asc(people.id)],
  }[query.sort ?? "name"];

  const [totalRow] = await ctx.db.select({ n: count() }).from(people).where(where);
  const total = totalRow?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / CASELOAD_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page ?? 1), pageCount);

  const rows = await ctx.db
    .select({
      id: people.id,
      givenName: people.givenName,
      familyName: people.familyName,
      crn: people.crn,
      dateOfBirth: people.dateOfBirth,
      siteName: sites.name,
      officerName: officer.name,
      enrolledOn: people.enrolledOn,
    })
    .from(people)
    .innerJoin(sites, eq(sites.id, people.siteId))
    .leftJoin(officer, eq(officer.id, people.assignedOfficerId))
    .where(where)
    .orderBy(...orderBy)
    .limit(CASELOAD_PAGE_SIZE)
    .offset((page - 1) * CASELOAD_PAGE_SIZE);

  const today = todayInLondon();
  return {
    rows: rows.map((r) => ({
      id: r.id,
      name: `${r.familyName}, ${r.givenName}`,
      crn: r.crn,
      dateOfBirth: r.dateOfBirth,
      age: ageOn(r.dateOfBirth, today),
      siteName: r.siteName,
      officerName: r.officerName,
      enrolledOn: r.enrolledOn,
    })),
    total,
    page,
    pageCount: total === 0 ? 0 : pageCount,
  };
}

export type PersonDetails = {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  age: number;
  crn: string;
  nhsNumber: string | null;
  sexRegisteredAtGp: SexRegisteredAtGp;
  genderIdentity: string | null;
  ethnicGroup: EthnicGroup;
  orderType: OrderType;
  siteId: string;
  siteName: string;
  assignedOfficerId: string | null;
  assignedOfficerName: string | null;
  enrolledOn: string;
  version: number;
  requirements: { kind: RequirementKind; madeOn: string | null; lengthMonths: number | null }[];
};

/** Loads a person at one of the user's sites, or answers not found (and audits the refusal). */
async function findPersonInScope(ctx: Ctx, personId: string) {
  const officer = alias(users, "officer");
  const [row] = await ctx.db
    .select({
      id: people.id,
      givenName: people.givenName,
      familyName: people.familyName,
      dateOfBirth: people.dateOfBirth,
      crn: people.crn,
      nhsNumber: people.nhsNumber,
      sexRegisteredAtGp: people.sexRegisteredAtGp,
      genderIdentity: people.genderIdentity,
      ethnicGroup: people.ethnicGroup,
      orderType: people.orderType,
      siteId: people.siteId,
      siteName: sites.name,
      assignedOfficerId: people.assignedOfficerId,
      assignedOfficerName: officer.name,
      enrolledOn: people.enrolledOn,
      version: people.version,
    })
    .from(people)
    .innerJoin(sites, eq(sites.id, people.siteId))
    .leftJoin(officer, eq(officer.id, people.assignedOfficerId))
    .where(and(eq(people.id, personId), inArray(people.siteId, siteScope(ctx))))
    .limit(1);
  return row;
}


/** The person's page. Every view is audited. */
export async function getPerson({ ctx, personId, audit = true }: { ctx: Ctx; personId: string; audit?: boolean }): Promise<PersonDetails> {
  await assertCan(ctx, "person:read", "person.view");
  const row = UUID_PATTERN.test(personId) ? await findPersonInScope(ctx, personId) : undefined;
  if (!row) return denyNotFound(ctx, "person.view", "person", personId);

  const requirements = await ctx.db
    .select({ kind: treatmentRequirements.kind, madeOn: treatmentRequirements.madeOn, lengthMonths: treatmentRequirements.lengthMonths })
    .from(treatmentRequirements)
    .where(eq(treatmentRequirements.personId, row.id))
    .orderBy(asc(treatmentRequirements.kind));

  if (audit) {
    await recordAudit(ctx.db, { ...actor(ctx), action: "person.view", outcome: "success", personId: row.id, siteId: row.siteId, entityType: "person", entityId: row.id });
  }
  return { ...row, age: ageOn(row.dateOfBirth, todayInLondon()), requirements };
}

export const TIMELINE_PAGE_SIZE = 20;

export type TimelineEntry = {
  id: string;
  kind: AppointmentKind;
  type: AppointmentType;
  startsAt: Date;
  durationMinutes: number;
  clinicianAttends: boolean;
  outcome: AppointmentOutcome | null;
  siteName: string;
  rescheduledFromId: string | null;
  rescheduledToId: string | null;
};

/** The person's appointments, newest first, a page at a time (a long order can have over a thousand). */
export async function getTimeline({ ctx, personId, page = 1 }: { ctx: Ctx; personId: string; page?: number }) {
  await assertCan(ctx, "appointment:read", "timeline.view");
  // Health hub appointments are health information: only roles that may read health see them.
  const scope = and(
    eq(appointments.personId, personId),
    inArray(appointments.siteId, siteScope(ctx)),
    inArray(appointments.kind, visibleAppointmentKinds(ctx.user.role)),
  );
  const [totalRow] = await ctx.db.select({ n: count() }).from(appointments).where(scope);
  const total = totalRow?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / TIMELINE_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const replacement = alias(appointments, "replacement");
  const rows = await ctx.db
    .select({
      id: appointments.id,
      kind: appointments.kind,
      type: appointments.type,
      startsAt: appointments.startsAt,
      durationMinutes: appointments.durationMinutes,
      clinicianAttends: appointments.clinicianAttends,
      outcome: appointments.outcome,
      siteName: sites.name,
      rescheduledFromId: appointments.rescheduledFromId,
      rescheduledToId: replacement.id,
    })
    .from(appointments)
    .innerJoin(sites, eq(sites.id, appointments.siteId))
    .leftJoin(replacement, eq(replacement.rescheduledFromId, appointments.id))
    .where(scope)
    .orderBy(desc(appointments.startsAt), desc(appointments.id))
    .limit(TIMELINE_PAGE_SIZE)
    .offset((current - 1) * TIMELINE_PAGE_SIZE);
  return { entries: rows satisfies TimelineEntry[], total, page: current, pageCount };
}
