import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { logInfo, logWarn } from "../log";

export type AuditEvent = {
  action: string;
  outcome: "success" | "denied" | "failure";
  userId?: string | null;
  actorEmail?: string | null;
  personId?: string | null;
  siteId?: string | null;
  entityType?: string;
  entityId?: string;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

/** Pass the transaction of the change being recorded, so the change and its audit row commit together. */
export async function recordAudit(db: Executor, event: AuditEvent): Promise<void> {
  await db.insert(auditEvents).values({
    action: event.action,
    outcome: event.outcome,
    userId: event.userId ?? null,
    actorEmail: event.actorEmail ?? null,
    // Read in the same statement, so the row keeps the role the actor had at that moment.
    actorRole: event.userId ? sql`(select ${users.role} from ${users} where ${users.id} = ${event.userId})` : null,
    personId: event.personId ?? null,
    siteId: event.siteId ?? null,
    entityType: event.entityType ?? null,
    entityId: event.entityId ?? null,
    ip: event.ip ?? null,
    detail: event.detail ?? null,
  });
  logSecurityEvent(event);
}

// Signing in and out, sessions, two-factor, passwords and access changes: logged even when they succeed.
const SECURITY_ACTIONS = /^(sign-in|sign-out|session-|two-factor|account\.change-password|user\.(two-factor|reset-password|update-access|disable|enable|create))/;

/**
 * Sign-ins and refusals also go to the server log, for whoever watches it: the action, the
 * outcome and the reason only. Who and whose record stay in the audit table, not the log.
 */
function logSecurityEvent(event: AuditEvent): void {
  if (event.outcome === "success" && !SECURITY_ACTIONS.test(event.action)) return;
  const reason = typeof event.detail?.reason === "string" ? event.detail.reason : undefined;
  const permission = typeof event.detail?.permission === "string" ? event.detail.permission : undefined;
  const fields = { event: "security", action: event.action, outcome: event.outcome, reason, permission };
  if (event.outcome === "success") logInfo("security event", fields);
  else logWarn("security event", fields);
}

/** A read of a list that names people alongside health information (worklists): who looked, and at how many. */
export async function recordListView(
  db: Executor,
  who: { userId: string; actorEmail: string; ip: string | null },
  action: string,
  detail: { count: number; siteId?: string },
): Promise<void> {
  await recordAudit(db, { ...who, action, outcome: "success", siteId: detail.siteId ?? null, detail });
}
