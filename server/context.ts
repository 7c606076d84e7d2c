import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Executor } from "@/db/client";
import type { Role } from "@/domain/roles";
import { getDb } from "./db";
import { auth } from "./auth/config";
import { loadActiveUser } from "./auth/session-user";

export type SessionUser = { id: string; email: string; name: string; role: Role; siteIds: string[] };

/** What every use case receives: who is asking, from where, and the database (or a transaction). */
export type Ctx = { user: SessionUser; db: Executor; ip: string | null };

/**
 * The signed-in user for this request, re-read from the database every time: a disabled user, or
 * one whose role, sites or password changed since signing in (session version), gets null.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const sessionVersion = session?.sessionVersion;
  if (!id || typeof sessionVersion !== "number") return null;
  return loadActiveUser(await getDb(), id, sessionVersion);
});

export async function requestIp(): Promise<string | null> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null;
}

/** For pages and actions: the context, or off to the sign-in page. */
export async function requireCtx(): Promise<Ctx> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return { user, db: await getDb(), ip: await requestIp() };
}
