import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema";
import type { Role } from "@/domain/roles";
import { recordAudit } from "../audit/record";
import { burnVerifyTime, verifyPassword } from "./passwords";

export type VerifiedUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

/** Checks an email and password; every attempt, good or bad, is audited. */
export async function verifyCredentials(
  db: Executor,
  input: { email: string; password: string; ip: string | null },
): Promise<VerifiedUser | null> {
  const email = input.email.trim().toLowerCase();
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, passwordHash: users.passwordHash, disabled: users.disabled, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);

  if (!user) {
    await burnVerifyTime(input.password);
    await recordAudit(db, { action: "sign-in", outcome: "failure", actorEmail: email, ip: input.ip, detail: { reason: "unknown email" } });
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok || user.disabled) {
    await recordAudit(db, {
      action: "sign-in",
      outcome: "failure",
      userId: user.id,
      actorEmail: email,
      ip: input.ip,
      detail: { reason: ok ? "account disabled" : "wrong password" },
    });
    return null;
  }
  await recordAudit(db, { action: "sign-in", outcome: "success", userId: user.id, actorEmail: email, ip: input.ip });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
