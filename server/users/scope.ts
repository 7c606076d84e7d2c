import "server-only";
import { and, eq, exists, inArray, notExists, or, type SQL } from "drizzle-orm";
import { userSites, users } from "@/db/schema";
import type { Ctx } from "../context";
import { siteScope } from "../scope";

/**
 * The users an administrator manages: those sharing at least one site with them, and those with
 * no site at all (otherwise nobody could manage them). A condition for the WHERE clause, so a user
 * elsewhere is never loaded (STYLE.md 4).
 */
export function userInScope(ctx: Ctx): SQL {
  const atMySite = ctx.db
    .select({ one: userSites.userId })
    .from(userSites)
    .where(and(eq(userSites.userId, users.id), inArray(userSites.siteId, siteScope(ctx))));
  const atAnySite = ctx.db.select({ one: userSites.userId }).from(userSites).where(eq(userSites.userId, users.id));
  // `or` of two conditions is never undefined; the fallback only satisfies the type.
  return or(exists(atMySite), notExists(atAnySite)) ?? exists(atMySite);
}
