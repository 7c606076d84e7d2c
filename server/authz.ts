import "server-only";
import { can, type Permission } from "@/domain/permissions";
import type { Ctx } from "./context";
import { recordAudit } from "./audit/record";
import { ForbiddenError, NotFoundError } from "./errors";

/** The first line of every use case. A refusal is audited, then thrown. */
export async function assertCan(ctx: Ctx, permission: Permission, action: string): Promise<void> {
  if (can(ctx.user.role, permission)) return;
  await recordAudit(ctx.db, {
    action,
    outcome: "denied",
    userId: ctx.user.id,
    actorEmail: ctx.user.email,
    ip: ctx.ip,
    detail: { reason: "permission", permission },
  });
  throw new ForbiddenError(permission);
}

/**
 * A record that does not exist and a record at a site the user does not work at look the same to
 * the user; the audit trail tells them apart.
 */
export async function denyNotFound(ctx: Ctx, action: string, entityType: string, entityId: string): Promise<never> {
  await recordAudit(ctx.db, {
    action,
    outcome: "denied",
    userId: ctx.user.id,
    actorEmail: ctx.user.email,
    ip: ctx.ip,
    entityType,
    entityId,
    detail: { reason: "not found or not at the user's sites" },
  });
  throw new NotFoundError(entityType);
}

export function actor(ctx: Ctx) {
  return { userId: ctx.user.id, actorEmail: ctx.user.email, ip: ctx.ip };
}
