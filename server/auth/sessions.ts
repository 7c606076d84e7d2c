import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull, lte } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { userSessions } from "@/db/schema";
import { recordAudit } from "../audit/record";

/**
 * Server-side sessions. The signed cookie only names a row in user_sessions; this module decides
 * whether that row is still good: not ended (signed out), used within the idle limit (30 minutes)
 * and younger than the absolute limit (12 hours). A session past either limit is ended here, with
 * an audit row, the first time anyone presents it. Ending every session of a user when their
 * access or password changes is done by users.session_version (server/auth/session-user.ts).
 */

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const settings = z
  .object({
    // Shorter limits are for trying the timeout by hand; the service runs on the defaults.
    SESSION_IDLE_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(2).max(24 * 60).default(30)),
    SESSION_ABSOLUTE_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(24).default(12)),
  })
  .safeParse(process.env);
if (!settings.success) {
  throw new Error(`Invalid environment settings (see .env.example):\n${settings.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
}

const MINUTE = 60_000;

export type SessionPolicy = {
  /** No request for this long ends the session. */
  idleMs: number;
  /** A session never lasts longer than this from sign-in. */
  absoluteMs: number;
  /** last_seen_at is written at most this often per session, so most requests only read. */
  touchEveryMs: number;
  /** How long before the idle timeout the page warns. */
  warnBeforeMs: number;
};

const idleMs = settings.data.SESSION_IDLE_MINUTES * MINUTE;
export const sessionPolicy: SessionPolicy = {
  idleMs,
  absoluteMs: settings.data.SESSION_ABSOLUTE_HOURS * 60 * MINUTE,
  touchEveryMs: MINUTE,
  // Five minutes, or half the idle time when someone tries a very short one.
  warnBeforeMs: Math.min(5 * MINUTE, idleMs / 2),
};

export type SessionEndReason = "sign-out" | "idle" | "absolute";

export type ActiveSession = { id: string; userId: string; idleExpiresAt: Date; absoluteExpiresAt: Date };

export type SessionCheck = { ok: true; session: ActiveSession } | { ok: false; reason: "missing" | "ended" | "idle" | "absolute" };

/** Starts a session at sign-in; the id goes into the signed cookie. */
export async function startSession(db: Executor, userId: string, now: Date = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.insert(userSessions).values({ id, userId, createdAt: now, lastSeenAt: now });
  return id;
}

/**
 * Is this session still good at `now`? If it has gone idle or passed its absolute limit it is
 * ended (and audited) now. With `touch`, a good session's last_seen_at moves to `now` unless it
 * was written less than a minute ago: a request keeps the session alive, a status check does not.
 */
export async function checkSession(
  db: Executor,
  params: { sessionId: string; userId: string; touch: boolean; ip?: string | null; now?: Date; policy?: SessionPolicy },
): Promise<SessionCheck> {
  const now = params.now ?? new Date();
  const policy = params.policy ?? sessionPolicy;
  const [row] = await db
    .select({ userId: userSessions.userId, createdAt: userSessions.createdAt, lastSeenAt: userSessions.lastSeenAt, endedAt: userSessions.endedAt })
    .from(userSessions)
    .where(eq(userSessions.id, params.sessionId))
    .limit(1);
  if (!row || row.userId !== params.userId) return { ok: false, reason: "missing" };
  if (row.endedAt) return { ok: false, reason: "ended" };

  const absoluteExpiresAt = new Date(row.createdAt.getTime() + policy.absoluteMs);
  const timedOut: SessionEndReason | null =
    now >= absoluteExpiresAt ? "absolute" : now.getTime() - row.lastSeenAt.getTime() >= policy.idleMs ? "idle" : null;
  if (timedOut) {
    await endSession(db, { sessionId: params.sessionId, userId: row.userId, reason: timedOut, ip: params.ip ?? null, now });
    return { ok: false, reason: timedOut };
  }

  let lastSeenAt = row.lastSeenAt;
  if (params.touch && now.getTime() - lastSeenAt.getTime() >= policy.touchEveryMs) {
    const touched = await db
      .update(userSessions)
      .set({ lastSeenAt: now })
      .where(
        and(eq(userSessions.id, params.sessionId), isNull(userSessions.endedAt), lte(userSessions.lastSeenAt, new Date(now.getTime() - policy.touchEveryMs))),
      )
      .returning({ lastSeenAt: userSessions.lastSeenAt });
    // Zero rows: another request touched it a moment ago, which is just as good.
    lastSeenAt = touched[0]?.lastSeenAt ?? now;
  }
  const idleExpiresAt = new Date(Math.min(lastSeenAt.getTime() + policy.idleMs, absoluteExpiresAt.getTime()));
  return { ok: true, session: { id: params.sessionId, userId: row.userId, idleExpiresAt, absoluteExpiresAt } };
}

/**
 * Ends a session for good (a later request with the same cookie is refused) and audits why.
 * Returns false if it had already ended: only the first ending is recorded.
 */
export async function endSession(
  db: Executor,
  params: { sessionId: string; userId: string; reason: SessionEndReason; actorEmail?: string | null; ip?: string | null; now?: Date },
): Promise<boolean> {
  const now = params.now ?? new Date();
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(userSessions)
      .set({ endedAt: now, endReason: params.reason })
      .where(and(eq(userSessions.id, params.sessionId), eq(userSessions.userId, params.userId), isNull(userSessions.endedAt)))
      .returning({ createdAt: userSessions.createdAt });
    const [row] = ended;
    if (!row) return false;
    await recordAudit(tx, {
      action: params.reason === "sign-out" ? "sign-out" : "session-timeout",
      outcome: "success",
      userId: params.userId,
      actorEmail: params.actorEmail ?? null,
      ip: params.ip ?? null,
      entityType: "session",
      detail: { reason: params.reason, startedAt: row.createdAt.toISOString() },
    });
    return true;
  });
}

/**
 * End-to-end tests only (server/auth routes check HUB_E2E_HOOKS): makes the caller's own session
 * look `minutes` older, as if nobody had used it since. It can only bring a timeout closer.
 */
export async function ageSession(db: Executor, params: { sessionId: string; userId: string; minutes: number }): Promise<void> {
  const shift = params.minutes * MINUTE;
  const [row] = await db
    .select({ createdAt: userSessions.createdAt, lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .where(and(eq(userSessions.id, params.sessionId), eq(userSessions.userId, params.userId)))
    .limit(1);
  if (!row) return;
  await db
    .update(userSessions)
    .set({ createdAt: new Date(row.createdAt.getTime() - shift), lastSeenAt: new Date(row.lastSeenAt.getTime() - shift) })
    .where(and(eq(userSessions.id, params.sessionId), eq(userSessions.userId, params.userId)));
}

/** Milliseconds from now until `at` (never negative): what the page's timeout warning counts down. */
export function msUntil(at: Date, now: Date = new Date()): number {
  return Math.max(0, at.getTime() - now.getTime());
}
