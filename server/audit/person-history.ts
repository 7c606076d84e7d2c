import "server-only";
import { and, count, desc, eq, inArray, notInArray, type SQL } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import { actionsOfKind, type AuditActionKind } from "@/domain/audit-actions";
import type { Role } from "@/domain/roles";
import type { Ctx } from "../context";
import { actor, assertCan } from "../authz";
import { personInScope } from "../people/in-scope";
import { recordAudit } from "./record";

export const HISTORY_PAGE_SIZE = 25;
export const PERSON_HISTORY_ACTION = "audit.person-history";

export type HistoryFilter = "all" | "view" | "change";

export type HistoryEntry = {
  id: number;
  at: Date;
  actorName: string | null;
  actorEmail: string | null;
  actorRole: Role | null;
  action: string;
  outcome: "success" | "denied" | "failure";
};

export type PersonHistory = {
  person: { id: string; givenName: string; familyName: string; crn: string };
  entries: HistoryEntry[];
  filter: HistoryFilter;
  total: number;
  page: number;
  pageCount: number;
};

/** SQL for "this kind of action": views and sign-ins are listed; anything else, known or not, is a change. */
export function actionKindCondition(kind: Exclude<AuditActionKind, "access">): SQL | undefined {
  const views = actionsOfKind("view");
  return kind === "view" ? inArray(auditEvents.action, views) : notInArray(auditEvents.action, [...views, ...actionsOfKind("access")]);
}

/**
 * "Who has viewed or changed this record": the audit events about one person, newest first, for
 * clinicians at the person's site. Looking at it is itself recorded.
 */
export async function getPersonHistory({ ctx, input }: { ctx: Ctx; input: { personId: string; page?: number; filter?: HistoryFilter } }): Promise<PersonHistory> {
  await assertCan(ctx, "health:read", PERSON_HISTORY_ACTION);
  const person = await personInScope(ctx, input.personId, PERSON_HISTORY_ACTION);
  const filter: HistoryFilter = input.filter === "view" || input.filter === "change" ? input.filter : "all";

  // Recorded first, so the page shows this very visit at the top.
  await recordAudit(ctx.db, { ...actor(ctx), action: PERSON_HISTORY_ACTION, outcome: "success", personId: person.id, siteId: person.siteId, entityType: "person", entityId: person.id, detail: { filter, page: input.page ?? 1 } });

  const where = and(eq(auditEvents.personId, person.id), filter === "all" ? undefined : actionKindCondition(filter));
  const [totalRow] = await ctx.db.select({ n: count() }).from(auditEvents).where(where);
  const total = totalRow?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(input.page ?? 1) || 1), pageCount);

  const entries = await ctx.db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorName: users.name,
      actorEmail: auditEvents.actorEmail,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(HISTORY_PAGE_SIZE)
    .offset((page - 1) * HISTORY_PAGE_SIZE);

  return {
    person: { id: person.id, givenName: person.givenName, familyName: person.familyName, crn: person.crn },
    entries,
    filter,
    total,
    page,
    pageCount: total === 0 ? 0 : pageCount,
  };
}
