import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Executor } from "@/db/client";
import type { Role } from "@/domain/roles";
import { signInPath } from "@/domain/return-to";
import { getDb } from "./db";
import { auth } from "./auth/config";
import { loadActiveUser } from "./auth/session-user";
import { clientAddressFrom } from "./auth/client-address";
import { checkSession, type ActiveSession } from "./auth/sessions";
import { SessionEndedError } from "./errors";
import { recordAudit } from "./audit/record";

export type SessionUser = { id: string; email: string; name: string; role: Role; siteIds: string[] };

/** What every use case receives: who is asking, from where, and the database (or a transaction). */
export type Ctx = { user: SessionUser; db: Executor; ip: string | null };

/**
 * The signed-in user and their server-side session for this request. The session must still be
 * good (server/auth/sessions.ts: not signed out, not idle, not too old), and this request counts
 * as activity. The user is re-read from the database every time: a disabled user, or one whose
 * role, sites or password changed since signing in (session version), gets null.
 */
export const getSessionState = cache(async (): Promise<{ user: SessionUser; session: ActiveSession } | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const sessionVersion = session?.sessionVersion;
  const sessionId = session?.sessionId;
  if (!id || typeof sessionVersion !== "number" || typeof sessionId !== "string") return null;
  const db = await getDb();
  const checked = await checkSession(db, { sessionId, userId: id, touch: true, ip: await requestIp() });
  if (!checked.ok) return null;
  const user = await loadActiveUser(db, id, sessionVersion);
  return user && { user, session: checked.session };
});

export const getSessionUser = cache(async (): Promise<SessionUser | null> => (await getSessionState())?.user ?? null);

/** The client address for the audit log: believed from X-Forwarded-For only with TRUST_PROXY=1 (server/auth/client-address.ts). */
export async function requestIp(): Promise<string | null> {
  return clientAddressFrom(await headers());
}

/**
 * For pages and actions: the context, or off to the sign-in page (coming back here afterwards).
 *
 * A server action is different: redirecting would throw away what the user typed. Its context
 * instead refuses to name a user: the use case's first step (assertCan reads ctx.user) throws
 * SessionEndedError, which handleForm turns into the form with its values and a "sign in again"
 * message. Nothing can be read or written without a user, so this fails closed.
 */
export async function requireCtx(): Promise<Ctx> {
  const user = await getSessionUser();
  const h = await headers();
  if (user) return { user, db: await getDb(), ip: await requestIp() };
  const actionId = h.get("next-action");
  if (actionId) {
    const db = await getDb();
    const ip = await requestIp();
    // Refused for want of a session: on the record like any other denied attempt.
    await recordAudit(db, { action: "action-without-session", outcome: "denied", ip, entityType: "server-action", entityId: actionId.slice(0, 100), detail: { path: h.get("x-hub-path")?.slice(0, 500) ?? null } });
    return {
      get user(): SessionUser {
        throw new SessionEndedError();
      },
      db,
      ip,
    };
  }
  redirect(signInPath(h.get("x-hub-path")));
}
