import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import { signInChallenges, users } from "@/db/schema";
import type { Role } from "@/domain/roles";
import { twoFactorRequired } from "@/domain/totp-policy";
import { recordAudit } from "../audit/record";
import { burnVerifyTime, verifyPassword } from "./passwords";
import { clearThrottle, recordThrottledFailure, throttledKinds } from "./throttle";
import { confirmEnrolment, pendingSecret, twoFactorState, verifySecondFactor } from "./two-factor";

/**
 * Signing in, one step at a time. No session exists until every step is done: between steps the
 * browser holds only a random token (http-only cookie), the database its hash and what is still
 * owed. next-auth's Credentials provider accepts nothing but a token whose stage is `complete`
 * (consumeSignInTicket), so its endpoint cannot be used to skip a step.
 */
export type ChallengeStage = "second-factor" | "enrol" | "complete";
export type VerifiedUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

const TTL_MS: Record<ChallengeStage, number> = { "second-factor": 5 * 60_000, enrol: 15 * 60_000, complete: 60_000 };
/** Wrong codes allowed on one challenge before the password must be entered again. */
export const CODES_PER_CHALLENGE = 5;

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

async function newChallenge(db: Executor, userId: string, stage: ChallengeStage, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  // Drop this user's stale challenges as we go, so the table stays small without a job.
  await db.delete(signInChallenges).where(and(eq(signInChallenges.userId, userId), lt(signInChallenges.expiresAt, now)));
  await db.insert(signInChallenges).values({ tokenHash: hashToken(token), userId, stage, expiresAt: new Date(now.getTime() + TTL_MS[stage]), createdAt: now });
  return token;
}

/** A ticket for next-auth straight away: for a user who has just proved who they are again (changed their password). */
export async function issueSignInTicket(db: Executor, userId: string, now = new Date()): Promise<string> {
  return newChallenge(db, userId, "complete", now);
}

export type PasswordStepResult = { kind: "refused" } | { kind: "challenge"; token: string; stage: ChallengeStage };

/**
 * Step 1, email and password. Every path does the argon2 work and answers "refused" alike, whether
 * the email is unknown, the password wrong, the account disabled or the account or address cooling
 * off: the reason is only in the audit trail.
 */
export async function passwordStep(db: Database, input: { email: string; password: string; address: string }, now = new Date()): Promise<PasswordStepResult> {
  const email = input.email.trim().toLowerCase();
  const throttled = await throttledKinds(db, [{ kind: "account", id: email }, { kind: "address", id: input.address }], now);
  const [user] = await db
    .select({ id: users.id, role: users.role, passwordHash: users.passwordHash, disabled: users.disabled, twoFactorRequired: users.twoFactorRequired })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : (await burnVerifyTime(input.password), false);
  const who = { userId: user?.id ?? null, actorEmail: email, ip: input.address };

  if (throttled.length > 0) {
    await recordAudit(db, { ...who, action: "sign-in", outcome: "denied", detail: { reason: throttled.map((k) => `${k} throttled`).join(", ") } });
    return { kind: "refused" };
  }
  if (!user || !passwordOk || user.disabled) {
    await recordThrottledFailure(db, "account", email, now);
    await recordThrottledFailure(db, "address", input.address, now);
    const reason = !user ? "unknown email" : !passwordOk ? "wrong password" : "account disabled";
    await recordAudit(db, { ...who, action: "sign-in", outcome: "failure", detail: { reason } });
    return { kind: "refused" };
  }

  await clearThrottle(db, "account", email);
  const state = await twoFactorState(db, user.id);
  const stage: ChallengeStage = state.enabled ? "second-factor" : twoFactorRequired(user.role, user.twoFactorRequired) ? "enrol" : "complete";
  if (stage === "enrol") await pendingSecret(db, user.id);
  const token = await newChallenge(db, user.id, stage, now);
  if (stage !== "complete") await recordAudit(db, { ...who, action: "sign-in.password", outcome: "success", detail: { next: stage } });
  return { kind: "challenge", token, stage };
}

type OpenChallenge = { userId: string; email: string; stage: ChallengeStage; attempts: number };

/** The challenge behind a token, if it is still open and at this stage. */
export async function openChallenge(db: Executor, token: string | undefined, stage: ChallengeStage, now = new Date()): Promise<OpenChallenge | null> {
  if (!token) return null;
  const [row] = await db
    .select({ userId: signInChallenges.userId, email: users.email, stage: signInChallenges.stage, attempts: signInChallenges.attempts })
    .from(signInChallenges)
    .innerJoin(users, eq(users.id, signInChallenges.userId))
    .where(and(eq(signInChallenges.tokenHash, hashToken(token)), eq(signInChallenges.stage, stage), gt(signInChallenges.expiresAt, now), eq(users.disabled, false)))
    .limit(1);
  return row ?? null;
}

export type CodeStepResult =
  | { kind: "complete" }
  | { kind: "enrolled"; recoveryCodes: string[] }
  | { kind: "wrong" }
  | { kind: "throttled" }
  | { kind: "expired" };

