import "server-only";
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { services, sites } from "@/db/schema";
import type { CommissionerType, ServiceCategory } from "@/domain/referrals";
import type { Ctx } from "../context";
import { assertCan, denyNotFound } from "../authz";
import { siteScope, UUID_PATTERN } from "../scope";

export type ServicesQuery = { siteId?: string; category?: ServiceCategory; includeInactive?: boolean };

export type ServiceRow = {
  id: string;
  siteId: string;
  siteName: string;
  name: string;
  category: ServiceCategory;
  commissionerType: CommissionerType;
  contact: string | null;
  address: string | null;
  active: boolean;
};

const rowColumns = {
  id: services.id,
  siteId: services.siteId,
  siteName: sites.name,
  name: services.name,
  category: services.category,
  commissionerType: services.commissionerType,
  contact: services.contact,
  address: services.address,
  active: services.active,
};

/**
 * The services at the user's sites (or one of them), by site then name: the site filter is part of
 * the SQL. Active services only unless asked. Not paginated: a site lists tens of services, and
 * the referral form offers them all.
 */
export async function listServices({ ctx, query = {} }: { ctx: Ctx; query?: ServicesQuery }): Promise<ServiceRow[]> {
  await assertCan(ctx, "service:read", "services.list");
  const conditions: SQL[] = [inArray(services.siteId, siteScope(ctx))];
  if (query.siteId) conditions.push(eq(services.siteId, query.siteId));
  if (query.category) conditions.push(eq(services.category, query.category));
  if (!query.includeInactive) conditions.push(eq(services.active, true));
  return ctx.db
    .select(rowColumns)
    .from(services)
    .innerJoin(sites, eq(sites.id, services.siteId))
    .where(and(...conditions))
    .orderBy(asc(sites.name), asc(services.name), asc(services.id));
}

export type ServiceDetails = ServiceRow & { version: number; updatedAt: Date };

/** One service at the user's sites, or not found (audited) for anyone else's. */
export async function getService({ ctx, serviceId }: { ctx: Ctx; serviceId: string }): Promise<ServiceDetails> {
  await assertCan(ctx, "service:read", "service.view");
  const [row] = UUID_PATTERN.test(serviceId)
    ? await ctx.db
        .select({ ...rowColumns, version: services.version, updatedAt: services.updatedAt })
        .from(services)
        .innerJoin(sites, eq(sites.id, services.siteId))
        .where(and(eq(services.id, serviceId), inArray(services.siteId, siteScope(ctx))))
        .limit(1)
    : [];
  if (!row) return denyNotFound(ctx, "service.view", "service", serviceId);
  return row;
}
