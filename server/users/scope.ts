import "server-only";
import { and, eq, exists, inArray, notExists, notInArray, or, type SQL } from "drizzle-orm";
import { userSites, users } from "@/db/schema";
import type { Ctx } from "../context";
import { siteScope } from "../scope";
import { actor } from "../authz";
import { recordAudit } from "../audit/record";
import { ForbiddenError } from "../errors";

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

/**
 * Changing an account (its access, password or status) needs authority over every site it
 * reaches: otherwise an administrator at one site could take over an account that works at
 * another and read that site's records (security review). A refusal is audited.
 */
export async function assertManagesEverySiteOf(ctx: Ctx, userId: string, action: string): Promise<void> {
  const elsewhere = await ctx.db
    .select({ siteId: userSites.siteId })
    .from(userSites)
    .where(and(eq(userSites.userId, userId), notInArray(userSites.siteId, siteScope(ctx))))
    .limit(1);
  if (elsewhere.length === 0) return;
  await recordAudit(ctx.db, { ...actor(ctx), action, outcome: "denied", entityType: "user", entityId: userId, detail: { reason: "user works at a site the administrator does not manage" } });
  throw new ForbiddenError("user:manage (all of the user's sites)");
}
