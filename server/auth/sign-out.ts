import "server-only";
import { getDb } from "../db";
import { getSessionUser, requestIp } from "../context";
import { recordAudit } from "../audit/record";

export async function recordSignOut(): Promise<void> {
  const user = await getSessionUser();
  if (!user) return;
  await recordAudit(await getDb(), { action: "sign-out", outcome: "success", userId: user.id, actorEmail: user.email, ip: await requestIp() });
}
