import "server-only";
import { cookies, headers } from "next/headers";

/**
 * The pending sign-in's token between the password and the second factor: http-only (no script
 * reads it), SameSite=Strict, Secure when served over HTTPS (as next-auth does for the session
 * cookie), and gone after 15 minutes at most. The database decides whether it is still good
 * (server/auth/sign-in-flow.ts).
 */
const NAME = "hub-sign-in";

export async function setChallengeCookie(token: string): Promise<void> {
  const secure = (await headers()).get("x-forwarded-proto") === "https";
  (await cookies()).set(NAME, token, { httpOnly: true, sameSite: "strict", secure, path: "/", maxAge: 15 * 60 });
}

export async function readChallengeCookie(): Promise<string | undefined> {
  return (await cookies()).get(NAME)?.value;
}

export async function clearChallengeCookie(): Promise<void> {
  (await cookies()).delete(NAME);
}
