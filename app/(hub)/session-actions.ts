"use server";
import type { SessionStatus } from "@/components/session/session-timeout-warning";
import { auth } from "@/server/auth/config";
import { checkSession, msUntil } from "@/server/auth/sessions";
import { getDb } from "@/server/db";
import { getSessionState, requestIp } from "@/server/context";

/** "Stay signed in": this request counts as activity, so the session's idle clock starts again. */
export async function staySignedInAction(): Promise<SessionStatus> {
  const state = await getSessionState();
  if (!state) return { state: "ended", reason: "ended" };
  return { state: "active", expiresInMs: msUntil(state.session.idleExpiresAt) };
}

/**
 * How long the session has left, without counting as activity (the warning's own checks must not
 * keep an unattended page signed in). A session that has run out is ended here.
 */
export async function sessionStatusAction(): Promise<SessionStatus> {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || typeof sessionId !== "string") return { state: "ended", reason: "ended" };
  const checked = await checkSession(await getDb(), { sessionId, userId, touch: false, ip: await requestIp() });
  if (!checked.ok) return { state: "ended", reason: checked.reason === "absolute" ? "absolute" : checked.reason === "idle" ? "idle" : "ended" };
  return { state: "active", expiresInMs: msUntil(checked.session.idleExpiresAt) };
}
