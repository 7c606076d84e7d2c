import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { twoFactorRecoveryCodes, userTwoFactor } from "@/db/schema";
import { RECOVERY_CODE_COUNT, decryptTotpSecret, encryptTotpSecret, newRecoveryCode, normaliseRecoveryCode, recoveryCodeHash } from "@/domain/totp-secret-box";
import { normaliseTotpCode, verifyTotp } from "@/domain/totp";
import { logWarn } from "../log";
import { twoFactorKeyMaterial } from "./two-factor-keys";

/** The TOTP secret length RFC 4226 recommends for HMAC-SHA-1: 160 bits. */
const SECRET_BYTES = 20;

export type TwoFactorState = { enabled: boolean; enabledAt: Date | null; pending: boolean; recoveryCodesLeft: number };

export async function twoFactorState(db: Executor, userId: string): Promise<TwoFactorState> {
  const [row] = await db.select({ enabledAt: userTwoFactor.enabledAt }).from(userTwoFactor).where(eq(userTwoFactor.userId, userId)).limit(1);
  const [left] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(twoFactorRecoveryCodes)
    .where(and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)));
  return { enabled: Boolean(row?.enabledAt), enabledAt: row?.enabledAt ?? null, pending: Boolean(row && !row.enabledAt), recoveryCodesLeft: row?.enabledAt ? (left?.n ?? 0) : 0 };
}

function decrypt(box: string, userId: string): Uint8Array | null {
  const secret = decryptTotpSecret(twoFactorKeyMaterial(), box);
  // The key changed (TWO_FACTOR_ENCRYPTION_KEY or AUTH_SECRET): an administrator must reset this user's two-factor.
  if (!secret) logWarn("two-factor secret cannot be decrypted: the key changed", { userId });
  return secret;
}

/**
 * The secret being set up: kept between page loads so a code scanned a minute ago still works.
 * Null if two-factor is already on (turning it on again needs an administrator's reset).
 */
export async function pendingSecret(db: Executor, userId: string): Promise<Uint8Array | null> {
  const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId)).limit(1);
  if (row?.enabledAt) return null;
  if (row) {
    const existing = decrypt(row.secretEncrypted, userId);
    if (existing) return existing;
  }
  const secret = new Uint8Array(randomBytes(SECRET_BYTES));
  const secretEncrypted = encryptTotpSecret(twoFactorKeyMaterial(), secret);
  const [saved] = await db
    .insert(userTwoFactor)
    .values({ userId, secretEncrypted })
    .onConflictDoUpdate({ target: userTwoFactor.userId, set: { secretEncrypted, lastUsedStep: null, createdAt: new Date() }, setWhere: isNull(userTwoFactor.enabledAt) })
    .returning({ userId: userTwoFactor.userId });
  return saved ? secret : null;
}

async function replaceRecoveryCodes(db: Executor, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const key = twoFactorKeyMaterial();
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
  await db.insert(twoFactorRecoveryCodes).values(codes.map((code) => ({ userId, codeHash: recoveryCodeHash(key, userId, normaliseRecoveryCode(code) ?? code) })));
  return codes;
}

/**
 * Turns two-factor on once the user proves their app shows the right code. Returns the ten
 * recovery codes (shown once, stored hashed), or null for a wrong code. Pass a transaction.
 */
export async function confirmEnrolment(db: Executor, userId: string, code: string, now: Date): Promise<string[] | null> {
  const [row] = await db.select().from(userTwoFactor).where(and(eq(userTwoFactor.userId, userId), isNull(userTwoFactor.enabledAt))).limit(1);
  const secret = row && decrypt(row.secretEncrypted, userId);
  if (!secret) return null;
  const step = verifyTotp(secret, code, now);
  if (step === null) return null;
  const [enabled] = await db
    .update(userTwoFactor)
    .set({ enabledAt: now, lastUsedStep: step })
    .where(and(eq(userTwoFactor.userId, userId), isNull(userTwoFactor.enabledAt)))
    .returning({ userId: userTwoFactor.userId });
  if (!enabled) return null;
  return replaceRecoveryCodes(db, userId);
}

export type SecondFactorMethod = "authenticator code" | "recovery code";

/**
 * Checks a code from the app, or a recovery code, for a user with two-factor on. Each succeeds
 * once: the app code's time step is recorded (no replay, nor of an earlier code) and a recovery
 * code is marked used, both by a conditional update so two racing requests cannot both pass.
 */
export async function verifySecondFactor(db: Executor, userId: string, input: string, now: Date): Promise<SecondFactorMethod | null> {
  const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId)).limit(1);
  if (!row?.enabledAt) return null;

  if (normaliseTotpCode(input)) {
    const secret = decrypt(row.secretEncrypted, userId);
    if (!secret) return null;
    const step = verifyTotp(secret, input, now, row.lastUsedStep);
    if (step === null) return null;
    const [claimed] = await db
      .update(userTwoFactor)
      .set({ lastUsedStep: step })
      .where(and(eq(userTwoFactor.userId, userId), or(isNull(userTwoFactor.lastUsedStep), lt(userTwoFactor.lastUsedStep, step))))
      .returning({ userId: userTwoFactor.userId });
    return claimed ? "authenticator code" : null;
  }

  const recovery = normaliseRecoveryCode(input);
  if (!recovery) return null;
  const [used] = await db
    .update(twoFactorRecoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(twoFactorRecoveryCodes.userId, userId),
        eq(twoFactorRecoveryCodes.codeHash, recoveryCodeHash(twoFactorKeyMaterial(), userId, recovery)),
        isNull(twoFactorRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: twoFactorRecoveryCodes.id });
  return used ? "recovery code" : null;
}

/** New recovery codes for a user with two-factor on; the old ones stop working. Null if it is off. */
export async function regenerateRecoveryCodes(db: Executor, userId: string): Promise<string[] | null> {
  const state = await twoFactorState(db, userId);
  if (!state.enabled) return null;
  return replaceRecoveryCodes(db, userId);
}

/** Removes the secret and the recovery codes: the user sets two-factor up again. */
export async function removeTwoFactor(db: Executor, userId: string): Promise<boolean> {
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
  const removed = await db.delete(userTwoFactor).where(eq(userTwoFactor.userId, userId)).returning({ userId: userTwoFactor.userId });
  return removed.length > 0;
}
