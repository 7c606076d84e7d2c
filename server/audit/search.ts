import "server-only";
import { and, count, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { auditEvents, people } from "@/db/schema";
import { auditSearchMessages, exclusiveEnd, type AuditSearchQuery, type PersonRef } from "@/domain/audit-search";
import { londonToUtc } from "@/domain/dates";
import type { Role } from "@/domain/roles";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { ValidationError } from "../errors";
import { siteScope } from "../scope";
import { recordAudit } from "./record";

/**
 * The administrator's audit search. Administrators run the system and see no health records: a
 * person appears here only as an id and a CRN, and a person is found by CRN, NHS number or id
 * without showing anything else about them. The audit search is part of running the system, so it
 * needs `user:manage` (administrators only).
 *
 * Scope: events at the administrator's sites, plus events with no site that concern no person or a
 * person at their sites (sign-ins, list views, refusals).
 */
export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_CAP = 10_000;
export const AUDIT_SEARCH_ACTION = "audit.search";
export const AUDIT_EXPORT_ACTION = "audit.export";

export type AuditRow = {
  id: number;
  at: Date;
  actorEmail: string | null;
  actorRole: Role | null;
  action: string;
  outcome: "success" | "denied" | "failure";
  personId: string | null;
  personCrn: string | null;
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  reason: string | null;
};

export type AuditSearchResult = { rows: AuditRow[]; total: number; page: number; pageCount: number };

async function resolvePerson(ctx: Ctx, ref: PersonRef): Promise<string | null> {
  const column = ref.kind === "crn" ? people.crn : ref.kind === "nhsNumber" ? people.nhsNumber : people.id;
  const [row] = await ctx.db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(column, ref.value), inArray(people.siteId, siteScope(ctx))))
    .limit(1);
  return row?.id ?? null;
}

async function whereFor(ctx: Ctx, query: AuditSearchQuery): Promise<SQL | undefined> {
  const scope = siteScope(ctx);
  const peopleHere = ctx.db.select({ id: people.id }).from(people).where(inArray(people.siteId, scope));
  const conditions: (SQL | undefined)[] = [or(inArray(auditEvents.siteId, scope), and(isNull(auditEvents.siteId), or(isNull(auditEvents.personId), inArray(auditEvents.personId, peopleHere))))];
  if (query.person) {
    const personId = await resolvePerson(ctx, query.person);
    if (!personId) throw new ValidationError({ person: auditSearchMessages.personNotFound });
    conditions.push(eq(auditEvents.personId, personId));
  }
  if (query.userEmail) conditions.push(eq(sql`lower(${auditEvents.actorEmail})`, query.userEmail));
  if (query.action) conditions.push(eq(auditEvents.action, query.action));
  if (query.outcome) conditions.push(eq(auditEvents.outcome, query.outcome));
  if (query.from) {
    const start = londonToUtc(query.from, "00:00");
    if (start) conditions.push(gte(auditEvents.at, start));
  }
  if (query.to) {
    const end = londonToUtc(exclusiveEnd(query.to), "00:00");
    if (end) conditions.push(lt(auditEvents.at, end));
  }
  return and(...conditions);
}

function selectRows(ctx: Ctx, where: SQL | undefined) {
  return ctx.db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorEmail: auditEvents.actorEmail,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      personId: auditEvents.personId,
      personCrn: people.crn,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      ip: auditEvents.ip,
      reason: sql<string | null>`${auditEvents.detail}->>'reason'`,
    })
    .from(auditEvents)
    .leftJoin(people, eq(people.id, auditEvents.personId))
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id));
}

/** What the search was, for the audit row: the filters, not the results. */
const searchDetail = (query: AuditSearchQuery) => ({ filters: { ...query, person: query.person ? query.person.kind : undefined } });

export async function searchAuditEvents({ ctx, input }: { ctx: Ctx; input: { query: AuditSearchQuery; page?: number } }): Promise<AuditSearchResult> {
  await assertCan(ctx, "user:manage", AUDIT_SEARCH_ACTION);
  const where = await whereFor(ctx, input.query);
  const [totalRow] = await ctx.db.select({ n: count() }).from(auditEvents).where(where);
  const total = totalRow?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(input.page ?? 1) || 1), pageCount);
  const rows = await selectRows(ctx, where)
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  await recordAudit(ctx.db, { ...actor(ctx), action: AUDIT_SEARCH_ACTION, outcome: "success", detail: { ...searchDetail(input.query), page, total } });
  return { rows, total, page, pageCount: total === 0 ? 0 : pageCount };
}

/** The newest AUDIT_EXPORT_CAP events of the search; `capped` says there were more. */
export async function exportAuditEvents({ ctx, input }: { ctx: Ctx; input: { query: AuditSearchQuery } }): Promise<{ rows: AuditRow[]; total: number; capped: boolean }> {
  await assertCan(ctx, "user:manage", AUDIT_EXPORT_ACTION);
  const where = await whereFor(ctx, input.query);
  const [totalRow] = await ctx.db.select({ n: count() }).from(auditEvents).where(where);
  const total = totalRow?.n ?? 0;
  const rows = await selectRows(ctx, where).limit(AUDIT_EXPORT_CAP);
  await recordAudit(ctx.db, { ...actor(ctx), action: AUDIT_EXPORT_ACTION, outcome: "success", detail: { ...searchDetail(input.query), rows: rows.length, total } });
  return { rows, total, capped: total > rows.length };
}
