import "server-only";
import { and, asc, count, eq, ilike, inArray, or, type SQL } from "drizzle-orm";
import { sites, userSites, users } from "@/db/schema";
import type { Role } from "@/domain/roles";
import type { Ctx } from "../context";
import { assertCan, denyNotFound } from "../authz";
import { siteScope, UUID_PATTERN } from "../scope";
import { userInScope } from "./scope";

// Administrators see accounts only: nothing here joins people, appointments or any health table.

export const USERS_PAGE_SIZE = 25;

export type UsersQuery = { q?: string; page?: number };

export type UserRow = { id: string; name: string; email: string; role: Role; disabled: boolean; siteNames: string[] };

export type UsersPage = { rows: UserRow[]; total: number; page: number; pageCount: number };

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Names of each user's sites, limited to the caller's own sites: other sites stay out of view. */
async function siteNamesFor(ctx: Ctx, userIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const out = new Map<string, { id: string; name: string }[]>();
  if (userIds.length === 0) return out;
  const rows = await ctx.db
    .select({ userId: userSites.userId, id: sites.id, name: sites.name })
    .from(userSites)
    .innerJoin(sites, eq(sites.id, userSites.siteId))
    .where(and(inArray(userSites.userId, userIds), inArray(userSites.siteId, siteScope(ctx))))
    .orderBy(asc(sites.name));
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), { id: r.id, name: r.name }]);
  return out;
}

/** One page of the users the administrator manages, by name, optionally matching a name or email. */
export async function listUsers({ ctx, query }: { ctx: Ctx; query: UsersQuery }): Promise<UsersPage> {
  await assertCan(ctx, "user:manage", "users.list");

  const conditions: SQL[] = [userInScope(ctx)];
  const q = query.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    const match = or(ilike(users.name, pattern), ilike(users.email, pattern));
    if (match) conditions.push(match);
  }
  const where = and(...conditions);

  const [totalRow] = await ctx.db.select({ n: count() }).from(users).where(where);
  const total = totalRow?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page ?? 1), pageCount);

  const rows = await ctx.db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, disabled: users.disabled })
    .from(users)
    .where(where)
    .orderBy(asc(users.name), asc(users.email))
    .limit(USERS_PAGE_SIZE)
    .offset((page - 1) * USERS_PAGE_SIZE);

  const siteNames = await siteNamesFor(
    ctx,
    rows.map((r) => r.id),
  );
  return {
    rows: rows.map((r) => ({ ...r, siteNames: (siteNames.get(r.id) ?? []).map((s) => s.name) })),
    total,
    page,
    pageCount: total === 0 ? 0 : pageCount,
  };
}

export type UserDetails = {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
  /** The user's sites among the administrator's own. */
  siteIds: string[];
  siteNames: string[];
  /** Sites the user also works at that this administrator does not manage (kept on every change). */
  otherSiteCount: number;
  version: number;
  createdAt: Date;
};

/** One user the administrator manages, or not found (audited) for anyone else. */
export async function getUser({ ctx, userId }: { ctx: Ctx; userId: string }): Promise<UserDetails> {
  await assertCan(ctx, "user:manage", "user.view");
  const [row] = UUID_PATTERN.test(userId)
    ? await ctx.db
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          role: users.role,
          disabled: users.disabled,
          version: users.version,
          createdAt: users.createdAt,
        })
        .from(users)
        .where(and(eq(users.id, userId), userInScope(ctx)))
        .limit(1)
    : [];
  if (!row) return denyNotFound(ctx, "user.view", "user", userId);

  const mine = (await siteNamesFor(ctx, [row.id])).get(row.id) ?? [];
  const [allRow] = await ctx.db.select({ n: count() }).from(userSites).where(eq(userSites.userId, row.id));
  return {
    ...row,
    siteIds: mine.map((s) => s.id),
    siteNames: mine.map((s) => s.name),
    otherSiteCount: (allRow?.n ?? 0) - mine.length,
  };
}
