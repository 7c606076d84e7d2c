import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { sites, userSites, users } from "@/db/schema";
import type { Ctx } from "../context";
import { assertCan } from "../authz";
import { siteScope } from "../scope";

export type SiteOption = { id: string; name: string };

/** The sites the user works at, for filters and form choices. */
export async function listMySites({ ctx }: { ctx: Ctx }): Promise<SiteOption[]> {
  await assertCan(ctx, "site:read", "sites.list");
  return ctx.db.select({ id: sites.id, name: sites.name }).from(sites).where(inArray(sites.id, siteScope(ctx))).orderBy(asc(sites.name));
}

export type OfficerOption = { id: string; name: string; siteId: string };

/** Enabled probation officers at the user's sites, one row per officer and site. */
export async function listOfficers({ ctx }: { ctx: Ctx }): Promise<OfficerOption[]> {
  await assertCan(ctx, "caseload:read", "officers.list");
  return ctx.db
    .select({ id: users.id, name: users.name, siteId: userSites.siteId })
    .from(users)
    .innerJoin(userSites, eq(userSites.userId, users.id))
    .where(and(eq(users.role, "probation_officer"), eq(users.disabled, false), inArray(userSites.siteId, siteScope(ctx))))
    .orderBy(asc(users.name));
}
