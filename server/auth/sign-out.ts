import "server-only";
import { getDb } from "../db";
import { auth } from "./config";
import { requestIp } from "../context";
import { endSession } from "./sessions";

/**
 * Ends the caller's server-side session (audited as sign-out) before the cookie is cleared, so a
 * copy of the old cookie is refused from now on. Works for a session that already timed out too
 * (then nothing is left to end).
 */
export async function recordSignOut(): Promise<void> {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || typeof sessionId !== "string") return;
  await endSession(await getDb(), { sessionId, userId, reason: "sign-out", actorEmail: session.user.email ?? null, ip: await requestIp() });
}
