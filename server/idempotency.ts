import "server-only";
import { randomUUID } from "node:crypto";
import { eq, lt } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { messages } from "@/domain/messages";
import type { Ctx } from "./context";
import { ConflictError } from "./errors";

/** A create form's key, made as its page renders (so it is new for every fresh form). */
export function newIdempotencyKey(): string {
  return randomUUID();
}

/** Keys are kept this long: a double click or a browser replay happens within seconds or minutes. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Makes a create happen at most once per form render. Call it first inside the create's
 * transaction: the key is claimed (INSERT ... ON CONFLICT DO NOTHING) in that same transaction,
 * so it commits or rolls back together with the record.
 *
 * - a new key: `run` makes the record and its result is stored with the key;
 * - a key this user already used for this action: `run` is skipped and the stored result comes
 *   back, so the user lands on the record the first submission made;
 * - a key used by someone else or for another action: refused.
 *
 * Concurrent duplicates are safe: on Postgres the second INSERT waits on the first transaction's
 * uncommitted key and then sees it (or, if that transaction rolled back, takes the key itself);
 * PGlite runs one transaction at a time. No key (a form posted before its script loaded) means no
 * protection, exactly as before.
 */
export async function withIdempotency<T>(
  tx: Executor,
  ctx: Ctx,
  key: string | null | undefined,
  action: string,
  run: () => Promise<T>,
): Promise<T> {
  if (!key) return run();
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ key, userId: ctx.user.id, action })
    .onConflictDoNothing({ target: idempotencyKeys.key })
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [stored] = await tx
      .select({ userId: idempotencyKeys.userId, action: idempotencyKeys.action, result: idempotencyKeys.result })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, key))
      .limit(1);
    // Gone between the two statements (purged) or belonging to someone else: never reuse it.
    if (!stored || stored.userId !== ctx.user.id || stored.action !== action || stored.result == null) {
      throw new ConflictError(messages.submissionReused);
    }
    return stored.result as T;
  }
  const result = await run();
  await tx
    .update(idempotencyKeys)
    .set({ result: result === undefined ? {} : result })
    .where(eq(idempotencyKeys.key, key));
  return result;
}

/** Deletes keys older than the time-to-live; returns how many went. Safe to run at any time. */
export async function purgeIdempotencyKeys(db: Executor, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
  const deleted = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff)).returning({ key: idempotencyKeys.key });
  return deleted.length;
}

/**
 * The result an earlier submission with this key stored, for use cases whose checks before their
 * transaction would refuse a repeat (an outcome already recorded): the repeat is answered first.
 * A key held by another user or action is refused here too.
 */
export async function earlierResult<T>(ctx: Ctx, key: string | null | undefined, action: string): Promise<{ result: T } | null> {
  if (!key) return null;
  const [stored] = await ctx.db
    .select({ userId: idempotencyKeys.userId, action: idempotencyKeys.action, result: idempotencyKeys.result })
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.key, key))
    .limit(1);
  if (!stored) return null;
  if (stored.userId !== ctx.user.id || stored.action !== action || stored.result == null) throw new ConflictError(messages.submissionReused);
  return { result: stored.result as T };
}
