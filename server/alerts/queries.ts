import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { clinicalAlerts, healthChecks, people, sites, users } from "@/db/schema";
import type { AlertAction, AlertKind, HealthCheckStatus } from "@/domain/health";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit, recordListView } from "../audit/record";
import { siteScope, UUID_PATTERN } from "../scope";

export type OpenAlertRow = {
  alertId: string;
  personId: string;
  personName: string;
  crn: string;
  siteName: string;
  raisedAt: Date;
  kind: AlertKind;
};

/** Alerts still waiting for their same-day action, at the user's sites, oldest first (for the worklist). */
export async function listOpenAlerts({ ctx, siteId }: { ctx: Ctx; siteId?: string }): Promise<OpenAlertRow[]> {
  await assertCan(ctx, "health:read", "alerts.list");
  const rows = await ctx.db
    .select({
      alertId: clinicalAlerts.id,
      personId: clinicalAlerts.personId,
      givenName: people.givenName,
      familyName: people.familyName,
      crn: people.crn,
      siteName: sites.name,
      raisedAt: clinicalAlerts.raisedAt,
      kind: clinicalAlerts.kind,
    })
    .from(clinicalAlerts)
    .innerJoin(people, eq(people.id, clinicalAlerts.personId))
    .innerJoin(sites, eq(sites.id, clinicalAlerts.siteId))
    .where(and(inArray(clinicalAlerts.siteId, siteScope(ctx)), siteId ? eq(clinicalAlerts.siteId, siteId) : undefined, isNull(clinicalAlerts.actionedAt)))
    .orderBy(asc(clinicalAlerts.raisedAt), asc(clinicalAlerts.id))
    .limit(500);
  await recordListView(ctx.db, actor(ctx), "alerts.list", { count: rows.length, siteId });
  return rows.map(({ givenName, familyName, ...r }) => ({ ...r, personName: `${givenName} ${familyName}` }));
}

export type PersonAlertRow = { alertId: string; kind: AlertKind; raisedAt: Date; healthCheckId: string };

/** One person's open alerts, oldest first (for the person page). */
export async function listOpenAlertsForPerson({ ctx, personId }: { ctx: Ctx; personId: string }): Promise<PersonAlertRow[]> {
  await assertCan(ctx, "health:read", "alerts.list");
  if (!UUID_PATTERN.test(personId)) return [];
  return ctx.db
    .select({ alertId: clinicalAlerts.id, kind: clinicalAlerts.kind, raisedAt: clinicalAlerts.raisedAt, healthCheckId: clinicalAlerts.healthCheckId })
    .from(clinicalAlerts)
    .where(and(eq(clinicalAlerts.personId, personId), inArray(clinicalAlerts.siteId, siteScope(ctx)), isNull(clinicalAlerts.actionedAt)))
    .orderBy(asc(clinicalAlerts.raisedAt), asc(clinicalAlerts.id));
}

export type AlertView = {
  id: string;
  kind: AlertKind;
  raisedAt: Date;
  personId: string;
  personName: string;
  crn: string;
  siteId: string;
  siteName: string;
  healthCheckId: string;
  healthCheckStatus: HealthCheckStatus;
  healthCheckStartedAt: Date;
  action: AlertAction | null;
  actionNote: string | null;
  actionedAt: Date | null;
  actionedByName: string | null;
  version: number;
};

/** One alert at the user's sites. Every view is audited. */
export async function getAlert({ ctx, alertId }: { ctx: Ctx; alertId: string }): Promise<AlertView> {
  await assertCan(ctx, "health:read", "alert.view");
  const actionedBy = alias(users, "actioned_by");
  const [row] = UUID_PATTERN.test(alertId)
    ? await ctx.db
        .select({
          id: clinicalAlerts.id,
          kind: clinicalAlerts.kind,
          raisedAt: clinicalAlerts.raisedAt,
          personId: clinicalAlerts.personId,
          givenName: people.givenName,
          familyName: people.familyName,
          crn: people.crn,
          siteId: clinicalAlerts.siteId,
          siteName: sites.name,
          healthCheckId: clinicalAlerts.healthCheckId,
          healthCheckStatus: healthChecks.status,
          healthCheckStartedAt: healthChecks.createdAt,
          action: clinicalAlerts.action,
          actionNote: clinicalAlerts.actionNote,
          actionedAt: clinicalAlerts.actionedAt,
          actionedByName: actionedBy.name,
          version: clinicalAlerts.version,
        })
        .from(clinicalAlerts)
        .innerJoin(people, eq(people.id, clinicalAlerts.personId))
        .innerJoin(sites, eq(sites.id, clinicalAlerts.siteId))
        .innerJoin(healthChecks, eq(healthChecks.id, clinicalAlerts.healthCheckId))
        .leftJoin(actionedBy, eq(actionedBy.id, clinicalAlerts.actionedById))
        .where(and(eq(clinicalAlerts.id, alertId), inArray(clinicalAlerts.siteId, siteScope(ctx))))
        .limit(1)
    : [];
  if (!row) return denyNotFound(ctx, "alert.view", "clinical_alert", alertId);
  await recordAudit(ctx.db, { ...actor(ctx), action: "alert.view", outcome: "success", personId: row.personId, siteId: row.siteId, entityType: "clinical_alert", entityId: row.id });
  const { givenName, familyName, ...rest } = row;
  return { ...rest, personName: `${givenName} ${familyName}` };
}
