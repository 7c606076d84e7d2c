import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Role } from "@/domain/roles";
import type { ResetUserTwoFactorInput, UserTwoFactorRequiredInput } from "@/domain/totp-schemas";
import { rolesRequiringTwoFactor } from "@/domain/totp-policy";
import type { Ctx } from "../context";
import { actor, assertCan, denyNotFound } from "../authz";
import { recordAudit } from "../audit/record";
import { assertManagesEverySiteOf, userInScope } from "../users/scope";
import { removeTwoFactor, twoFactorState } from "./two-factor";

export type UserTwoFactor = { enabled: boolean; enabledAt: Date | null; requiredByRole: boolean; requiredForUser: boolean; recoveryCodesLeft: number };

async function findUser(ctx: Ctx, userId: string) {
  const [row] = await ctx.db
    .select({ id: users.id, role: users.role, twoFactorRequired: users.twoFactorRequired })
    .from(users)
    .where(and(eq(users.id, userId), userInScope(ctx)))
    .limit(1);
  return row;
}

const requiredByRole = (role: Role) => rolesRequiringTwoFactor.includes(role);

/** The two-factor section of an administrator's user page. */
export async function getUserTwoFactor({ ctx, userId }: { ctx: Ctx; userId: string }): Promise<UserTwoFactor> {
  await assertCan(ctx, "user:manage", "user.two-factor.view");
  const user = await findUser(ctx, userId);
  if (!user) return denyNotFound(ctx, "user.two-factor.view", "user", userId);
  const state = await twoFactorState(ctx.db, user.id);
  return { enabled: state.enabled, enabledAt: state.enabledAt, requiredByRole: requiredByRole(user.role), requiredForUser: user.twoFactorRequired, recoveryCodesLeft: state.recoveryCodesLeft };
}

/**
 * Requires (or stops requiring) two-factor for an officer or pilot manager. Requiring it signs the
 * user out, so they set it up at their next sign-in before reaching anything else.
 */
export async function setUserTwoFactorRequired({ ctx, input }: { ctx: Ctx; input: UserTwoFactorRequiredInput }): Promise<void> {
  const action = "user.two-factor-required";
  await assertCan(ctx, "user:manage", action);
  const user = await findUser(ctx, input.userId);
  if (!user) return denyNotFound(ctx, action, "user", input.userId);
  await assertManagesEverySiteOf(ctx, user.id, action);
  const state = await twoFactorState(ctx.db, user.id);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        twoFactorRequired: input.required,
        updatedAt: new Date(),
        ...(input.required && !state.enabled && !user.twoFactorRequired ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
      })
      .where(eq(users.id, user.id));
    await recordAudit(tx, { ...actor(ctx), action, outcome: "success", entityType: "user", entityId: user.id, detail: { required: input.required } });
  });
}

/**
 * For a user who lost their phone and recovery codes: removes their two-factor and signs them out.
 * They set it up again at their next sign-in (if it is required) or from their account page.
 */
export async function resetUserTwoFactor({ ctx, input }: { ctx: Ctx; input: ResetUserTwoFactorInput }): Promise<void> {
  const action = "user.two-factor-reset";
  await assertCan(ctx, "user:manage", action);
  const user = await findUser(ctx, input.userId);
  if (!user) return denyNotFound(ctx, action, "user", input.userId);
  await assertManagesEverySiteOf(ctx, user.id, action);
  await ctx.db.transaction(async (tx) => {
    const removed = await removeTwoFactor(tx, user.id);
    await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() }).where(eq(users.id, user.id));
    await recordAudit(tx, { ...actor(ctx), action, outcome: "success", entityType: "user", entityId: user.id, detail: { hadTwoFactor: removed } });
  });
}
