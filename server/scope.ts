import "server-only";
import type { Ctx } from "./context";

// A uuid no site has: keeps `IN (...)` valid, and matching nothing, for a user with no sites.
const NO_SITE = "00000000-0000-0000-0000-000000000000";

/** The site ids every query filters by (STYLE.md 4: scoping inside the SQL). */
export function siteScope(ctx: Ctx): string[] {
  return ctx.user.siteIds.length ? ctx.user.siteIds : [NO_SITE];
}

export function inMySites(ctx: Ctx, siteId: string): boolean {
  return ctx.user.siteIds.includes(siteId);
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
