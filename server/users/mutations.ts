import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { userSites, users } from "@/db/schema";
import { messages, userMessages } from "@/domain/messages";
import type { CreateUserInput, ResetPasswordInput, SetUserDisabledInput, UpdateUserAccessInput } from "@/domain/schemas/user";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit } from "../audit/record";
import { withIdempotency } from "../idempotency";
import { hashPassword } from "../auth/passwords";
import { uniqueViolation } from "../db-errors";
import { ConflictError, ValidationError } from "../errors";
import { inMySites, siteScope } from "../scope";
import { assertManagesEverySiteOf, userInScope } from "./scope";

// Audit rows never carry a password or its hash: only who changed what, and the new role and sites.

function rethrowUnique(error: unknown): never {
  if (uniqueViolation(error) === "users_email_unique") throw new ValidationError({ email: messages.emailTaken });
  throw error;
}

/** An administrator can only give access to sites they work at themselves. */
function sitesError(ctx: Ctx, siteIds: string[]): Record<string, string> {
  return siteIds.every((id) => inMySites(ctx, id)) ? {} : { siteIds: userMessages.sitesNotYours };
}

async function findUserInScope(ctx: Ctx, userId: string) {
  const [row] = await ctx.db
    .select({ id: users.id, role: users.role, disabled: users.disabled })
    .from(users)
    .where(and(eq(users.id, userId), userInScope(ctx)))
    .limit(1);
  return row;
}

export async function createUser({ ctx, input }: { ctx: Ctx; input: CreateUserInput }): Promise<{ id: string }> {
  await assertCan(ctx, "user:manage", "user.create");
  const email = input.email.trim().toLowerCase();
  // Hashing is deliberately slow: do it before the transaction opens, not while it holds locks.
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      return withIdempotency(tx, ctx, input.idempotencyKey, "user.create", async () => {
        const errors = sitesError(ctx, input.siteIds);
        // Emails are unique across every site; the message does not say where the match is.
        const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
        if (taken) errors.email = messages.emailTaken;
        if (Object.keys(errors).length) throw new ValidationError(errors);

        const [created] = await tx.insert(users).values({ name: input.name, email, role: input.role, passwordHash }).returning({ id: users.id });
        if (!created) throw new Error("insert returned no row");
        await tx.insert(userSites).values(input.siteIds.map((siteId) => ({ userId: created.id, siteId })));
        await recordAudit(tx, {
          ...actor(ctx),
          action: "user.create",
          outcome: "success",
          entityType: "user",
          entityId: created.id,
          detail: { role: input.role, siteIds: input.siteIds },
        });
        return created;
      });
    });
  } catch (error) {
    rethrowUnique(error);
  }
}

/**
 * Changes a user's role and, among the administrator's own sites, which sites they work at; any
 * other sites they have are kept. Saves only if nobody changed the user since the form was opened,
 * and ends the user's existing sessions so the new access applies at once.
 */
export async function updateUserAccess({ ctx, input }: { ctx: Ctx; input: UpdateUserAccessInput }): Promise<void> {
  await assertCan(ctx, "user:manage", "user.update-access");
  const existing = await findUserInScope(ctx, input.userId);
  if (!existing) return denyNotFound(ctx, "user.update-access", "user", input.userId);
  await assertManagesEverySiteOf(ctx, existing.id, "user.update-access");
  // Guards against locking oneself out (and signing oneself out mid-edit).
  if (existing.id === ctx.user.id) throw new ValidationError({ role: userMessages.cannotChangeOwnAccess });
  const errors = sitesError(ctx, input.siteIds);
  if (Object.keys(errors).length) throw new ValidationError(errors);

  await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({
        role: input.role,
        version: sql`${users.version} + 1`,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(users.id, input.userId), eq(users.version, input.version), userInScope(ctx)))
      .returning({ id: users.id });
    if (updated.length === 0) throw new ConflictError(messages.conflict);

    const current = (
      await tx
        .select({ siteId: userSites.siteId })
        .from(userSites)
        .where(and(eq(userSites.userId, input.userId), inArray(userSites.siteId, siteScope(ctx))))
    ).map((r) => r.siteId);
    const removed = current.filter((id) => !input.siteIds.includes(id));
    const added = input.siteIds.filter((id) => !current.includes(id));
    if (removed.length) await tx.delete(userSites).where(and(eq(userSites.userId, input.userId), inArray(userSites.siteId, removed)));
    if (added.length) await tx.insert(userSites).values(added.map((siteId) => ({ userId: input.userId, siteId })));

    await recordAudit(tx, {
      ...actor(ctx),
      action: "user.update-access",
      outcome: "success",
      entityType: "user",
      entityId: input.userId,
      detail: { fromRole: existing.role, toRole: input.role, sitesAdded: added, sitesRemoved: removed, version: input.version + 1 },
    });
  });
}

/** Disables or re-enables an account; either way the user's existing sessions end. */
export async function setUserDisabled({ ctx, input }: { ctx: Ctx; input: SetUserDisabledInput }): Promise<void> {
  const action = input.disabled ? "user.disable" : "user.enable";
  await assertCan(ctx, "user:manage", action);
  const existing = await findUserInScope(ctx, input.userId);
  if (!existing) return denyNotFound(ctx, action, "user", input.userId);
  await assertManagesEverySiteOf(ctx, existing.id, action);
  if (input.disabled && existing.id === ctx.user.id) throw new ValidationError({ disabled: userMessages.cannotDisableSelf });
  // Already as asked (a second click, or another administrator got there first): nothing to record.
  if (existing.disabled === input.disabled) return;

  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        disabled: input.disabled,
        version: sql`${users.version} + 1`,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(users.id, input.userId), userInScope(ctx)));
    await recordAudit(tx, { ...actor(ctx), action, outcome: "success", entityType: "user", entityId: input.userId });
  });
}

/**
 * Sets a new password chosen by the administrator and ends the user's existing sessions. The
 * record's version is left alone: a password is not part of the access form someone may have open.
 */
export async function resetPassword({ ctx, input }: { ctx: Ctx; input: ResetPasswordInput }): Promise<void> {
  await assertCan(ctx, "user:manage", "user.reset-password");
  const existing = await findUserInScope(ctx, input.userId);
  if (!existing) return denyNotFound(ctx, "user.reset-password", "user", input.userId);
  await assertManagesEverySiteOf(ctx, existing.id, "user.reset-password");
  const passwordHash = await hashPassword(input.password);

  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, input.userId), userInScope(ctx)));
    await recordAudit(tx, { ...actor(ctx), action: "user.reset-password", outcome: "success", entityType: "user", entityId: input.userId });
  });
}