/**
 * A wrong code costs the challenge one of its five tries and counts towards the user's
 * second-factor cooling-off (10 in a row: 15 minutes) and the address's daily limit.
 */
async function codeFailure(db: Database, token: string, challenge: OpenChallenge, address: string, now: Date, action: string): Promise<CodeStepResult> {
  await recordThrottledFailure(db, "second-factor", challenge.userId, now);
  await recordThrottledFailure(db, "address", address, now);
  const [row] = await db
    .update(signInChallenges)
    .set({ attempts: sql`${signInChallenges.attempts} + 1` })
    .where(eq(signInChallenges.tokenHash, hashToken(token)))
    .returning({ attempts: signInChallenges.attempts });
  const used = (row?.attempts ?? CODES_PER_CHALLENGE) >= CODES_PER_CHALLENGE;
  if (used) await db.delete(signInChallenges).where(eq(signInChallenges.tokenHash, hashToken(token)));
  await recordAudit(db, { userId: challenge.userId, actorEmail: challenge.email, ip: address, action, outcome: "failure", detail: { reason: used ? "wrong code, challenge used up" : "wrong code" } });
  return used ? { kind: "expired" } : { kind: "wrong" };
}

async function codeThrottled(db: Database, challenge: OpenChallenge, address: string, now: Date, action: string): Promise<boolean> {
  const throttled = await throttledKinds(db, [{ kind: "second-factor", id: challenge.userId }, { kind: "address", id: address }], now);
  if (throttled.length === 0) return false;
  await recordAudit(db, { userId: challenge.userId, actorEmail: challenge.email, ip: address, action, outcome: "denied", detail: { reason: throttled.map((k) => `${k} throttled`).join(", ") } });
  return true;
}

/** Step 2 for a user with two-factor on: a code from their app, or a recovery code. */
export async function secondFactorStep(db: Database, input: { token: string | undefined; code: string; address: string }, now = new Date()): Promise<CodeStepResult> {
  const action = "sign-in.second-factor";
  const challenge = await openChallenge(db, input.token, "second-factor", now);
  if (!challenge || !input.token) return { kind: "expired" };
  if (await codeThrottled(db, challenge, input.address, now, action)) return { kind: "throttled" };
  const method = await verifySecondFactor(db, challenge.userId, input.code, now);
  if (!method) return codeFailure(db, input.token, challenge, input.address, now, action);
  await clearThrottle(db, "second-factor", challenge.userId);
  await db
    .update(signInChallenges)
    .set({ stage: "complete", expiresAt: new Date(now.getTime() + TTL_MS.complete) })
    .where(eq(signInChallenges.tokenHash, hashToken(input.token)));
  await recordAudit(db, { userId: challenge.userId, actorEmail: challenge.email, ip: input.address, action, outcome: "success", detail: { method } });
  return { kind: "complete" };
}

/** Step 2 for a user who must set two-factor up first: the first code from their app turns it on. */
export async function enrolmentStep(db: Database, input: { token: string | undefined; code: string; address: string }, now = new Date()): Promise<CodeStepResult> {
  const action = "two-factor.enrol";
  const challenge = await openChallenge(db, input.token, "enrol", now);
  if (!challenge || !input.token) return { kind: "expired" };
  const token = input.token;
  if (await codeThrottled(db, challenge, input.address, now, action)) return { kind: "throttled" };
  const recoveryCodes = await db.transaction(async (tx) => {
    const codes = await confirmEnrolment(tx, challenge.userId, input.code, now);
    if (!codes) return null;
    await tx
      .update(signInChallenges)
      .set({ stage: "complete", expiresAt: new Date(now.getTime() + TTL_MS.enrol) })
      .where(eq(signInChallenges.tokenHash, hashToken(token)));
    await recordAudit(tx, { userId: challenge.userId, actorEmail: challenge.email, ip: input.address, action, outcome: "success", detail: { during: "sign-in" } });
    return codes;
  });
  if (!recoveryCodes) return codeFailure(db, token, challenge, input.address, now, action);
  await clearThrottle(db, "second-factor", challenge.userId);
  return { kind: "enrolled", recoveryCodes };
}

/**
 * Called by next-auth's authorize(): spends a `complete` ticket (once) and returns the user the
 * session is for. The successful sign-in is audited here, where the session is actually issued.
 */
export async function consumeSignInTicket(db: Database, token: string, address: string, now = new Date()): Promise<VerifiedUser | null> {
  const [spent] = await db
    .delete(signInChallenges)
    .where(and(eq(signInChallenges.tokenHash, hashToken(token)), eq(signInChallenges.stage, "complete"), gt(signInChallenges.expiresAt, now)))
    .returning({ userId: signInChallenges.userId });
  if (!spent) return null;
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, sessionVersion: users.sessionVersion, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, spent.userId))
    .limit(1);
  if (!user || user.disabled) return null;
  await recordAudit(db, { userId: user.id, actorEmail: user.email, ip: address, action: "sign-in", outcome: "success" });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
