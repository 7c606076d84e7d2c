import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { signInThrottles } from "@/db/schema";

/**
 * Failed-attempt counters kept in the database, so they hold across server processes and restarts.
 * An account (and a user's second factor) cools off for 15 minutes after 10 consecutive failures;
 * a success clears it. An address is refused after 100 failures in a 24-hour window until that
 * window ends. Nothing is ever locked for good: the worst an attacker can do is delay.
 */
export const throttleRules = {
  account: { limit: 10, windowMs: null, lockMs: 15 * 60_000 },
  "second-factor": { limit: 10, windowMs: null, lockMs: 15 * 60_000 },
  address: { limit: 100, windowMs: 24 * 60 * 60_000, lockMs: null },
} as const;
export type ThrottleKind = keyof typeof throttleRules;

/**
 * The address every request shares when the real one cannot be known (server/auth/client-address.ts).
 * It is never throttled: one shared bucket would let anyone block every sign-in for a day with 100
 * wrong passwords. Accounts keep their own limit; set TRUST_PROXY=1 behind a proxy for this one.
 */
const UNKNOWN_ADDRESS = "unknown";
const counted = (kind: ThrottleKind, id: string) => !(kind === "address" && id === UNKNOWN_ADDRESS);

export const throttleKey = (kind: ThrottleKind, id: string) => `${kind}:${kind === "account" ? id.trim().toLowerCase() : id}`;

/** The kinds among these keys that are cooling off at `now`. */
export async function throttledKinds(db: Executor, allKeys: { kind: ThrottleKind; id: string }[], now: Date): Promise<ThrottleKind[]> {
  const keys = allKeys.filter((k) => counted(k.kind, k.id));
  if (keys.length === 0) return [];
  const rows = await db
    .select({ key: signInThrottles.key, lockedUntil: signInThrottles.lockedUntil })
    .from(signInThrottles)
    .where(inArray(signInThrottles.key, keys.map((k) => throttleKey(k.kind, k.id))));
  const locked = new Set(rows.filter((r) => r.lockedUntil && r.lockedUntil > now).map((r) => r.key));
  return keys.filter((k) => locked.has(throttleKey(k.kind, k.id))).map((k) => k.kind);
}

/**
 * Counts one failure. A counter starts again once its cooling-off has passed (account) or its
 * window has ended (address). Returns the count after this failure.
 */
export async function recordThrottledFailure(db: Executor, kind: ThrottleKind, id: string, now: Date): Promise<number> {
  if (!counted(kind, id)) return 0;
  const rule = throttleRules[kind];
  const key = throttleKey(kind, id);
  const t = signInThrottles;
  const windowStart = rule.windowMs === null ? null : new Date(now.getTime() - rule.windowMs);
  const startsAgain = windowStart
    ? sql`(${t.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz)`
    : sql`(${t.lockedUntil} is not null and ${t.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
  const [row] = await db
    .insert(t)
    .values({ key, failures: 1, windowStartedAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`case when ${startsAgain} then 1 else ${t.failures} + 1 end`,
        windowStartedAt: sql`case when ${startsAgain} then ${now.toISOString()}::timestamptz else ${t.windowStartedAt} end`,
        lockedUntil: sql`case when ${startsAgain} then null else ${t.lockedUntil} end`,
        updatedAt: now,
      },
    })
    .returning({ failures: t.failures, windowStartedAt: t.windowStartedAt });
  if (!row) return 0;
  if (row.failures >= rule.limit) {
    const until = rule.lockMs !== null ? new Date(now.getTime() + rule.lockMs) : new Date(row.windowStartedAt.getTime() + (rule.windowMs ?? 0));
    await db.update(t).set({ lockedUntil: until }).where(eq(t.key, key));
  }
  return row.failures;
}

/** A success: the account's (or second factor's) run of failures is over. Address counts stay. */
export async function clearThrottle(db: Executor, kind: Exclude<ThrottleKind, "address">, id: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, throttleKey(kind, id)));
}
