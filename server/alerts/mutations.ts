import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { clinicalAlerts } from "@/db/schema";
import type { AlertKind } from "@/domain/health";
import { healthCheckMessages, messages } from "@/domain/messages";
import type { ActionAlertInput } from "@/domain/schemas/health-check";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit } from "../audit/record";
import { ConflictError } from "../errors";
import { siteScope, UUID_PATTERN } from "../scope";

/**
 * Raises an alert for a health check, in the caller's transaction. One alert per check and kind:
 * saving the same answer again raises (and audits) nothing new.
 */
export async function raiseAlert(
  tx: Executor,
  ctx: Ctx,
  alert: { kind: AlertKind; healthCheckId: string; personId: string; siteId: string },
): Promise<{ id: string } | null> {
  const [raised] = await tx
    .insert(clinicalAlerts)
    .values({ kind: alert.kind, healthCheckId: alert.healthCheckId, personId: alert.personId, siteId: alert.siteId })
    .onConflictDoNothing({ target: [clinicalAlerts.healthCheckId, clinicalAlerts.kind] })
    .returning({ id: clinicalAlerts.id });
  if (!raised) return null;
  await recordAudit(tx, {
    ...actor(ctx),
    action: "alert.raise",
    outcome: "success",
    personId: alert.personId,
    siteId: alert.siteId,
    entityType: "clinical_alert",
    entityId: raised.id,
    detail: { kind: alert.kind, healthCheckId: alert.healthCheckId },
  });
  return raised;
}

/** Records the same-day action taken on an alert, which closes it. */
export async function actionAlert({ ctx, input, now = new Date() }: { ctx: Ctx; input: ActionAlertInput; now?: Date }): Promise<{ personId: string; healthCheckId: string }> {
  await assertCan(ctx, "health:write", "alert.action");
  const [alert] = UUID_PATTERN.test(input.alertId)
    ? await ctx.db
        .select({ id: clinicalAlerts.id, personId: clinicalAlerts.personId, siteId: clinicalAlerts.siteId, healthCheckId: clinicalAlerts.healthCheckId, actionedAt: clinicalAlerts.actionedAt })
        .from(clinicalAlerts)
        .where(and(eq(clinicalAlerts.id, input.alertId), inArray(clinicalAlerts.siteId, siteScope(ctx))))
        .limit(1)
    : [];
  if (!alert) return denyNotFound(ctx, "alert.action", "clinical_alert", input.alertId);
  if (alert.actionedAt) throw new ConflictError(healthCheckMessages.alertAlreadyActioned);

  return ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(clinicalAlerts)
      .set({ action: input.action, actionNote: input.note, actionedAt: now, actionedById: ctx.user.id, version: sql`${clinicalAlerts.version} + 1` })
      .where(and(eq(clinicalAlerts.id, alert.id), eq(clinicalAlerts.version, input.version), isNull(clinicalAlerts.actionedAt), inArray(clinicalAlerts.siteId, siteScope(ctx))))
      .returning({ id: clinicalAlerts.id });
    if (updated.length === 0) throw new ConflictError(messages.conflict);
    // The note may hold clinical detail: it stays on the alert, not in the audit trail.
    await recordAudit(tx, {
      ...actor(ctx),
      action: "alert.action",
      outcome: "success",
      personId: alert.personId,
      siteId: alert.siteId,
      entityType: "clinical_alert",
      entityId: alert.id,
      detail: { action: input.action, version: input.version + 1 },
    });
    return { personId: alert.personId, healthCheckId: alert.healthCheckId };
  });
}
