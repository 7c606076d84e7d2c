import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { userSites, users } from "@/db/schema";
import type { SessionUser } from "../context";

/**
 * The user and their sites in one query (this runs on every request): null when the user is gone,
 * disabled, or their access changed since the session began (session version).
 */
export async function loadActiveUser(db: Executor, id: string, sessionVersion: number): Promise<SessionUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      siteIds: sql<string[]>`coalesce(array_agg(${userSites.siteId}::text) filter (where ${userSites.siteId} is not null), '{}')`,
    })
    .from(users)
    .leftJoin(userSites, eq(userSites.userId, users.id))
    .where(eq(users.id, id))
    .groupBy(users.id);
  if (!row || row.disabled || row.sessionVersion !== sessionVersion) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, siteIds: row.siteIds };
}
