import "server-only";
import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { authMessages } from "@/domain/messages";
import type { ChangePasswordInput } from "@/domain/passwords-schema";
import { formatSecretForTyping, otpauthUri } from "@/domain/totp";
import type { EnrolCodeInput } from "@/domain/totp-schemas";
import { twoFactorRequired } from "@/domain/totp-policy";
import type { Ctx } from "../context";
import { actor } from "../authz";
import { recordAudit } from "../audit/record";
import { ConflictError, ValidationError } from "../errors";
import { hashPassword, verifyPassword } from "./passwords";
import { issueSignInTicket } from "./sign-in-flow";
import { clearThrottle, recordThrottledFailure, throttledKinds } from "./throttle";
import { confirmEnrolment, pendingSecret, regenerateRecoveryCodes, twoFactorState } from "./two-factor";

/*
 * A signed-in user's own account: every role may change its own password and two-factor, so these
 * use cases need no permission from the table, only the signed-in user (ctx.user), and touch
 * nothing but that user's rows.
 */

export const TOTP_ISSUER = "Probation Health Hub";

export type OwnTwoFactor = { enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number; required: boolean };

export async function getOwnTwoFactor({ ctx }: { ctx: Ctx }): Promise<OwnTwoFactor> {
  const [row] = await ctx.db.select({ twoFactorRequired: users.twoFactorRequired }).from(users).where(eq(users.id, ctx.user.id)).limit(1);
  const state = await twoFactorState(ctx.db, ctx.user.id);
  return { enabled: state.enabled, enabledAt: state.enabledAt, recoveryCodesLeft: state.recoveryCodesLeft, required: twoFactorRequired(ctx.user.role, row?.twoFactorRequired ?? false) };
}

export type EnrolmentDetails = { otpauthUri: string; secretForTyping: string };

/** The secret to scan or type, for a user setting two-factor up (null if it is already on). */
export async function enrolmentDetailsFor(db: Ctx["db"], user: { id: string; email: string }): Promise<EnrolmentDetails | null> {
  const secret = await pendingSecret(db, user.id);
  if (!secret) return null;
  return { otpauthUri: otpauthUri({ issuer: TOTP_ISSUER, account: user.email, secret }), secretForTyping: formatSecretForTyping(secret) };
}

export async function startOwnEnrolment({ ctx }: { ctx: Ctx }): Promise<EnrolmentDetails | null> {
  return enrolmentDetailsFor(ctx.db, ctx.user);
}

/** Turns two-factor on with the first code; returns the recovery codes to show once. */
export async function confirmOwnEnrolment({ ctx, input, now = new Date() }: { ctx: Ctx; input: EnrolCodeInput; now?: Date }): Promise<string[]> {
  const codes = await ctx.db.transaction(async (tx) => {
    const recovery = await confirmEnrolment(tx, ctx.user.id, input.code, now);
    if (recovery) await recordAudit(tx, { ...actor(ctx), action: "two-factor.enrol", outcome: "success", entityType: "user", entityId: ctx.user.id });
    return recovery;
  });
  if (!codes) {
    await recordAudit(ctx.db, { ...actor(ctx), action: "two-factor.enrol", outcome: "failure", entityType: "user", entityId: ctx.user.id, detail: { reason: "wrong code" } });
    throw new ValidationError({ code: authMessages.codeWrong });
  }
  return codes;
}

export async function regenerateOwnRecoveryCodes({ ctx }: { ctx: Ctx }): Promise<string[]> {
  const codes = await ctx.db.transaction(async (tx) => {
    const fresh = await regenerateRecoveryCodes(tx, ctx.user.id);
    if (fresh) await recordAudit(tx, { ...actor(ctx), action: "two-factor.recovery-codes", outcome: "success", entityType: "user", entityId: ctx.user.id });
    return fresh;
  });
  if (!codes) throw new ConflictError("Set up two-factor sign-in first.");
  return codes;
}

/**
 * Changes the user's own password after checking the current one (wrong guesses count towards the
 * account's cooling-off, as at sign-in). Every other session ends (session version); the caller
 * gets a sign-in ticket to carry on in this browser.
 */
export async function changeOwnPassword({ ctx, input, now = new Date() }: { ctx: Ctx; input: ChangePasswordInput; now?: Date }): Promise<{ ticket: string }> {
  const action = "account.change-password";
  const who = { ...actor(ctx), entityType: "user", entityId: ctx.user.id };
  const [row] = await ctx.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, ctx.user.id)).limit(1);
  const throttled = await throttledKinds(ctx.db, [{ kind: "account", id: ctx.user.email }], now);
  const ok = row ? await verifyPassword(row.passwordHash, input.currentPassword) : false;
  if (throttled.length > 0 || !ok) {
    if (!throttled.length) await recordThrottledFailure(ctx.db, "account", ctx.user.email, now);
    await recordAudit(ctx.db, { ...who, action, outcome: "failure", detail: { reason: throttled.length ? "account throttled" : "wrong current password" } });
    throw new ValidationError({ currentPassword: throttled.length ? authMessages.signInRefused : authMessages.currentPasswordWrong });
  }
  if (input.newPassword === input.currentPassword) throw new ValidationError({ newPassword: authMessages.newPasswordSame });
  if (input.newPassword.trim().toLowerCase() === ctx.user.email.toLowerCase()) throw new ValidationError({ newPassword: authMessages.passwordSameAsEmail });
  await clearThrottle(ctx.db, "account", ctx.user.email);
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(eq(users.id, ctx.user.id));
    await recordAudit(tx, { ...who, action, outcome: "success" });
    return { ticket: await issueSignInTicket(tx, ctx.user.id, now) };
  });
}
