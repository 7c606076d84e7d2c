import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { userSites, users } from "@/db/schema";
import type { SessionUser } from "../context";

export async function loadActiveUser(db: Executor, id: string, sessionVersion: number): Promise<SessionUser | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!row || row.disabled || row.sessionVersion !== sessionVersion) return null;
  const sites = await db.select({ siteId: userSites.siteId }).from(userSites).where(and(eq(userSites.userId, id)));
  return { id: row.id, email: row.email, name: row.name, role: row.role, siteIds: sites.map((s) => s.siteId) };
}
